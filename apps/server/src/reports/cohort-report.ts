import type { SessionPerson } from "../auth/sessions.ts";
import { type CohortRecord, cohortInScope } from "../cohorts/access.ts";
import {
  type CourseFunnel,
  type Forecast,
  figuresByUnit,
  forecast,
  funnelByCourse,
  type TrendPoint,
  trend,
  type UnitNode,
} from "../cohorts/dashboard.ts";
import type { AsOf } from "../cohorts/dates.ts";
import { type CohortSummary, findCohort } from "../cohorts/figures.ts";
import type { CourseCatalog } from "../content.ts";
import type { Queryable } from "../db/database.ts";
import { HttpError } from "../http/validation.ts";

export interface CourseName {
  id: string;
  title: { vi: string; en: string };
}

/** Everything the cohort dashboard shows; the exports are built from this same object. */
export interface CohortDashboard {
  asOf: string;
  cohort: CohortSummary;
  courses: CourseName[];
  byUnit: UnitNode[];
  byCourse: CourseFunnel[];
  trend: TrendPoint[];
  forecast: Forecast;
}

export function courseNames(catalog: CourseCatalog, ids: readonly string[]): CourseName[] {
  return ids.map((id) => ({ id, title: catalog.find(id)?.manifest.title ?? { vi: id, en: id } }));
}

export async function cohortDashboard(
  db: Queryable,
  catalog: CourseCatalog,
  person: SessionPerson,
  cohortId: string,
  asOf: AsOf,
): Promise<{ record: CohortRecord; dashboard: CohortDashboard }> {
  const record = await cohortInScope(db, person, cohortId);
  // The parts run side by side, each on its own connection when the database is PostgreSQL.
  const found = findCohort(db, person, cohortId, asOf.instant).then((cohort) => {
    if (!cohort) throw new HttpError(404, "not_found", "No such cohort");
    return cohort;
  });
  const [cohort, byUnit, byCourse, points, outlook] = await Promise.all([
    found,
    figuresByUnit(db, record, asOf),
    funnelByCourse(db, record, asOf),
    trend(db, record, asOf),
    found.then((cohort) => forecast(db, record, asOf, cohort.figures)),
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
