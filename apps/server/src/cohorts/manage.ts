import type { CohortRecord } from "@bvte/api";
import { z } from "zod";
import type { SessionPerson } from "../auth/sessions.ts";
import type { Database, Queryable } from "../db/database.ts";
import { HttpError } from "../http/validation.ts";
import { writeAudit } from "../privacy/audit.ts";
import { withinSubtree } from "./access.ts";
import { unitScopeCondition } from "./scope.ts";

const fields = {
  name: z.string().trim().min(1, "must not be empty").max(200),
  scopeUnitId: z.string().trim().min(1, "must not be empty"),
  requiredCourses: z
    .array(z.string().min(1))
    .min(1, "name at least one course")
    .max(50)
    .refine((ids) => new Set(ids).size === ids.length, "lists a course twice"),
  // numeric(5, 4) in the table: more decimals would be rounded away silently, so refuse them.
  targetShare: z
    .number()
    .gt(0, "must be above 0")
    .lte(1, "must be at most 1 (100%)")
    .refine((share) => Number(share.toFixed(4)) === share, "use at most 4 decimals (0.8 for 80%)"),
  startDate: z.iso.date().nullable(),
  deadline: z.iso.date().nullable(),
  validityMonths: z.int().min(1).max(240).nullable(),
};

const deadlineAfterStart = (cohort: { startDate?: string | null; deadline?: string | null }) =>
  !cohort.startDate || !cohort.deadline || cohort.deadline >= cohort.startDate;
const deadlineIssue = { message: "must not be before the start date", path: ["deadline"] };

export const createCohortSchema = z
  .strictObject({
    ...fields,
    targetShare: fields.targetShare.default(1),
    startDate: fields.startDate.default(null),
    deadline: fields.deadline.default(null),
    validityMonths: fields.validityMonths.default(null),
  })
  .refine(deadlineAfterStart, deadlineIssue);

export const updateCohortSchema = z
  .strictObject(fields)
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, "change at least one field")
  .refine(deadlineAfterStart, deadlineIssue);

export type CohortInput = z.infer<typeof createCohortSchema>;
export type CohortPatch = z.infer<typeof updateCohortSchema>;

/** Refuses a scope unit the person may not use, naming the field. */
async function checkScopeUnit(db: Queryable, person: SessionPerson, unitId: string): Promise<string> {
  const scope = unitScopeCondition(person, "$1");
  const { rows } = await db.query<{ path: string }>(
    `select u.path from units u where u.id = $2 and ${scope.sql}`,
    [scope.value, unitId],
  );
  const row = rows[0];
  if (!row) throw new HttpError(400, "invalid_body", `scopeUnitId: no unit "${unitId}" within your units`);
  return row.path;
}

function checkCourses(knownCourses: ReadonlySet<string>, courses: string[]): void {
  const unknown = courses.findIndex((course) => !knownCourses.has(course));
  if (unknown >= 0) {
    throw new HttpError(400, "invalid_body", `requiredCourses.${unknown}: no course "${courses[unknown]}"`);
  }
}

export async function createCohort(
  db: Database,
  person: SessionPerson,
  knownCourses: ReadonlySet<string>,
  input: CohortInput,
): Promise<string> {
  checkCourses(knownCourses, input.requiredCourses);
  await checkScopeUnit(db, person, input.scopeUnitId);
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `insert into cohorts (name, scope_unit_id, target_share, start_date, deadline, validity_months)
       values ($1, $2, $3, $4, $5, $6) returning id`,
      [
        input.name,
        input.scopeUnitId,
        input.targetShare,
        input.startDate,
        input.deadline,
        input.validityMonths,
      ],
    );
    const id = rows[0]?.id as string;
    await tx.query("insert into cohort_courses (cohort_id, course_id) select $1, unnest($2::text[])", [
      id,
      input.requiredCourses,
    ]);
    return id;
  });
}

/**
 * Changes a cohort's settings. Moving it to another scope unit is refused while members live outside
 * that unit, so a narrower trainer never sees people from outside their units through it.
 */
export async function updateCohort(
  db: Database,
  person: SessionPerson,
  knownCourses: ReadonlySet<string>,
  cohort: CohortRecord,
  patch: CohortPatch,
): Promise<void> {
  if (patch.requiredCourses) checkCourses(knownCourses, patch.requiredCourses);
  const merged = {
    startDate: patch.startDate === undefined ? cohort.startDate : patch.startDate,
    deadline: patch.deadline === undefined ? cohort.deadline : patch.deadline,
  };
  if (!deadlineAfterStart(merged))
    throw new HttpError(400, "invalid_body", "deadline: must not be before the start date");
  if (patch.scopeUnitId && patch.scopeUnitId !== cohort.scopeUnit.id) {
    const path = await checkScopeUnit(db, person, patch.scopeUnitId);
    const { rows } = await db.query<{ n: number }>(
      `select count(*)::int as n from cohort_members m join people p on p.id = m.person_id
         join units u on u.id = p.home_unit_id
        where m.cohort_id = $1 and not ${withinSubtree("u", "$2")}`,
      [cohort.id, path],
    );
    const outside = rows[0]?.n ?? 0;
    if (outside > 0) {
      throw new HttpError(
        409,
        "members_outside_unit",
        `scopeUnitId: ${outside} member(s) belong to units outside "${patch.scopeUnitId}"; remove them first`,
      );
    }
  }
  const columns: [string, unknown][] = [];
  if (patch.name !== undefined) columns.push(["name", patch.name]);
  if (patch.scopeUnitId !== undefined) columns.push(["scope_unit_id", patch.scopeUnitId]);
  if (patch.targetShare !== undefined) columns.push(["target_share", patch.targetShare]);
  if (patch.startDate !== undefined) columns.push(["start_date", patch.startDate]);
  if (patch.deadline !== undefined) columns.push(["deadline", patch.deadline]);
  if (patch.validityMonths !== undefined) columns.push(["validity_months", patch.validityMonths]);
  await db.transaction(async (tx) => {
    if (columns.length > 0) {
      await tx.query(
        `update cohorts set ${columns.map(([column], i) => `${column} = $${i + 2}`).join(", ")} where id = $1`,
        [cohort.id, ...columns.map(([, value]) => value)],
      );
    }
    if (patch.requiredCourses) {
      await tx.query("delete from cohort_courses where cohort_id = $1", [cohort.id]);
      await tx.query("insert into cohort_courses (cohort_id, course_id) select $1, unnest($2::text[])", [
        cohort.id,
        patch.requiredCourses,
      ]);
    }
  });
}

/**
 * Deletes a cohort made by mistake or no longer wanted: its memberships, join codes and figures go
 * with it; what its members learned (statements, course status, passes, certificates) stays theirs.
 * The audit log keeps what was deleted, by whom, and how many members it had.
 */
export async function deleteCohort(db: Database, person: SessionPerson, cohort: CohortRecord): Promise<void> {
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ members: number }>(
      `with gone as (delete from cohorts where id = $1 returning id)
       select (select count(*)::int from cohort_members where cohort_id = $1) as members from gone`,
      [cohort.id],
    );
    const deleted = rows[0];
    if (!deleted) throw new HttpError(404, "not_found", "No such cohort");
    await writeAudit(tx, {
      actorId: person.id,
      action: "cohort.delete",
      details: {
        cohortId: cohort.id,
        name: cohort.name,
        scopeUnitId: cohort.scopeUnit.id,
        requiredCourses: cohort.requiredCourses,
        members: deleted.members,
      },
    });
  });
}
