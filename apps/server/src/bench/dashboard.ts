/**
 * Latency of the trainer console's read paths on generated national data (generate.ts): the cohort
 * figures and the whole cohort dashboard of the largest cohort (100,000 members), and the national
 * overview (every cohort, as an admin), and three member lists. Calls the exact functions behind
 * GET /api/cohorts, /api/cohorts/:id, /api/cohorts/:id/dashboard and /members, one at a time, after
 * one warm-up call; then the dashboard and the overview again over HTTP, from a server started here
 * on the same data (it applies pending migrations to it).
 *
 * Run: npm run generate -w @bvte/server (once), then
 *   DATABASE_URL=postgres://…/postgres npm run bench -w @bvte/server
 * The data is read from SCALE_DATABASE_URL, or else from the database `bvte_scale` on the server of
 * DATABASE_URL.
 */
import { parseArgs } from "node:util";
import { type BenchRow, recordBench } from "@bvte/bench";
import type { SessionPerson } from "../auth/sessions.ts";
import { createSession, deleteSession } from "../auth/sessions.ts";
import { cohortInScope } from "../cohorts/access.ts";
import {
  DASHBOARD_UNIT_LEVELS,
  figuresByUnit,
  forecast,
  funnelByCourse,
  trend,
} from "../cohorts/dashboard.ts";
import { parseAsOf } from "../cohorts/dates.ts";
import { findCohort, listCohorts } from "../cohorts/figures.ts";
import { listMembers, type MemberQuery } from "../cohorts/members.ts";
import { loadConfig } from "../config.ts";
import { loadCourseCatalog } from "../content.ts";
import { openDatabase } from "../db/database.ts";
import { SESSION_COOKIE } from "../http/session.ts";
import { cohortDashboard } from "../reports/cohort-report.ts";
import { startServer } from "../server.ts";

const MEMBER_LISTS: Record<string, Pick<MemberQuery, "filter" | "sort">> = {
  "member list: not trained, by unit": { filter: "not-trained", sort: "unit" },
  "member list: everyone, by name": { filter: "all", sort: "name" },
  "member list: expiring within 60 days, soonest first": { filter: "expiring", sort: "expires" },
};

const DASHBOARD_OVER_HTTP = "cohort dashboard over HTTP (GET /api/cohorts/:id/dashboard)";
const OVERVIEW_OVER_HTTP = "national overview over HTTP (GET /api/cohorts, admin)";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "20" },
    "as-of": { type: "string" },
    "max-seconds": { type: "string", default: "60" },
  },
});

function scaleUrl(): string | null {
  if (process.env.SCALE_DATABASE_URL) return process.env.SCALE_DATABASE_URL;
  if (!process.env.DATABASE_URL) return null;
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = "/bvte_scale";
  return url.toString();
}

const url = scaleUrl();
if (!url) {
  recordReadPaths({ skipped: "DATABASE_URL not set" });
  process.exit(0);
}

const db = await openDatabase({ databaseUrl: url, dataDir: "" }).catch(() => null);
const found = db
  ? await db
      .query<{ admin: string; cohort: string; members: number; learners: number; cohorts: number }>(
        `select (select id::text from people where login = 'gen.admin') as admin,
                (select cohort_id::text from cohort_members group by cohort_id order by count(*) desc limit 1) as cohort,
                (select count(*) from cohort_members group by cohort_id order by count(*) desc limit 1)::int as members,
                (select count(*) from people where not 'admin' = any(roles))::int as learners,
                (select count(*) from cohorts)::int as cohorts`,
      )
      .then((r) => r.rows[0])
      .catch(() => undefined)
  : undefined;
if (!db || !found?.admin || !found.cohort) {
  recordReadPaths({ skipped: `no generated data in ${new URL(url).pathname.slice(1)}: npm run generate` });
  await db?.close();
  process.exit(0);
}

const admin: SessionPerson = {
  id: found.admin,
  login: "gen.admin",
  displayName: "admin",
  roles: ["admin"],
  homeUnitId: "VN",
};
const asOf = parseAsOf(values["as-of"]);
const catalog = await loadCourseCatalog(new URL("../../../../content", import.meta.url).pathname);
const record = await cohortInScope(db, admin, found.cohort);
const runs = Number(values.runs);
const maxSeconds = Number(values["max-seconds"]);

