/**
 * Ingest throughput of the LRS (validation, one transaction per batch with its index columns and
 * projections) next to plain multi-row INSERTs of the same rows into a bare table, on embedded
 * PGlite and, when DATABASE_URL is set, on that PostgreSQL server (alone and with 8 writers, as many
 * devices syncing at once). Run: DATABASE_URL=postgres://… npm run bench -w @bvte/server; the figures go
 * into `npm run bench`'s table.
 */
import { randomUUID } from "node:crypto";
import { type BenchRow, recordBench } from "@bvte/bench";
import { buildStatement, type StatementInput } from "@bvte/learning-records";
import { loadCourseCatalog } from "../content.ts";
import { type Database, openDatabase } from "../db/database.ts";
import { migrate } from "../db/migrate.ts";
import { createPerson, createUnit } from "../people.ts";
import { createTestStorage } from "../testing/index.ts";
import { personAgent } from "../xapi/authority.ts";
import { ingestStatements } from "../xapi/ingest.ts";
import { validityRules } from "../xapi/projections.ts";
import { type Statement, statementIssues } from "../xapi/validate.ts";

const LEARNERS = 200;
const PER_LEARNER = 100;
const BATCH = 100;
const COURSES = ["school-violence-prevention", "medical-care-abused-children", "parenting-skills"];

interface Engine {
  name: string;
  open(): Promise<{ db: Database; dispose(): Promise<void> }>;
}

function scratchEngine(name: string, adminUrl: string | undefined): Engine {
  return {
    name,
    async open() {
      const storage = await createTestStorage(adminUrl);
      const db = await openDatabase(storage);
      return {
        db,
        async dispose() {
          await db.close();
          await storage.dispose();
        },
      };
    },
  };
}

/** What one learner's phone sends over a course: starts, lesson completions, progress, a final result. */
function learnerStatements(personId: string, index: number): Statement[] {
  const courseId = COURSES[index % COURSES.length] as string;
  const start = Date.parse("2026-03-01T00:00:00Z") + index * 60_000;
  const at = (i: number) => new Date(start + i * 30_000).toISOString();
  const inputs: StatementInput[] = [
    { id: randomUUID(), personId, verb: "initialized", activity: { courseId }, timestamp: at(0) },
  ];
  for (let i = 1; i < PER_LEARNER - 1; i++) {
    const lessonId = `l${String((i % 12) + 1).padStart(2, "0")}`;
    const verb = i % 4 === 0 ? "completed" : "progressed";
    inputs.push({ id: randomUUID(), personId, verb, activity: { courseId, lessonId }, timestamp: at(i) });
  }
  inputs.push({
    id: randomUUID(),
    personId,
    verb: index % 3 === 0 ? "failed" : "passed",
    activity: { courseId, assessment: "final" },
    timestamp: at(PER_LEARNER),
    score: { scaled: index % 3 === 0 ? 0.6 : 0.9 },
    success: index % 3 !== 0,
  });
  return inputs.map(buildStatement) as Statement[];
}

async function prepare(db: Database) {
  await migrate(db);
  await createUnit(db, { id: "BENCH", parentId: null, name: "Tỉnh Thử nghiệm", kind: "province" });
  // Every learner is in a cohort requiring their course, as in the field, so each batch also pays
  // for keeping the cohort figures (cohort_spans) up to date.
  const cohortOf = new Map<string, string>();
  for (const courseId of COURSES) {
    const { rows } = await db.query<{ id: string }>(
      "insert into cohorts (name, scope_unit_id, validity_months) values ($1, 'BENCH', 24) returning id",
      [courseId],
    );
    const cohortId = rows[0]?.id as string;
    await db.query("insert into cohort_courses (cohort_id, course_id) values ($1, $2)", [cohortId, courseId]);
    cohortOf.set(courseId, cohortId);
  }
  const batches: { personId: string; statements: Statement[] }[] = [];
  for (let i = 0; i < LEARNERS; i++) {
    const personId = await createPerson(db, {
      login: `bench.${i}`,
      displayName: `Người học ${i}`,
      roles: ["teacher"],
      homeUnitId: "BENCH",
    });
    await db.query("insert into cohort_members (cohort_id, person_id) values ($1, $2)", [
      cohortOf.get(COURSES[i % COURSES.length] as string),
      personId,
    ]);
    const all = learnerStatements(personId, i);
    for (let b = 0; b < all.length; b += BATCH)
      batches.push({ personId, statements: all.slice(b, b + BATCH) });
  }
  await db.exec(`create table bench_raw (
    id uuid primary key, person_id uuid, verb text, object_id text, registration uuid,
    "timestamp" timestamptz, stored timestamptz not null default now(), statement jsonb not null)`);
  return batches;
}

