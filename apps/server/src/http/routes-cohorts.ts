import { Hono } from "hono";
import { z } from "zod";
import { cohortInScope } from "../cohorts/access.ts";
import { DASHBOARD_UNIT_LEVELS } from "../cohorts/dashboard.ts";
import { endOfVietnamDay, parseAsOf } from "../cohorts/dates.ts";
import { findCohort, listCohorts } from "../cohorts/figures.ts";
import {
  createCohort,
  createCohortSchema,
  deleteCohort,
  updateCohort,
  updateCohortSchema,
} from "../cohorts/manage.ts";
import {
  addMembers,
  findCandidates,
  listMembers,
  type MemberFilter,
  type MemberSort,
  removeMember,
} from "../cohorts/members.ts";
import type { CourseCatalog } from "../content.ts";
import type { Database } from "../db/database.ts";
import { createJoinCode, listJoinCodes, revokeJoinCode } from "../join/join-codes.ts";
import { cohortDashboard } from "../reports/cohort-report.ts";
import { importRoster, previewRoster, RosterInvalidError } from "../roster/import.ts";
import { parseRoster } from "../roster/parse.ts";
import { type AppEnv, requireRole } from "./session.ts";
import { HttpError, readJson } from "./validation.ts";

/** Reads query parameters against a schema; a bad one is a 400 naming it. */
export function readQuery<Schema extends z.ZodType>(
  query: Record<string, string>,
  schema: Schema,
): z.infer<Schema> {
  const result = schema.safeParse(query);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new HttpError(
      400,
      "invalid_query",
      `${issue?.path.join(".")}: ${issue?.message}`,
      result.error.issues,
    );
  }
  return result.data;
}

