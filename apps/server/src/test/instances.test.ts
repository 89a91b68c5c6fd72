import { tmpdir } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../db/database.ts";
import { migrate } from "../db/migrate.ts";
import { FIXTURE_PASSWORD, fixture, TestClient } from "../testing/index.ts";
import { attemptState, correctResponses } from "./lrs-helpers.ts";
import { type PgCluster, postgresBinaries, startPgCluster } from "./pg-cluster.ts";
import { killServer, type ServerProcess, spawnServer } from "./server-process.ts";

const COURSE = "child-friendly-investigation";

const title = postgresBinaries
  ? "two server processes behind one load balancer, on one PostgreSQL"
  : "two server processes on one PostgreSQL (skipped: no PostgreSQL 15 binaries; apt-get install postgresql-15, or set PG_BIN)";

/**
 * Whatever one instance knows, the other must know too: a load balancer sends a learner's next
 * request to either. So sessions, sign-in failures, exam attempts and the signing key live in
 * PostgreSQL, and these tests hop between two real server processes to prove it.
 */
describe.skipIf(!postgresBinaries)(title, () => {
  let cluster: PgCluster | undefined;
  let db: Database | undefined;
  const servers: ServerProcess[] = [];
  const urls = () => servers.map((server) => server.url) as [string, string];

  beforeAll(async () => {
    cluster = await startPgCluster();
    db = await openDatabase({ databaseUrl: cluster.url, dataDir: tmpdir() });
    await migrate(db);
    await fixture(db);
    // Both start at once: migrations and the first signing key must be made once, not twice.
    // Behind a balancer both know the one public address (issuer ids and QR links use it).
    const storage = { dataDir: tmpdir(), databaseUrl: cluster.url };
    const env = { PUBLIC_URL: "https://hoc.bvte.example.vn" };
    servers.push(...(await Promise.all([spawnServer(storage, env), spawnServer(storage, env)])));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(servers.map(killServer));
    await db?.close();
    await cluster?.dispose();
  });

  it("share sessions: signed in on one, known on the other; signed out on one, out on both", async () => {
    const [a, b] = urls();
    const onA = new TestClient(a);
    expect((await onA.signIn("learner.a", FIXTURE_PASSWORD)).status).toBe(200);
    const onB = onA.at(b);
    const me = await onB.get("/api/auth/me");
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ login: "learner.a" });

    expect((await onB.post("/api/auth/signout")).status).toBe(204);
    expect((await onA.get("/api/auth/me")).status).toBe(401);
  });

  it("count failed sign-ins together: five wrong passwords spread over both lock the login on both", async () => {
    const [a, b] = urls();
    for (let attempt = 0; attempt < 5; attempt++) {
      const failed = await new TestClient(attempt % 2 ? b : a).signIn("trainer.b", "wrong password");
      expect(failed.status).toBe(401);
    }
    for (const url of [a, b]) {
      const blocked = await new TestClient(url).signIn("trainer.b", FIXTURE_PASSWORD);
      expect(blocked.status, url).toBe(429);
      expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    }
  });

  it("carry an exam across instances: started on one, answered and submitted on the other, certified once with one key", async () => {
    if (!db) throw new Error("not started");
    const [a, b] = urls();
    const onA = new TestClient(a);
    expect((await onA.signIn("learner.b", FIXTURE_PASSWORD)).status).toBe(200);
    const onB = onA.at(b);
    const started = await onA.post(`/api/certification/${COURSE}/attempts`);
    expect(started.status).toBe(201);
    const { attemptId, form, deadline } = started.json;
    // A reload that the balancer sends to the other instance resumes the same attempt.
    const resumed = await onB.post(`/api/certification/${COURSE}/attempts`);
    expect(resumed.json).toMatchObject({ attemptId, resumed: true, deadline });
    expect(resumed.json.form).toEqual(form);

    // Scenario steps are revealed by whichever instance the request reaches.
    let hop = 0;
    const { attempt } = await attemptState(db, attemptId);
    const responses = await correctResponses(form, attempt, async (itemId, path) => {
      const client = hop++ % 2 ? onA : onB;
      const step = await client.post(`/api/certification/attempts/${attemptId}/scenario-step`, {
        itemId,
        path,
      });
      expect(step.status).toBe(200);
      return step.json;
    });
    const submitted = await onB.post(`/api/certification/attempts/${attemptId}/submit`, { responses });
    expect(submitted.status).toBe(200);
    expect(submitted.json).toMatchObject({ passed: true, percentage: 100 });
    // The same submit retried on the first instance is answered from the record, not graded again.
    const retried = await onA.post(`/api/certification/attempts/${attemptId}/submit`, { responses: {} });
    expect(retried.json).toEqual(submitted.json);
    const { rows } = await db.query<{ n: number }>(
      "select count(*)::int as n from certificates where person_id = (select id from people where login = 'learner.b')",
    );
    expect(rows[0]?.n).toBe(1);

    // One signing key for both, so a certificate verifies wherever the check lands.
    const issuers = await Promise.all([a, b].map((url) => new TestClient(url).get("/api/issuer")));
    expect(issuers[0]?.json.verificationMethod).toHaveLength(1);
    expect(issuers[1]?.json.verificationMethod).toEqual(issuers[0]?.json.verificationMethod);
    const keys = await db.query<{ n: number }>("select count(*)::int as n from signing_keys");
    expect(keys.rows[0]?.n).toBe(1);
    for (const url of [a, b]) {
      const verified = await new TestClient(url).get(`/api/verify/${submitted.json.certificateId}`);
      expect(verified.json.status, url).toBe("valid");
    }

    // Revoked on one instance: revoked on the other at once (no cached verdicts).
    const admin = new TestClient(a);
    expect((await admin.signIn("admin", FIXTURE_PASSWORD)).status).toBe(200);
    const revoked = await admin.post(`/api/admin/certificates/${submitted.json.certificateId}/revoke`, {
      reason: "Cấp nhầm người",
    });
    expect(revoked.status, revoked.text).toBe(200);
    const afterRevoke = await new TestClient(b).get(`/api/verify/${submitted.json.certificateId}`);
    expect(afterRevoke.json.status).toBe("revoked");
  });
});
