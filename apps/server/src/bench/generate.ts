/**
 * Scale data for the dashboard benchmark (issue 8): a national tree of units, learners across roles,
 * cohorts with targets, deadlines and validities, and each learner's statements with the projections
 * they produce. Deterministic from `--seed`; every row is built by the database itself from
 * `generate_series` and `hashint8extended`, so a million learners take minutes, not hours.
 *
 * The statements, `course_status` and `course_passes` are written directly with bulk
 * INSERT … SELECT, not through the LRS: the rows have the shapes the LRS writes (same columns, index
 * columns, authority, statement JSON; projections as `applyToProjections` folds them), but no
 * validation or per-batch transaction runs. Ingest throughput is measured separately by ingest.ts.
 *
 * Run: DATABASE_URL=postgres://…/bvte_scale npm run generate -w @bvte/server -- --seed 1 --learners 1000000
 * (the database must be empty or hold only the schema; PGlite through --data-dir only up to 50,000).
 */
import { parseArgs } from "node:util";
import { type Database, openDatabase } from "../db/database.ts";
import { migrate } from "../db/migrate.ts";

export const PROVINCES = 34;
export const COMMUNES = 3300;
export const BIG_COHORT_MEMBERS = 100_000;
const CHUNK = 100_000;
const HOME = "https://bvte.academy";
const ACTIVITY = `${HOME}/xapi/activities/courses/`;
const VERB = "http://adlnet.gov/expapi/verbs/";

/** Course per role; child-protection officers take two. Months of validity from the course manifests. */
const COURSE_MONTHS: Record<string, number | null> = {
  "school-violence-prevention": 12,
  "medical-care-abused-children": 24,
  "child-friendly-investigation": 24,
  "parenting-skills": null,
};

/** One cohort per role group and province: [role, name, courses, target, validity months, deadline]. */
const GROUPS: [string, string, string[], number, number | null, string][] = [
  ["teacher", "Giáo viên", ["school-violence-prevention"], 1, 24, "2026-12-31"],
  ["health-worker", "Nhân viên y tế", ["medical-care-abused-children"], 0.9, 12, "2026-06-30"],
  ["investigator", "Điều tra viên", ["child-friendly-investigation"], 0.8, null, "2027-06-30"],
  ["parent", "Cha mẹ", ["parenting-skills"], 0.8, null, "2027-12-31"],
  [
    "child-protection-officer",
    "Cán bộ bảo vệ trẻ em",
    ["school-violence-prevention", "parenting-skills"],
    1,
    12,
    "2026-09-30",
  ],
];

/** A deterministic number in [0, mod) for item `i`, stream `k` of the seed (SQL). */
const rnd = (seed: number, i: string, k: number, mod: number) =>
  `((hashint8extended((${i})::bigint, ${seed * 1000 + k}) & 2147483647) % ${mod})::int`;
/** A deterministic (version 4 shaped) uuid from a text key (SQL). */
const uuidOf = (seed: number, key: string) =>
  `(select (substr(h, 1, 12) || '4' || substr(h, 14, 3) || '8' || substr(h, 18, 15))::uuid from md5('${seed}:' || ${key}) h)`;

export interface GenerateOptions {
  seed: number;
  learners: number;
  log?: (line: string) => void;
}

export interface GenerateReport {
  phases: { phase: string; rows: number; seconds: number }[];
  bigCohortId: string;
  adminId: string;
}

async function timed(
  report: GenerateReport,
  phase: string,
  log: (line: string) => void,
  work: () => Promise<number>,
) {
  const started = performance.now();
  const rows = await work();
  const seconds = (performance.now() - started) / 1000;
  report.phases.push({ phase, rows, seconds });
  log(
    `${phase.padEnd(34)} ${rows.toLocaleString("en").padStart(11)} rows ${seconds.toFixed(1).padStart(8)} s`,
  );
}

async function count(db: Database, sql: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`select (${sql})::int as n`);
  return rows[0]?.n ?? 0;
}

