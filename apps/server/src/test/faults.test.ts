import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { buildStatement, type StatementInput, type XapiStatement } from "@bvte/learning-records";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/password.ts";
import { openDatabase } from "../db/database.ts";
import { migrate } from "../db/migrate.ts";
import { createPerson } from "../people.ts";
import { seededRandom } from "../seeded-random.ts";
import { FIXTURE_PASSWORD, fixture, TestClient } from "../testing/index.ts";
import { daysAgo, vietnamDay } from "./console-helpers.ts";
import { XAPI } from "./lrs-helpers.ts";
import { type PgCluster, postgresBinaries, startPgCluster } from "./pg-cluster.ts";
import { killServer, type ServerProcess, spawnServer } from "./server-process.ts";

const REQUIRED = ["parenting-skills", "school-violence-prevention"];
// Records about a course the cohort does not require: they must move no figure.
const OTHER = "medical-care-abused-children";
const LEARNERS = 8;
const RECORDS_PER_LEARNER = 250;
// The player's outbox sends batches of this size (apps/player/src/sync/outbox-sync.ts).
const BATCH = 25;
const TARGET = 0.75;
const SEED = 11;
const HOUR = 3_600_000;

interface Device {
  login: string;
  personId: string;
  inputs: StatementInput[];
  batches: XapiStatement[][];
}

/**
 * What one learner did on their phone over four weeks, in the order it happened: lessons opened,
 * read and finished (some twice), lesson quizzes, final assessments failed and passed. The first
 * learners have fixed stories so the figures always have someone trained, someone half-way and
 * someone who never opened a required course; the others are drawn from the seeded generator.
 */
function learnerStory(index: number, personId: string, random: () => number): StatementInput[] {
  const events: Omit<StatementInput, "timestamp">[] = [];
  const add = (
    verb: StatementInput["verb"],
    activity: StatementInput["activity"],
    extra: Partial<StatementInput> = {},
  ) => events.push({ id: randomUUID(), personId, verb, activity, ...extra });
  const engagement = (courseId: string): "none" | "some" | "pass" => {
    if (index === 0) return courseId === OTHER ? "pass" : "none";
    if (index === 1) return "pass";
    if (index === 2) return courseId === REQUIRED[0] ? "pass" : "some";
    const draw = random();
    return draw < 0.25 ? "none" : draw < 0.5 ? "some" : "pass";
  };
  for (const courseId of [...REQUIRED, OTHER]) {
    const plan = engagement(courseId);
    if (plan === "none") continue;
    add("initialized", { courseId });
    const lessons = plan === "pass" ? 7 : 1 + Math.floor(random() * 5);
    for (let n = 1; n <= lessons; n++) {
      const lessonId = `l0${n}`;
      const reads = random() < 0.2 ? 2 : 1;
      for (let read = 0; read < reads; read++) {
        add("initialized", { courseId, lessonId });
        add("progressed", { courseId, lessonId });
        add("completed", { courseId, lessonId });
      }
      const score = Math.round(random() * 100) / 100;
      add(score >= 0.7 ? "passed" : "failed", { courseId, lessonId }, { score: { scaled: score } });
    }
    const failures = Math.floor(random() * 3);
    for (let n = 0; n < failures; n++) {
      const score = Math.round((0.3 + random() * 0.39) * 100) / 100;
      add("failed", { courseId, assessment: "final" }, { score: { scaled: score }, success: false });
    }
    if (plan === "pass") {
      const score = Math.round((0.7 + random() * 0.3) * 100) / 100;
      add("passed", { courseId, assessment: "final" }, { score: { scaled: score }, success: true });
      if (random() < 0.5) add("completed", { courseId });
    }
  }
  // Scrolling through lessons fills the rest, as it does on a real phone.
  while (events.length < RECORDS_PER_LEARNER) {
    const courseId = [...REQUIRED, OTHER][Math.floor(random() * 3)] as string;
    const started = events.some((event) => event.activity.courseId === courseId);
    if (!started && index === 0) continue;
    add("progressed", { courseId, lessonId: `l0${1 + Math.floor(random() * 7)}` });
  }
  // Spread over the last four weeks, in order: the device writes records as things happen.
  const times = events
    .map(() => Date.now() - HOUR - random() * 27 * 24 * HOUR)
    .sort((a, b) => a - b)
    .map((time) => new Date(time).toISOString());
  return events.map((event, n) => ({ ...event, timestamp: times[n] as string }));
}