/** Runs `work` over the batches with `writers` concurrent loops; statements per second. */
async function throughput<T extends { statements: Statement[] }>(
  batches: T[],
  writers: number,
  work: (batch: T) => Promise<void>,
) {
  const queue = [...batches];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (let batch = queue.shift(); batch; batch = queue.shift()) await work(batch);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return batches.reduce((n, b) => n + b.statements.length, 0) / seconds;
}

function rawInsert(db: Database, statements: Statement[]) {
  const values: unknown[] = [];
  const rows = statements.map((s, i) => {
    values.push(
      s.id,
      s.actor.account?.name,
      s.verb.id,
      (s.object as { id: string }).id,
      null,
      s.timestamp,
      JSON.stringify(s),
    );
    const p = i * 7;
    return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, $${p + 7})`;
  });
  return db.query(
    `insert into bench_raw (id, person_id, verb, object_id, registration, "timestamp", statement) values ${rows.join(", ")}`,
    values,
  );
}

async function measure(engine: Engine, writers: number) {
  const { db, dispose } = await engine.open();
  try {
    const catalog = await loadCourseCatalog(new URL("../../../../content", import.meta.url).pathname);
    const rules = validityRules(catalog);
    const batches = await prepare(db);
    const lrs = await throughput(batches, writers, async ({ personId, statements }) => {
      const issues = statements.flatMap((s, i) => statementIssues(s, [String(i)]));
      if (issues.length > 0)
        throw new Error(`invalid benchmark statement: ${issues[0]?.path}: ${issues[0]?.message}`);
      await ingestStatements(db, rules, statements, { authority: personAgent(personId) });
    });
    const raw = await throughput(batches, writers, async ({ statements }) => {
      await rawInsert(db, statements);
    });
    const { rows } = await db.query<{ n: number }>("select count(*)::int as n from statements");
    if (rows[0]?.n !== LEARNERS * PER_LEARNER) throw new Error(`stored ${rows[0]?.n} statements`);
    const spans = await db.query<{ n: number }>(
      "select count(*)::int as n from cohort_spans where kind = 'started'",
    );
    if (spans.rows[0]?.n !== LEARNERS)
      throw new Error(`cohort figures count ${spans.rows[0]?.n} learners started`);
    return { lrs, raw };
  } finally {
    await dispose();
  }
}

const url = process.env.DATABASE_URL;
const workload = `${(LEARNERS * PER_LEARNER).toLocaleString("en")} statements, ${LEARNERS} learners, batches of ${BATCH}`;
const rows: BenchRow[] = [];
for (const [name, writers] of [
  ["PGlite", 1],
  ["PostgreSQL", 1],
  ["PostgreSQL", 8],
] as const) {
  const skipped = name === "PostgreSQL" && !url;
  const run = skipped
    ? null
    : await measure(scratchEngine(name, name === "PGlite" ? undefined : url), writers);
  const row = (measure: string, value: number | undefined, unit: string, note: string): BenchRow => ({
    layer: "xAPI ingest",
    measure: `${name}, ${writers} writer${writers === 1 ? "" : "s"}: ${measure}`,
    value: value ?? null,
    unit,
    note: run ? note : "DATABASE_URL not set",
  });
  rows.push(
    row("LRS ingest", run?.lrs, "statements/s", workload),
    row("raw multi-row INSERT", run?.raw, "statements/s", "the same rows into a bare table"),
    row("LRS / raw", run ? (100 * run.lrs) / run.raw : undefined, "%", ""),
  );
}
recordBench("ingest", rows);
