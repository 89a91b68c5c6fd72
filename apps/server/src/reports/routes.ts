import { type Context, Hono } from "hono";
import { z } from "zod";
import { cohortInScope } from "../cohorts/access.ts";
import { parseAsOf } from "../cohorts/dates.ts";
import { listCohorts } from "../cohorts/figures.ts";
import { listMembers, type MemberQuery } from "../cohorts/members.ts";
import type { CourseCatalog } from "../content.ts";
import type { Database } from "../db/database.ts";
import { readQuery } from "../http/routes-cohorts.ts";
import { type AppEnv, requireRole } from "../http/session.ts";
import { HttpError } from "../http/validation.ts";
import { writeAudit } from "../privacy/audit.ts";
import { cohortDashboard } from "./cohort-report.ts";
import { toCsv, toXlsx, XLSX_TYPE } from "./export.ts";
import { courseItemAnalysis } from "./item-analysis.ts";
import { REPORT_LABELS } from "./labels.ts";
import { cohortTables, overviewTable, type ReportTable } from "./tables.ts";

const exportQuery = z.object({
  format: z.enum(["xlsx", "csv"]).default("xlsx"),
  lang: z.enum(["vi", "en"]).default("vi"),
  sep: z.enum(["semicolon", "comma"]).default("semicolon"),
  asOf: z.string().optional(),
});

const cohortExportQuery = exportQuery.extend({
  view: z.enum(["summary", "units", "courses", "trend", "not-trained", "expiring"]).default("summary"),
  withinDays: z.coerce.number().int().min(1).max(366).default(60),
});

/** "Giáo viên A – 2026-05-20" → "giao-vien-a-2026-05-20". */
function slug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/gi, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** An ASCII file name, with the Vietnamese one for clients that read RFC 5987. */
function attachment(c: Context, base: string, extension: string) {
  const ascii = `${slug(base) || "report"}.${extension}`;
  c.header(
    "Content-Disposition",
    `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(`${base}.${extension}`)}`,
  );
}

async function send(
  c: Context,
  tables: ReportTable[],
  query: z.infer<typeof exportQuery> & { view?: string },
  meta: { title: string; creator: string; file: string },
) {
  if (query.format === "xlsx") {
    attachment(c, meta.file, "xlsx");
    return c.body(new Uint8Array(await toXlsx(tables, meta)), 200, { "Content-Type": XLSX_TYPE });
  }
  const table = tables.find((candidate) => candidate.id === (query.view ?? tables[0]?.id)) as ReportTable;
  attachment(c, `${meta.file}-${table.id}`, "csv");
  return c.body(toCsv(table, query.sep), 200, { "Content-Type": "text/csv; charset=utf-8" });
}

export function reportRoutes(db: Database, catalog: CourseCatalog) {
  const app = new Hono<AppEnv>();

  app.get("/overview", async (c) => {
    const person = requireRole(c, "trainer", "admin");
    const query = readQuery(c.req.query(), exportQuery);
    const asOf = parseAsOf(query.asOf);
    const labels = REPORT_LABELS[query.lang];
    const cohorts = await listCohorts(db, person, asOf.instant);
    return send(c, [overviewTable(cohorts, labels)], query, {
      title: `${labels.sheets.overview} ${asOf.date}`,
      creator: person.displayName,
      file: `${labels.sheets.overview}-${asOf.date}`,
    });
  });

  app.get("/cohorts/:id", async (c) => {
    const person = requireRole(c, "trainer", "admin");
    const query = readQuery(c.req.query(), cohortExportQuery);
    const asOf = parseAsOf(query.asOf);
    const labels = REPORT_LABELS[query.lang];
    const { record, dashboard } = await cohortDashboard(db, catalog, person, c.req.param("id"), asOf);
    const list = (filter: MemberQuery["filter"]) =>
      listMembers(db, record, asOf, {
        filter,
        withinDays: query.withinDays,
        search: "",
        unitId: null,
        sort: filter === "expiring" ? "expires" : "unit",
        page: null,
      }).then((result) => result.members);
    // A CSV is one view: the member lists are read only for the file that shows them.
    const shown = (view: "not-trained" | "expiring") => query.format === "xlsx" || query.view === view;
    const [notTrained, expiring] = await Promise.all([
      shown("not-trained") ? list("not-trained") : [],
      shown("expiring") ? list("expiring") : [],
    ]);
    const tables = cohortTables(dashboard, { notTrained, expiring }, labels, query.lang);
    // The member lists name people, so every export that leaves with them is on record.
    await writeAudit(db, {
      actorId: person.id,
      action: "report.export",
      details: {
        cohortId: record.id,
        format: query.format,
        ...(query.format === "csv" ? { view: query.view } : {}),
        asOf: asOf.date,
        people: notTrained.length + expiring.length,
      },
    });
    return send(c, tables, query, {
      title: `${record.name} – ${asOf.date}`,
      creator: person.displayName,
      file: `${record.name}-${asOf.date}`,
    });
  });

  app.get("/item-analysis", async (c) => {
    const person = requireRole(c, "trainer", "admin");
    const query = readQuery(
      c.req.query(),
      z.object({ courseId: z.string().min(1), cohortId: z.string().optional() }),
    );
    let cohortId: string | null = null;
    if (query.cohortId) cohortId = (await cohortInScope(db, person, query.cohortId)).id;
    if (!catalog.find(query.courseId)) throw new HttpError(404, "not_found", "No such course");
    return c.json(await courseItemAnalysis(db, catalog, person, query.courseId, cohortId));
  });

  return app;
}