interface ExpectedCourse {
  courseId: string;
  status: "in_progress" | "completed" | "passed";
  startedAt: string;
  completedAt: string | null;
  lastPassedAt: string | null;
  bestScore: number | null;
  lessonsCompleted: string[];
}

const earliest = (a: string | null, b: string) => (a === null || Date.parse(b) < Date.parse(a) ? b : a);
const latest = (a: string | null, b: string) => (a === null || Date.parse(b) > Date.parse(a) ? b : a);

/**
 * A learner's course status as the product's rules define it (DESIGN.md §4), counted straight
 * from what the device sent: a pass is `passed` on the final (or the course itself), a lesson
 * quiz is not one; the best score is over graded attempts, passed or failed.
 */
function expectedCourses(inputs: StatementInput[]): ExpectedCourse[] {
  const courses = new Map<string, ExpectedCourse & { courseCompleted: boolean }>();
  for (const input of inputs) {
    const { courseId, lessonId, assessment } = input.activity;
    const course = courses.get(courseId) ?? {
      courseId,
      status: "in_progress",
      startedAt: input.timestamp,
      completedAt: null,
      lastPassedAt: null,
      bestScore: null,
      lessonsCompleted: [],
      courseCompleted: false,
    };
    courses.set(courseId, course);
    course.startedAt = earliest(course.startedAt, input.timestamp);
    const graded = assessment !== undefined || lessonId === undefined;
    if (input.verb === "completed" && lessonId && !course.lessonsCompleted.includes(lessonId)) {
      course.lessonsCompleted.push(lessonId);
    }
    if (input.verb === "completed" && !lessonId && !assessment) {
      course.courseCompleted = true;
      course.completedAt = earliest(course.completedAt, input.timestamp);
    }
    if ((input.verb === "passed" || input.verb === "failed") && graded && input.score) {
      course.bestScore = Math.max(course.bestScore ?? -1, input.score.scaled);
    }
    if (input.verb === "passed" && graded) {
      course.completedAt = earliest(course.completedAt, input.timestamp);
      course.lastPassedAt = latest(course.lastPassedAt, input.timestamp);
    }
  }
  return [...courses.values()]
    .map(({ courseCompleted, ...course }) => ({
      ...course,
      status: course.lastPassedAt
        ? ("passed" as const)
        : courseCompleted
          ? ("completed" as const)
          : course.status,
      lessonsCompleted: course.lessonsCompleted.toSorted(),
    }))
    .sort((a, b) => a.courseId.localeCompare(b.courseId));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const title = postgresBinaries
  ? "PostgreSQL restarted and crashed while devices sync through two server instances"
  : "PostgreSQL restarted and crashed while devices sync (skipped: no PostgreSQL 15 binaries; apt-get install postgresql-15, or set PG_BIN)";

describe.skipIf(!postgresBinaries)(title, () => {
  let cluster: PgCluster | undefined;
  // Two instances behind a (simulated) load balancer, as a deployment past one machine runs them.
  const servers: ServerProcess[] = [];
  let trainer: TestClient;
  let cohortId: string;
  const devices: Device[] = [];
  const random = seededRandom(SEED);

  beforeAll(async () => {
    cluster = await startPgCluster();
    const db = await openDatabase({ databaseUrl: cluster.url, dataDir: tmpdir() });
    try {
      await migrate(db);
      await fixture(db);
      const passwordHash = await hashPassword(FIXTURE_PASSWORD);
      for (let index = 0; index < LEARNERS; index++) {
        const login = `device.${index}`;
        const personId = await createPerson(db, {
          login,
          displayName: `Người học ${index}`,
          roles: ["teacher"],
          homeUnitId: index % 2 ? "A-1" : "A-1-S",
          passwordHash,
        });
        const inputs = learnerStory(index, personId, random);
        const statements = inputs.map(buildStatement);
        const batches = Array.from({ length: Math.ceil(statements.length / BATCH) }, (_, n) =>
          statements.slice(n * BATCH, (n + 1) * BATCH),
        );
        devices.push({ login, personId, inputs, batches });
      }
    } finally {
      await db.close();
    }
    const storage = { dataDir: tmpdir(), databaseUrl: cluster.url };
    servers.push(...(await Promise.all([spawnServer(storage), spawnServer(storage)])));

    trainer = new TestClient((servers[0] as ServerProcess).url);
    expect((await trainer.signIn("trainer.a", FIXTURE_PASSWORD)).status).toBe(200);
    const created = await trainer.post("/api/cohorts", {
      name: "Giáo viên – thử sự cố cơ sở dữ liệu",
      scopeUnitId: "A",
      requiredCourses: REQUIRED,
      targetShare: TARGET,
      startDate: vietnamDay(daysAgo(60)),
      deadline: vietnamDay(daysAgo(-60)),
      validityMonths: 12,
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    cohortId = created.json.id;
    const added = await trainer.post(`/api/cohorts/${cohortId}/members`, {
      personIds: devices.map((device) => device.personId),
    });
    expect(added.status, JSON.stringify(added.json)).toBe(200);
  });

  afterAll(async () => {
    await Promise.all(servers.map(killServer));
    await cluster?.dispose();
  });

  it("loses no record, doubles none, and every figure stays right", { timeout: 120_000 }, async () => {
    const [first, second] = servers;
    if (!first || !second || !cluster) throw new Error("not started");
    const db = cluster;
    const total = devices.reduce((sum, device) => sum + device.batches.length, 0);
    let acknowledged = 0;
    // Failed sends by the fault that was last begun, to show each fault really reached the devices.
    let phase: "before" | "restart" | "crash" = "before";
    const failures = { before: 0, restart: 0, crash: 0 };
    const refusals: string[] = [];
    const unavailableAnswers = new Set<string>();
    const giveUpAt = Date.now() + 30_000;

    // Each device behaves like the player's outbox: a batch is resent, same ids, until a 2xx.
    const deliver = async (client: TestClient, batch: XapiStatement[]) => {
      for (;;) {
        const response = await client.post("/xapi/statements", batch, XAPI).catch(() => undefined);
        if (response?.status === 200) {
          expect(response.json).toEqual(batch.map((statement) => statement.id));
          return;
        }
        if (!response || response.status >= 500) {
          failures[phase]++;
          // An outage is "come back later", never "the server broke": the phone keeps the batch.
          const said = response
            ? `${response.status} Retry-After: ${response.headers.get("retry-after")}`
            : "no answer";
          if (said !== "503 Retry-After: 5") unavailableAnswers.add(said);
        } else {
          // A 4xx would make the player set the records aside (or ask to sign in): never acceptable here.
          refusals.push(`HTTP ${response.status}: ${response.text.slice(0, 200)}`);
          throw new Error(`the server refused a batch: ${refusals.at(-1)}`);
        }
        for (const server of servers) {
          if (server.process.exitCode !== null)
            throw new Error(`a server process died (${server.process.exitCode})`);
        }
        if (Date.now() > giveUpAt) throw new Error("a batch could not be delivered in 30 s");
        await sleep(50 + Math.random() * 150);
      }
    };
    // One phone, one session; the balancer sends each request to either instance.
    const clients = await Promise.all(
      devices.map(async (device) => {
        const client = new TestClient(first.url);
        expect((await client.signIn(device.login, FIXTURE_PASSWORD)).status).toBe(200);
        return [client, client.at(second.url)] as const;
      }),
    );
    let finished = false;
    const sync = Promise.all(
      devices.map(async (device, n) => {
        for (const [k, batch] of device.batches.entries()) {
          await deliver(clients[n]?.[(n + k) % 2] as TestClient, batch);
          acknowledged++;
        }
      }),
    ).finally(() => {
      finished = true;
    });
    const loadReaches = async (share: number) => {
      while (acknowledged < total * share) {
        if (finished) throw new Error(`the devices finished before ${share * 100}% of the batches`);
        await sleep(20);
      }
    };

    // A quarter of the way: an operator restarts PostgreSQL (every session ended, open transactions
    // rolled back). Half-way: PostgreSQL crashes and is down for a second.
    await Promise.all([
      sync,
      (async () => {
        await loadReaches(1 / 4);
        phase = "restart";
        await db.restart();
        await loadReaches(1 / 2);
        phase = "crash";
        await db.crashAndStart(1_000);
      })(),
    ]).catch((error: Error) => {
      throw new Error(
        `${error.message}\n--- server stderr:\n${servers.map((server) => server.stderr()).join("\n---\n")}\n--- postgres:\n${db.log()}`,
      );
    });
    expect(refusals).toEqual([]);
    expect([...unavailableAnswers]).toEqual([]);
    // Both faults really hit the devices: sends failed and were retried.
    expect(failures.restart, JSON.stringify(failures)).toBeGreaterThan(0);
    expect(failures.crash, JSON.stringify(failures)).toBeGreaterThan(0);
    // Acknowledgements lost for good (the app killed before it cleared its outbox): every device
    // sends everything again once the database is back, each batch to both instances at once (a
    // balancer retrying on the other instance while the first still works on it).
    await Promise.all(
      devices.map(async (device, n) => {
        for (const batch of device.batches) {
          await Promise.all((clients[n] ?? []).map((client) => deliver(client, batch)));
        }
      }),
    );

    // Both server processes lived through it all, without being restarted.
    for (const server of servers) {
      expect(server.process.exitCode, server.stderr()).toBeNull();
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    }

    // Every statement once, nothing else; every pass once in the pass history.
    const check = await openDatabase({ databaseUrl: db.url, dataDir: tmpdir() });
    try {
      const sent = devices.flatMap((device) => device.inputs.map((input) => input.id)).sort();
      const stored = await check.query<{ id: string }>("select id::text from statements order by id");
      expect(stored.rows.map((row) => row.id)).toEqual(sent);
      const passes = await check.query<{ n: number }>("select count(*)::int as n from course_passes");
      const passesSent = devices
        .flatMap((device) => device.inputs)
        .filter((input) => input.verb === "passed" && input.activity.lessonId === undefined);
      expect(passes.rows[0]?.n).toBe(passesSent.length);
    } finally {
      await check.close();
    }

    // Each learner's course status, as their phone restores it from the server.
    for (const [n, device] of devices.entries()) {
      const progress = await (clients[n] as readonly TestClient[])[n % 2]?.get("/api/me/progress");
      if (!progress) throw new Error("no client");
      expect(progress.status).toBe(200);
      const courses = (progress.json.courses as Record<string, unknown>[]).map((course) => ({
        courseId: course.courseId,
        status: course.status,
        startedAt: new Date(course.startedAt as string).toISOString(),
        completedAt: course.completedAt ? new Date(course.completedAt as string).toISOString() : null,
        lastPassedAt: course.lastPassedAt ? new Date(course.lastPassedAt as string).toISOString() : null,
        bestScore: course.bestScore,
        lessonsCompleted: (course.lessonsCompleted as string[]).toSorted(),
      }));
      expect(courses, device.login).toEqual(expectedCourses(device.inputs));
    }

    // The cohort's figures, as the trainer sees them, against a count from what the devices sent.
    const passedAll = devices.filter((device) =>
      REQUIRED.every((courseId) =>
        device.inputs.some(
          (input) =>
            input.verb === "passed" &&
            input.activity.courseId === courseId &&
            input.activity.lessonId === undefined,
        ),
      ),
    );
    const started = devices.filter((device) =>
      device.inputs.some((input) => REQUIRED.includes(input.activity.courseId)),
    );
    const trained = passedAll.length;
    const gap = Math.max(0, Math.ceil(TARGET * LEARNERS - 1e-9) - trained);
    expect(trained).toBeGreaterThan(0);
    expect(started.length).toBeLessThan(LEARNERS);
    const cohort = await trainer.get(`/api/cohorts/${cohortId}`);
    expect(cohort.status).toBe(200);
    expect((await trainer.at(second.url).get(`/api/cohorts/${cohortId}`)).json).toEqual(cohort.json);
    expect(cohort.json.figures).toEqual({
      members: LEARNERS,
      trained,
      rate: trained / LEARNERS,
      targetShare: TARGET,
      targetMet: gap === 0,
      gap,
      inProgress: started.length - trained,
      notStarted: LEARNERS - started.length,
    });
    const members = await trainer.get(`/api/cohorts/${cohortId}/members?filter=trained&pageSize=200`);
    expect((members.json.members as { personId: string }[]).map((member) => member.personId).sort()).toEqual(
      passedAll.map((device) => device.personId).sort(),
    );
  });
});
