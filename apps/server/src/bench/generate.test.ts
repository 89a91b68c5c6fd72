import { cohortFigures, isTrained, type PassRecord } from "@bvte/learning-records";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionPerson } from "../auth/sessions.ts";
import { listCohorts } from "../cohorts/figures.ts";
import { type Database, openDatabase } from "../db/database.ts";
import { createTestStorage, type TestStorage } from "../testing/index.ts";
import { generate } from "./generate.ts";

const LEARNERS = 2_000;

async function scratch(): Promise<{ db: Database; storage: TestStorage }> {
  const storage = await createTestStorage();
  const db = await openDatabase({ databaseUrl: storage.databaseUrl, dataDir: storage.dataDir });
  return { db, storage };
}

describe(`the national data generator (${LEARNERS.toLocaleString("en")} learners)`, () => {
  let db: Database;
  let storage: TestStorage;
  let admin: SessionPerson;

  beforeAll(async () => {
    ({ db, storage } = await scratch());
    const report = await generate(db, { seed: 3, learners: LEARNERS });
    admin = {
      id: report.adminId,
      login: "gen.admin",
      displayName: "admin",
      roles: ["admin"],
      homeUnitId: "VN",
    };
  }, 180_000);
  afterAll(async () => {
    await db.close();
    await storage.dispose();
  });

  it("builds the country: 34 provinces, 3,300 communes and wards, and the learners across roles", async () => {
    const { rows } = await db.query<{ kind: string; n: number }>(
      "select kind, count(*)::int as n from units group by kind order by kind",
    );
    const byKind = Object.fromEntries(rows.map((row) => [row.kind, row.n]));
    expect(byKind.province).toBe(34);
    expect((byKind.commune ?? 0) + (byKind.ward ?? 0) + (byKind["special-zone"] ?? 0)).toBe(3_300);
    const learners = await db.query<{ role: string; n: number }>(
      "select unnest(roles) as role, count(*)::int as n from people where login <> 'gen.admin' group by 1",
    );
    expect(learners.rows.reduce((sum, row) => sum + row.n, 0)).toBe(LEARNERS);
    expect(learners.rows.length).toBe(5);
  });

  it("gives every cohort the figures an independent count of its members' passes gives", async () => {
    const asOf = new Date("2026-06-30T16:59:59.999Z");
    const cohorts = await db.query<{ id: string; validity_months: number | null; courses: string[] }>(
      `select c.id, c.validity_months, array_agg(cc.course_id) as courses
         from cohorts c join cohort_courses cc on cc.cohort_id = c.id group by c.id`,
    );
    const members = await db.query<{ cohort_id: string; person_id: string }>(
      `select m.cohort_id, m.person_id from cohort_members m join people p on p.id = m.person_id and p.active
        where m.joined_at <= $1`,
      [asOf.toISOString()],
    );
    const passes = await db.query<{ person_id: string; course_id: string; passed_at: Date }>(
      "select person_id, course_id, passed_at from course_passes",
    );
    const passesOf = new Map<string, PassRecord[]>();
    for (const pass of passes.rows) {
      const list = passesOf.get(pass.person_id) ?? [];
      list.push({ courseId: pass.course_id, passedAt: new Date(pass.passed_at) });
      passesOf.set(pass.person_id, list);
    }
    const listed = new Map((await listCohorts(db, admin, asOf)).map((cohort) => [cohort.id, cohort]));
    expect(listed.size).toBe(cohorts.rows.length);
    let trainedSomewhere = 0;
    for (const cohort of cohorts.rows) {
      const people = members.rows.filter((row) => row.cohort_id === cohort.id);
      const trained = people.filter((row) =>
        isTrained({
          passes: passesOf.get(row.person_id) ?? [],
          requiredCourses: cohort.courses,
          validityMonths: cohort.validity_months,
          asOf,
        }),
      ).length;
      trainedSomewhere += trained;
      const figures = listed.get(cohort.id)?.figures;
      expect(figures, cohort.id).toMatchObject(
        cohortFigures(people.length, trained, figures?.targetShare ?? 0),
      );
    }
    expect(trainedSomewhere).toBeGreaterThan(0);
  });

  it("makes the same country from the same seed", async () => {
    const other = await scratch();
    try {
      const fingerprint = (database: Database) =>
        database
          .query<{ digest: string }>(
            `select md5(string_agg(x, ',' order by x)) as digest from (
               select p.login || ':' || p.home_unit_id || ':' || coalesce(string_agg(cp.course_id || '@' || cp.passed_at, ';'
                        order by cp.passed_at), '') as x
                 from people p left join course_passes cp on cp.person_id = p.id group by p.id) f`,
          )
          .then((result) => result.rows[0]?.digest);
      const first = await scratch();
      try {
        await generate(first.db, { seed: 5, learners: 300 });
        await generate(other.db, { seed: 5, learners: 300 });
        expect(await fingerprint(first.db)).toBe(await fingerprint(other.db));
      } finally {
        await first.db.close();
        await first.storage.dispose();
      }
    } finally {
      await other.db.close();
      await other.storage.dispose();
    }
  }, 180_000);
});
