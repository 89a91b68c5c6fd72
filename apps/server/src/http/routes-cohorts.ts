import { Hono } from "hono";
import { z } from "zod";
import { findCohort, listCohorts } from "../cohorts/figures.ts";
import type { Database } from "../db/database.ts";
import { type AppEnv, requireRole } from "./session.ts";
import { HttpError } from "./validation.ts";

const asOfSchema = z.iso.date().optional();

/** As-of dates are whole days in Vietnam (UTC+7): a figure "on 20/05" counts everything up to that evening. */
function asOfEndOfDay(value: string | undefined): Date {
  const parsed = asOfSchema.safeParse(value);
  if (!parsed.success) throw new HttpError(400, "invalid_query", "asOf: expected a date as YYYY-MM-DD");
  if (!parsed.data) return new Date();
  return new Date(`${parsed.data}T23:59:59.999+07:00`);
}

export function cohortRoutes(db: Database) {
  const app = new Hono<AppEnv>();

  app.get("/", async (c) => {
    const person = requireRole(c, "trainer", "admin");
    const cohorts = await listCohorts(db, person, asOfEndOfDay(c.req.query("asOf")));
    return c.json({ cohorts });
  });

  app.get("/:id", async (c) => {
    const person = requireRole(c, "trainer", "admin");
    const id = c.req.param("id");
    // Unknown and out-of-scope cohorts look the same, so ids outside one's units reveal nothing.
    const cohort = z.uuid().safeParse(id).success
      ? await findCohort(db, person, id, asOfEndOfDay(c.req.query("asOf")))
      : null;
    if (!cohort) throw new HttpError(404, "not_found", "No such cohort");
    return c.json(cohort);
  });

  return app;
}