interface Result {
  name: string;
  runs: number;
  p50: number;
  p95: number;
  target: number | null;
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

/** One warm-up call, then `runs` timed calls (at least one; fewer when they would exceed --max-seconds). */
async function measure(name: string, target: number | null, work: () => Promise<unknown>): Promise<Result> {
  await work();
  const times: number[] = [];
  const budget = performance.now() + maxSeconds * 1000;
  for (let i = 0; i < runs && (i < 1 || performance.now() < budget); i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const result = {
    name,
    runs: times.length,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    target,
  };
  process.stderr.write(`  ${name}: p50 ${result.p50.toFixed(0)} ms, p95 ${result.p95.toFixed(0)} ms\n`);
  return result;
}

const summary = await findCohort(db, admin, record.id, asOf.instant);
if (!summary) throw new Error("the cohort vanished");
const results = [
  await measure("cohort figures (GET /cohorts/:id)", 200, () =>
    findCohort(db, admin, record.id, asOf.instant),
  ),
  await measure("cohort dashboard (GET /cohorts/:id/dashboard)", 200, () =>
    cohortDashboard(db, catalog, admin, record.id, asOf, DASHBOARD_UNIT_LEVELS),
  ),
  await measure("  by unit", null, () => figuresByUnit(db, record, asOf, DASHBOARD_UNIT_LEVELS)),
  await measure("  by course", null, () => funnelByCourse(db, record, asOf)),
  await measure("  trend", null, () => trend(db, record, asOf)),
  await measure("  forecast", null, () => forecast(db, record, asOf, summary.figures)),
  await measure("national overview (GET /cohorts, admin)", 1000, () => listCohorts(db, admin, asOf.instant)),
];
// The member lists a trainer pages through (GET /cohorts/:id/members), first page of 50.
for (const [name, list] of Object.entries(MEMBER_LISTS)) {
  results.push(
    await measure(name, null, () =>
      listMembers(db, record, asOf, {
        ...list,
        withinDays: 60,
        search: "",
        unitId: null,
        page: { offset: 0, limit: 50 },
      }),
    ),
  );
}
// The same two paths over HTTP, as the console asks for them: session, scope checks, routing and
// JSON included. The server runs in this process against the generated data.
const server = await startServer(
  loadConfig(
    { DATABASE_URL: url, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent", NODE_ENV: "test" },
    { demo: false },
  ),
);
const session = await createSession(db, admin.id, 1);
const asOfQuery = values["as-of"] ? `?asOf=${values["as-of"]}` : "";
const get = async (path: string) => {
  const response = await fetch(`${server.url}${path}${asOfQuery}`, {
    headers: { cookie: `${SESSION_COOKIE}=${session.token}` },
  });
  if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
  await response.arrayBuffer();
};
try {
  const overHttp = [
    [DASHBOARD_OVER_HTTP, `/api/cohorts/${record.id}/dashboard`, 200],
    [OVERVIEW_OVER_HTTP, "/api/cohorts", 1000],
  ] as const;
  for (const [name, path, target] of overHttp) {
    results.push(await measure(name, target, () => get(path)));
  }
} finally {
  await deleteSession(db, session.token);
  await server.stop();
}
await db.close();

recordReadPaths({ results, members: found.members, learners: found.learners, cohorts: found.cohorts });

/**
 * Records the p50 and p95 of the read paths in `npm run bench`'s table (the dashboard's parts stay
 * in the log above), or why they were not measured: the same rows either way.
 */
function recordReadPaths(
  run: { results: Result[]; members: number; learners: number; cohorts: number } | { skipped: string },
): void {
  const n = (count: number) => count.toLocaleString("en");
  const paths = [
    ["cohort figures (GET /cohorts/:id)", "cohort"],
    ["cohort dashboard (GET /cohorts/:id/dashboard)", "cohort"],
    [DASHBOARD_OVER_HTTP, "cohort"],
    ["national overview (GET /cohorts, admin)", "national"],
    [OVERVIEW_OVER_HTTP, "national"],
  ] as const;
  const memberRows = Object.keys(MEMBER_LISTS).map((name): BenchRow => {
    const result = "skipped" in run ? undefined : run.results.find((r) => r.name === name);
    return {
      layer: "console read paths",
      measure: `${name} (page of 50), p50`,
      value: result?.p50 ?? null,
      unit: "ms",
      note:
        "skipped" in run
          ? run.skipped
          : `p95 ${Math.round(result?.p95 ?? 0)} ms, cohort of ${n(run.members)} members`,
    };
  });
  const rows = paths.flatMap(([name, scope]): BenchRow[] => {
    const row = (percentile: string, value: number | null, note: string): BenchRow => ({
      layer: "console read paths",
      measure: `${name}, ${percentile}`,
      value,
      unit: "ms",
      note,
    });
    if ("skipped" in run) return [row("p50", null, run.skipped), row("p95", null, run.skipped)];
    const result = run.results.find((r) => r.name === name);
    if (!result) throw new Error(`no read path named ${name}`);
    const data =
      scope === "national"
        ? `${run.cohorts} cohorts, ${n(run.learners)} learners`
        : `cohort of ${n(run.members)} members`;
    const target =
      result.target === null
        ? ""
        : `target < ${n(result.target)} ms: ${result.p95 < result.target ? "met" : "missed"}`;
    return [
      row("p50", result.p50, `${data}, ${result.runs} runs, as of ${asOf.date}`),
      row("p95", result.p95, target),
    ];
  });
  recordBench("dashboard", [...rows, ...memberRows]);
}
