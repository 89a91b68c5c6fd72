import type { CohortDashboard, CohortRecord, CourseName } from "@bvte/api";
import type { SessionPerson } from "../auth/sessions.ts";
import { cohortInScope } from "../cohorts/access.ts";
import { figuresByUnit, forecast, funnelFrom, spanCounts, trend } from "../cohorts/dashboard.ts";
import type { AsOf } from "../cohorts/dates.ts";
import { summarize } from "../cohorts/figures.ts";
import type { CourseCatalog } from "../content.ts";
import type { Queryable } from "../db/database.ts";

export function courseNames(catalog: CourseCatalog, ids: readonly string[]): CourseName[] {
  return ids.map((id) => ({ id, title: catalog.find(id)?.manifest.title ?? { vi: id, en: id } }));
}

export async function cohortDashboard(
  db: Queryable,
  catalog: CourseCatalog,
  person: SessionPerson,
  cohortId: string,
  asOf: AsOf,
  unitLevels = Number.POSITIVE_INFINITY,
): Promise<{ record: CohortRecord; dashboard: CohortDashboard }> {
  const record = await cohortInScope(db, person, cohortId);
  // The parts run side by side, each on its own connection when the database is PostgreSQL; one
  // count of every kind of span gives both the headline figures and the course funnel.
  const counts = spanCounts(db, record, asOf);
  const summary = counts.then((count) =>
    summarize(record, { members: count("member"), trained: count("trained"), started: count("started") }),
  );
  const [cohort, byUnit, byCourse, points, outlook] = await Promise.all([
    summary,
    figuresByUnit(db, record, asOf, unitLevels),
    counts.then((count) => funnelFrom(record, count)),
    trend(db, record, asOf),
    summary.then((cohort) => forecast(db, record, asOf, cohort.figures)),
  ]);
  return {
    record,
    dashboard: {
      asOf: asOf.date,
      cohort,
      courses: courseNames(catalog, record.requiredCourses),
      byUnit,
      byCourse,
      trend: points,
      forecast: outlook,
    },
  };
}
