import type { Role } from "@bvte/api";
import { hashPassword } from "../auth/password.ts";
import type { Queryable } from "../db/database.ts";
import { addTrainerScope, createPerson, createUnit } from "../people.ts";

export const FIXTURE_PASSWORD = "correct horse battery staple";

/**
 * Two provinces with a ward each, a trainer per province, one cohort per province, a learner in each.
 * Small enough to reason about in assertions.
 */
export async function fixture(db: Queryable) {
  const passwordHash = await hashPassword(FIXTURE_PASSWORD);
  await createUnit(db, { id: "A", parentId: null, name: "Tỉnh A", kind: "province" });
  await createUnit(db, { id: "A-1", parentId: "A", name: "Phường Một", kind: "ward" });
  await createUnit(db, { id: "A-1-S", parentId: "A-1", name: "Trường Tiểu học Một", kind: "school" });
  await createUnit(db, { id: "B", parentId: null, name: "Tỉnh B", kind: "province" });
  const person = (login: string, roles: Role[], unit: string) =>
    createPerson(db, { login, displayName: login, roles, homeUnitId: unit, passwordHash });
  const ids = {
    trainerA: await person("trainer.a", ["trainer"], "A"),
    trainerA1: await person("trainer.a1", ["trainer"], "A-1"),
    trainerB: await person("trainer.b", ["trainer"], "B"),
    learnerA: await person("learner.a", ["teacher"], "A-1-S"),
    learnerB: await person("learner.b", ["teacher"], "B"),
    admin: await person("admin", ["admin"], "A"),
  };
  await addTrainerScope(db, ids.trainerA, "A");
  await addTrainerScope(db, ids.trainerA1, "A-1");
  await addTrainerScope(db, ids.trainerB, "B");
  const cohort = async (name: string, unit: string, members: string[]) => {
    const { rows } = await db.query<{ id: string }>(
      "insert into cohorts (name, scope_unit_id, validity_months) values ($1, $2, 12) returning id",
      [name, unit],
    );
    const id = rows[0]?.id as string;
    await db.query(
      "insert into cohort_courses (cohort_id, course_id) values ($1, 'school-violence-prevention')",
      [id],
    );
    for (const member of members) {
      await db.query("insert into cohort_members (cohort_id, person_id) values ($1, $2)", [id, member]);
    }
    return id;
  };
  const cohorts = {
    a: await cohort("Giáo viên A", "A-1", [ids.learnerA]),
    b: await cohort("Giáo viên B", "B", [ids.learnerB]),
  };
  return { ...ids, cohorts, password: FIXTURE_PASSWORD };
}