export async function generate(db: Database, options: GenerateOptions): Promise<GenerateReport> {
  const { seed, learners } = options;
  const log = options.log ?? (() => undefined);
  if (!Number.isInteger(seed) || seed < 0 || seed > 1_000_000) throw new Error("--seed: 0 … 1,000,000");
  if (!Number.isInteger(learners) || learners < 1) throw new Error("--learners: a positive integer");
  if (db.engine === "pglite" && learners > 50_000) throw new Error("PGlite: at most 50,000 learners");
  await migrate(db);
  if ((await count(db, "select count(*) from people")) > 0)
    throw new Error("the database already holds people: generate into an empty database");

  const bigCohortId = (
    await db.query<{ id: string }>(`select ${uuidOf(seed, "'cohort:national'")}::text as id`)
  ).rows[0]?.id as string;
  const adminId = (await db.query<{ id: string }>(`select ${uuidOf(seed, "'person:admin'")}::text as id`))
    .rows[0]?.id as string;
  const report: GenerateReport = { phases: [], bigCohortId, adminId };
  const r = (i: string, k: number, mod: number) => rnd(seed, i, k, mod);

  await timed(report, "units", log, async () => {
    await db.exec(`
      insert into units (id, parent_id, name, kind, path) values ('VN', null, 'Việt Nam', 'other', '/VN/');
      insert into units (id, parent_id, name, kind, path)
      select 'P' || lpad(p::text, 2, '0'), 'VN', 'Tỉnh ' || p, 'province', '/VN/P' || lpad(p::text, 2, '0') || '/'
        from generate_series(1, ${PROVINCES}) p;
      insert into units (id, parent_id, name, kind, path)
      select 'P' || lpad(p::text, 2, '0') || '-' || s.suffix, 'P' || lpad(p::text, 2, '0'), s.label || ' tỉnh ' || p,
             s.kind, '/VN/P' || lpad(p::text, 2, '0') || '/P' || lpad(p::text, 2, '0') || '-' || s.suffix || '/'
        from generate_series(1, ${PROVINCES}) p
       cross join (values ('CA', 'Công an', 'police-unit'), ('BV', 'Bệnh viện', 'health-facility'),
                          ('SGD', 'Sở Giáo dục', 'department')) s(suffix, label, kind);
      create unlogged table gen_communes as
      select c, 'P' || lpad((((c - 1) % ${PROVINCES}) + 1)::text, 2, '0') as province,
             'P' || lpad((((c - 1) % ${PROVINCES}) + 1)::text, 2, '0') || '-C' || lpad(c::text, 4, '0') as id
        from generate_series(1, ${COMMUNES}) c;
      insert into units (id, parent_id, name, kind, path)
      select id, province, case when c % 3 = 0 then 'Phường ' else 'Xã ' end || c,
             case when c % 3 = 0 then 'ward' else 'commune' end, '/VN/' || province || '/' || id || '/'
        from gen_communes;
      insert into units (id, parent_id, name, kind, path)
      select g.id || '-' || s.suffix, g.id, s.label || ' ' || g.c, s.kind,
             '/VN/' || g.province || '/' || g.id || '/' || g.id || '-' || s.suffix || '/'
        from gen_communes g
       cross join (values ('TH', 'Trường Tiểu học', 'school'), ('THCS', 'Trường THCS', 'school'),
                          ('YT', 'Trạm Y tế', 'health-facility'), ('CA', 'Công an xã', 'police-unit')) s(suffix, label, kind);
      insert into people (id, login, display_name, roles, home_unit_id)
      values ('${adminId}', 'gen.admin', 'Quản trị quốc gia', array['admin'], 'VN');`);
    return count(db, "select count(*) from units");
  });

  // Who each learner is: role by a 100-sided die, home unit inside a commune picked by another.
  await timed(report, "learners (people)", log, async () => {
    await db.exec(`
      create unlogged table gen_learners as
      select i, ${uuidOf(seed, "'person:' || i")} as id, g.role,
             'P' || lpad((((c - 1) % ${PROVINCES}) + 1)::text, 2, '0') || '-C' || lpad(c::text, 4, '0') as commune,
             'P' || lpad((((c - 1) % ${PROVINCES}) + 1)::text, 2, '0') as province, c
        from generate_series(0, ${learners - 1}) i
       cross join lateral (select ${r("i", 1, COMMUNES)} + 1 as c, ${r("i", 2, 100)} as d) x
       cross join lateral (select case when x.d < 32 then 'teacher' when x.d < 50 then 'health-worker'
                                       when x.d < 58 then 'investigator' when x.d < 90 then 'parent'
                                       else 'child-protection-officer' end as role) g;
      alter table gen_learners add primary key (i);`);
    for (let from = 0; from < learners; from += CHUNK) {
      await db.exec(`
        insert into people (id, login, display_name, roles, home_unit_id, created_at)
        select id, 'hv' || i, 'Người học ' || i, array[role],
               case role when 'teacher' then commune || case when ${r("i", 3, 2)} = 0 then '-TH' else '-THCS' end
                         when 'health-worker' then commune || '-YT'
                         when 'investigator' then commune || '-CA' else commune end,
               timestamptz '2023-09-01T00:00:00Z' + make_interval(days => ${r("i", 4, 120)})
          from gen_learners where i >= ${from} and i < ${from + CHUNK} order by i`);
    }
    return count(db, "select count(*) from people");
  });

  // Each learner's progress per course: 25% not started, 20% in progress, 10% completed without a
  // pass, 45% passed (one in ten of them also passed 400 days before), passes spread over 2024–2026
  // so validities of 12 and 24 months leave some expired.
  await timed(report, "progress plan", log, async () => {
    await db.exec(`
      create unlogged table gen_courses as
      select l.i, l.id as person_id, c.course_id, c.k, x.u,
             x.started_at,
             case when x.u >= 450 then x.started_at + make_interval(days => 1 + ${r("l.i", 30, 20)}) end as completed_at,
             case when x.u >= 550 then x.started_at + make_interval(days => 1 + ${r("l.i", 30, 20)}, hours => 2) end as passed_at,
             x.u >= 550 and x.u % 10 = 0 as repassed
        from gen_learners l
       cross join lateral unnest(case l.role
           when 'teacher' then array['school-violence-prevention']
           when 'health-worker' then array['medical-care-abused-children']
           when 'investigator' then array['child-friendly-investigation']
           when 'parent' then array['parenting-skills']
           else array['school-violence-prevention', 'parenting-skills'] end) with ordinality as c(course_id, k)
       cross join lateral (
         select ${r("l.i * 8 + c.k", 10, 1000)} as u,
                timestamptz '2024-01-02T01:00:00Z'
                  + make_interval(days => ${r("l.i * 8 + c.k", 11, 1030)}, secs => ${r("l.i * 8 + c.k", 12, 36000)}) as started_at) x
       where x.u >= 250;
      alter table gen_courses add primary key (i, k);`);
    return count(db, "select count(*) from gen_courses");
  });

  const actor = (person: string) =>
    `jsonb_build_object('objectType', 'Agent', 'account', jsonb_build_object('homePage', '${HOME}', 'name', ${person}::text))`;
  const agentKey = (person: string) => `'Agent account ${HOME} ' || ${person}::text`;
  /**
   * One statement row as the LRS stores it: the statement as the player sends it (`stored` and
   * `authority` are columns, as the LRS keeps them), from (id, person, verb, activity, parent, at, result).
   */
  const statementRow = (
    sid: string,
    person: string,
    verb: string,
    activity: string,
    parent: string,
    at: string,
    result: string,
  ) => {
    const ts = `(${at})`;
    return `
    select ${sid}, ${person}, '${VERB}${verb}', ${activity}, ${ts}, ${ts} + interval '3 minutes',
           ${actor(person)}, array[${agentKey(person)}], array[${agentKey(person)}],
           array[${activity}] || case when ${parent} is null then '{}'::text[] else array[${parent}] end,
           jsonb_strip_nulls(jsonb_build_object('id', ${sid}, 'actor', ${actor(person)},
             'verb', jsonb_build_object('id', '${VERB}${verb}', 'display', jsonb_build_object('en-US', '${verb}')),
             'object', jsonb_build_object('objectType', 'Activity', 'id', ${activity}),
             'timestamp', to_char(${ts} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
             'result', ${result}, 'version', '1.0.3',
             'context', case when ${parent} is null then null else
               jsonb_build_object('contextActivities', jsonb_build_object('parent', jsonb_build_array(jsonb_build_object('id', ${parent})))) end))`;
  };
  const sid = (kind: string) => uuidOf(seed, `'st:${kind}:' || g.i || ':' || g.k`);
  const course = `'${ACTIVITY}' || g.course_id`;
  const final = `'${ACTIVITY}' || g.course_id || '/final'`;
  const passResult = (k: number) =>
    `jsonb_build_object('score', jsonb_build_object('scaled', round((70 + ${r("g.i * 8 + g.k", k, 31)}) / 100.0, 2)), 'success', true)`;

  await timed(report, "statements", log, async () => {
    for (let from = 0; from < learners; from += CHUNK) {
      const where = `where g.i >= ${from} and g.i < ${from + CHUNK}`;
      await db.exec(`
        insert into statements (id, person_id, verb, object_id, "timestamp", stored, authority, agents,
                                related_agents, related_activities, statement)
        ${statementRow(sid("init"), "g.person_id", "initialized", course, "null::text", "g.started_at", "null::jsonb")}
          from gen_courses g ${where}
        union all
        ${statementRow(sid("done"), "g.person_id", "completed", course, "null::text", "g.completed_at", "null::jsonb")}
          from gen_courses g ${where} and g.completed_at is not null
        union all
        ${statementRow(sid("pass"), "g.person_id", "passed", final, course, "g.passed_at", passResult(40))}
          from gen_courses g ${where} and g.passed_at is not null
        union all
        ${statementRow(sid("prev"), "g.person_id", "passed", final, course, "g.passed_at - interval '400 days'", passResult(41))}
          from gen_courses g ${where} and g.repassed`);
    }
    return count(db, "select count(*) from statements");
  });

  await timed(report, "course_passes", log, async () => {
    await db.exec(`
      insert into course_passes (statement_id, person_id, course_id, passed_at, score)
      select ${sid("pass")}, g.person_id, g.course_id, g.passed_at, round((70 + ${r("g.i * 8 + g.k", 40, 31)}) / 100.0, 2)
        from gen_courses g where g.passed_at is not null
      union all
      select ${sid("prev")}, g.person_id, g.course_id, g.passed_at - interval '400 days', round((70 + ${r("g.i * 8 + g.k", 41, 31)}) / 100.0, 2)
        from gen_courses g where g.repassed`);
    return count(db, "select count(*) from course_passes");
  });

  // As applyToProjections folds the statements above (a course-level `completed` or a pass completes).
  await timed(report, "course_status", log, async () => {
    await db.exec(`
      insert into course_status (person_id, course_id, status, started_at, completed_at, last_passed_at, best_score,
                                 lessons_completed, expires_at, updated_at)
      select g.person_id, g.course_id,
             case when g.passed_at is not null then 'passed' when g.completed_at is not null then 'completed'
                  else 'in_progress' end,
             g.started_at, coalesce(g.completed_at, g.passed_at), g.passed_at,
             case when g.passed_at is not null then greatest(round((70 + ${r("g.i * 8 + g.k", 40, 31)}) / 100.0, 2),
                  case when g.repassed then round((70 + ${r("g.i * 8 + g.k", 41, 31)}) / 100.0, 2) end) end,
             array(select 'l' || lpad(n::text, 2, '0') from generate_series(1,
               case when g.completed_at is not null then 8 else ${r("g.i * 8 + g.k", 13, 8)} end) n),
             g.passed_at + make_interval(months => case g.course_id
               ${Object.entries(COURSE_MONTHS)
                 .map(([id, m]) => `when '${id}' then ${m === null ? "null::int" : m}`)
                 .join(" ")} end),
             coalesce(g.passed_at, g.completed_at, g.started_at)
        from gen_courses g`);
    return count(db, "select count(*) from course_status");
  });

  // Cohorts: one per role group and province, plus the national teachers' cohort of exactly 100,000.
  // Each insert of members also fills their cohort_spans (the membership triggers of migration 004).
  await timed(report, "cohorts, members and spans", log, async () => {
    await db.exec(`
      create unlogged table gen_groups (n int, role text, label text, courses text[], target numeric,
                                         validity int, deadline date);
      insert into gen_groups values ${GROUPS.map(
        ([role, label, courses, target, validity, deadline], n) =>
          `(${n}, '${role}', '${label}', array[${courses.map((c) => `'${c}'`).join(", ")}], ${target}, ${validity ?? "null"}, '${deadline}')`,
      ).join(", ")};
      insert into cohorts (id, name, scope_unit_id, target_share, start_date, deadline, validity_months, created_at)
      select ${uuidOf(seed, "'cohort:' || p.id || ':' || g.n")}, g.label || ' tỉnh ' || p.name, p.id, g.target,
             date '2024-01-01', g.deadline, g.validity, timestamptz '2023-12-15T00:00:00Z'
        from gen_groups g cross join (select id, substr(id, 2)::int as name from units where kind = 'province') p;
      insert into cohorts (id, name, scope_unit_id, target_share, start_date, deadline, validity_months, created_at)
      values ('${bigCohortId}', 'Giáo viên toàn quốc — phòng chống bạo lực học đường', 'VN', 1,
              date '2024-01-01', date '2026-12-31', 24, timestamptz '2023-12-15T00:00:00Z');
      insert into cohort_courses (cohort_id, course_id)
      select ${uuidOf(seed, "'cohort:' || p.id || ':' || g.n")}, unnest(g.courses)
        from gen_groups g cross join (select id from units where kind = 'province') p;
      insert into cohort_courses values ('${bigCohortId}', 'school-violence-prevention');`);
    for (let from = 0; from < learners; from += CHUNK) {
      await db.exec(`
        insert into cohort_members (cohort_id, person_id, joined_at)
        select ${uuidOf(seed, "'cohort:' || l.province || ':' || g.n")}, l.id,
               timestamptz '2024-01-01T02:00:00Z' + make_interval(days => case when ${r("l.i", 5, 10)} < 8 then 0
                 else ${r("l.i", 6, 600)} end)
          from gen_learners l join gen_groups g on g.role = l.role
         where l.i >= ${from} and l.i < ${from + CHUNK}`);
    }
    await db.exec(`
      insert into cohort_members (cohort_id, person_id, joined_at)
      select '${bigCohortId}', l.id, timestamptz '2024-01-01T02:00:00Z' + make_interval(days => ${r("l.i", 7, 300)})
        from gen_learners l where l.role = 'teacher' order by l.i limit ${BIG_COHORT_MEMBERS}`);
    return count(db, "select count(*) from cohort_members");
  });

  await timed(report, "vacuum and analyze", log, async () => {
    await db.exec("drop table gen_courses, gen_learners, gen_communes, gen_groups");
    // Vacuum too, so the figures' index-only scans need not visit the table.
    if (db.engine === "postgresql") await db.exec("vacuum analyze");
    return 0;
  });
  return report;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      seed: { type: "string", default: "1" },
      learners: { type: "string", default: "1000000" },
      "data-dir": { type: "string" },
    },
  });
  const databaseUrl = process.env.DATABASE_URL;
  const dataDir = values["data-dir"];
  if (!databaseUrl && !dataDir) {
    process.stderr.write("Set DATABASE_URL (PostgreSQL), or --data-dir for PGlite up to 50,000 learners\n");
    process.exit(2);
  }
  if (!databaseUrl && Number(values.learners) > 50_000) {
    process.stderr.write("PGlite: at most 50,000 learners; set DATABASE_URL to a PostgreSQL server\n");
    process.exit(2);
  }
  const db = await openDatabase({ databaseUrl, dataDir: dataDir ?? "" });
  try {
    const started = performance.now();
    const report = await generate(db, {
      seed: Number(values.seed),
      learners: Number(values.learners),
      log: (line) => process.stdout.write(`${line}\n`),
    });
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `${"total".padEnd(34)} ${"".padStart(16)} ${seconds.toFixed(1).padStart(8)} s\n` +
        `national cohort ${report.bigCohortId}, admin ${report.adminId}\n`,
    );
  } finally {
    await db.close();
  }
}