const memberQuerySchema = z.object({
  filter: z.enum(["all", "trained", "not-trained", "expiring"] satisfies MemberFilter[]).default("all"),
  withinDays: z.coerce.number().int().min(1).max(366).default(60),
  q: z.string().trim().max(100).default(""),
  unitId: z.string().trim().min(1).optional(),
  sort: z.enum(["name", "unit", "expires"] satisfies MemberSort[]).default("name"),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

const dashboardQuerySchema = z.object({
  asOf: z.string().optional(),
  unitLevels: z.coerce.number().int().min(1).max(10).default(DASHBOARD_UNIT_LEVELS),
});

const addMembersSchema = z.strictObject({ personIds: z.array(z.uuid()).min(1).max(1000) });

const joinCodeSchema = z.strictObject({
  /** The last day the code works (Vietnamese time). */
  expiresOn: z.iso.date(),
  maxUses: z.int().min(1).max(100_000).nullable().default(null),
});

/** The uploaded file as bytes, whatever its content type: CSV and XLSX are told apart by content. */
async function readUpload(c: { req: { arrayBuffer(): Promise<ArrayBuffer> } }) {
  return parseRoster(new Uint8Array(await c.req.arrayBuffer()));
}

export function cohortRoutes(db: Database, catalog: CourseCatalog) {
  const app = new Hono<AppEnv>();
  const knownCourses = new Set(catalog.courses.map((course) => course.manifest.id));
  const staff = (c: Parameters<typeof requireRole>[0]) => requireRole(c, "trainer", "admin");

  app.get("/", async (c) => {
    const person = staff(c);
    const cohorts = await listCohorts(db, person, parseAsOf(c.req.query("asOf")).instant);
    return c.json({ cohorts });
  });

  app.post("/", async (c) => {
    const person = staff(c);
    const input = await readJson(c, createCohortSchema);
    const id = await createCohort(db, person, knownCourses, input);
    return c.json(await cohortInScope(db, person, id), 201);
  });

  app.get("/:id", async (c) => {
    const person = staff(c);
    const record = await cohortInScope(db, person, c.req.param("id"));
    const cohort = await findCohort(db, person, record.id, parseAsOf(c.req.query("asOf")).instant);
    if (!cohort) throw new HttpError(404, "not_found", "No such cohort");
    return c.json(cohort);
  });

  app.patch("/:id", async (c) => {
    const person = staff(c);
    const cohort = await cohortInScope(db, person, c.req.param("id"));
    const patch = await readJson(c, updateCohortSchema);
    await updateCohort(db, person, knownCourses, cohort, patch);
    return c.json(await cohortInScope(db, person, cohort.id));
  });

  app.delete("/:id", async (c) => {
    const person = staff(c);
    const cohort = await cohortInScope(db, person, c.req.param("id"));
    await deleteCohort(db, person, cohort);
    return c.body(null, 204);
  });

  app.get("/:id/dashboard", async (c) => {
    const person = staff(c);
    const query = readQuery(c.req.query(), dashboardQuerySchema);
    const { dashboard } = await cohortDashboard(
      db,
      catalog,
      person,
      c.req.param("id"),
      parseAsOf(query.asOf),
      query.unitLevels,
    );
    return c.json(dashboard);
  });

  app.get("/:id/members", async (c) => {
    const person = staff(c);
    const cohort = await cohortInScope(db, person, c.req.param("id"));
    const query = readQuery(c.req.query(), memberQuerySchema.extend({ asOf: z.string().optional() }));
    const result = await listMembers(db, cohort, parseAsOf(query.asOf), {
      filter: query.filter,
      withinDays: query.withinDays,
      search: query.q,
      unitId: query.unitId ?? null,
      sort: query.sort,
      page: { offset: (query.page - 1) * query.pageSize, limit: query.pageSize },
    });
    return c.json({ ...result, page: query.page, pageSize: query.pageSize });
  });

  app.post("/:id/members", async (c) => {
    const person = staff(c);
    const cohort = await cohortInScope(db, person, c.req.param("id"));
    const { personIds } = await readJson(c, addMembersSchema);
    return c.json({ added: await addMembers(db, cohort, [...new Set(personIds)]) });
  });

  app.delete("/:id/members/:personId", async (c) => {
    const person = staff(c);
    const cohort = await cohortInScope(db, person, c.req.param("id"));
    const personId = c.req.param("personId");
    const removed = z.uuid().safeParse(personId).success && (await removeMember(db, cohort.id, personId));
    if (!removed) throw new HttpError(404, "not_found", "No such member");
    return c.body(null, 204);
  });

  app.get("/:id/candidates", async (c) => {
    const person = staff(c);
    const cohort = await cohortInScope(db, person, c.req.param("id"));
    const { q } = readQuery(c.req.query(), z.object({ q: z.string().trim().min(1).max(100) }));
    return c.json({ people: await findCandidates(db, cohort, q) });
  });

  app.post("/:id/roster/preview", async (c) => {
    const person = staff(c);
    const cohort = await cohortInScope(db, person, c.req.param("id"));
    return c.json(await previewRoster(db, cohort, await readUpload(c)));
  });

  app.post("/:id/roster/import", async (c) => {
    const person = staff(c);
    const cohort = await cohortInScope(db, person, c.req.param("id"));
    try {
      return c.json(await importRoster(db, cohort, await readUpload(c)));
    } catch (error) {
      if (error instanceof RosterInvalidError) {
        throw new HttpError(400, "roster_invalid", error.message, error.preview);
      }
      if ((error as { code?: string }).code === "23505") {
        throw new HttpError(
          409,
          "conflict",
          "Someone else changed these accounts meanwhile; preview the file again",
        );
      }
      throw error;
    }
  });

  app.get("/:id/join-codes", async (c) => {
    const person = staff(c);
    const cohort = await cohortInScope(db, person, c.req.param("id"));
    return c.json({ joinCodes: await listJoinCodes(db, cohort.id) });
  });

  app.post("/:id/join-codes", async (c) => {
    const person = staff(c);
    const cohort = await cohortInScope(db, person, c.req.param("id"));
    const input = await readJson(c, joinCodeSchema);
    const expiresAt = endOfVietnamDay(input.expiresOn);
    if (expiresAt.getTime() <= Date.now()) {
      throw new HttpError(400, "invalid_body", "expiresOn: must be today or later");
    }
    return c.json(await createJoinCode(db, cohort.id, person.id, { expiresAt, maxUses: input.maxUses }), 201);
  });

  app.delete("/:id/join-codes/:codeId", async (c) => {
    const person = staff(c);
    const cohort = await cohortInScope(db, person, c.req.param("id"));
    const codeId = c.req.param("codeId");
    const revoked = z.uuid().safeParse(codeId).success && (await revokeJoinCode(db, cohort.id, codeId));
    if (!revoked) throw new HttpError(404, "not_found", "No such join code");
    return c.body(null, 204);
  });

  return app;
}

/** The course catalog, for choosing a cohort's required courses. */
export function catalogRoutes(catalog: CourseCatalog) {
  const app = new Hono<AppEnv>();
  app.get("/", (c) => {
    requireRole(c, "trainer", "admin");
    return c.json({
      courses: catalog.courses.map(({ manifest }) => ({
        id: manifest.id,
        title: manifest.title,
        validityMonths: manifest.validityMonths,
      })),
    });
  });
  return app;
}
