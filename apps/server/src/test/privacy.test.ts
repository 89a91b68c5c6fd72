import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOTICE_VERSION } from "../privacy/notice.ts";
import { demoBanner } from "../server.ts";
import { fixture, startTestServer } from "../testing/index.ts";
import { basic, passCertification, statementAbout, XAPI } from "./lrs-helpers.ts";

const COURSE = "child-friendly-investigation";

describe("privacy: consent, data download and erasure", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let ids: Awaited<ReturnType<typeof fixture>>;
  let passed: Awaited<ReturnType<typeof passCertification>>;
  beforeAll(async () => {
    server = await startTestServer();
    ids = await fixture(server.db);
    passed = await passCertification(server, "learner.a", ids.password, COURSE);
    const lesson = statementAbout(ids.learnerA, "completed", {
      courseId: "school-violence-prevention",
      lessonId: "l01",
    });
    expect((await passed.client.post("/xapi/statements", lesson, XAPI)).status).toBe(200);
  });
  afterAll(() => server.stop());

  const signedIn = async (login: string) => {
    const client = server.client();
    await client.signIn(login, ids.password);
    return client;
  };

  it("records consent to the current notice, and asks again for a new one", async () => {
    const learner = await signedIn("learner.b");
    const before = (await learner.get("/api/me/consent")).json;
    expect(before).toMatchObject({ required: true, consent: null, noticeVersion: NOTICE_VERSION });
    expect(before.notice.title.vi).toBe("Thông báo về xử lý dữ liệu cá nhân");
    expect(JSON.stringify(before.notice)).toContain("91/2025/QH15");
    const stale = await learner.post("/api/me/consent", { noticeVersion: "2020-01", accepted: true });
    expect(stale.status).toBe(409);
    expect(stale.json.error).toBe("stale_notice");
    expect(
      (await learner.post("/api/me/consent", { noticeVersion: NOTICE_VERSION })).json.details[0].path,
    ).toBe("accepted");
    const accepted = await learner.post("/api/me/consent", { noticeVersion: NOTICE_VERSION, accepted: true });
    expect(accepted.json).toMatchObject({
      required: false,
      consent: { noticeVersion: NOTICE_VERSION, accepted: true },
    });
    await learner.post("/api/me/consent", { noticeVersion: NOTICE_VERSION, accepted: true });
    const withdrawn = await learner.post("/api/me/consent", {
      noticeVersion: NOTICE_VERSION,
      accepted: false,
    });
    expect(withdrawn.json).toMatchObject({ required: true, consent: { accepted: false } });
    const { rows } = await server.db.query<{ accepted: boolean }>(
      "select accepted from consents where person_id = $1 order by decided_at",
      [ids.learnerB],
    );
    expect(rows.map((row) => row.accepted)).toEqual([true, false]);
    expect((await server.client().get("/api/me/consent")).status).toBe(401);
  });

  it("gives a learner all their data as a download, without exam keys, and logs it", async () => {
    const exported = await passed.client.get("/api/me/export");
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-disposition")).toMatch(
      /^attachment; filename="bvte-du-lieu-ca-nhan-\d{4}-\d\d-\d\d\.json"$/,
    );
    const data = exported.json;
    expect(data.person).toMatchObject({ id: ids.learnerA, login: "learner.a", homeUnit: { id: "A-1-S" } });
    expect(data.cohorts).toEqual([expect.objectContaining({ name: "Giáo viên A" })]);
    expect(data.statements.length).toBeGreaterThanOrEqual(3);
    expect(
      data.statements.every(
        (s: { actor: { account: { name: string } } }) => s.actor.account.name === ids.learnerA,
      ),
    ).toBe(true);
    expect(data.certificationAttempts).toEqual([expect.objectContaining({ courseId: COURSE, passed: true })]);
    expect(data.certificates).toEqual([expect.objectContaining({ id: passed.certificateId })]);
    expect(data.progress.map((p: { courseId: string }) => p.courseId).sort()).toEqual([
      COURSE,
      "school-violence-prevention",
    ]);
    expect(exported.text).not.toContain(passed.state.attempt.form.seed);
    expect(exported.text).not.toContain(passed.state.attempt.items[0]?.id);
    expect(exported.text).not.toMatch(/password|token_hash|"state"/);

    const admin = await signedIn("admin");
    const log = (await admin.get("/api/admin/audit-log")).json.entries;
    expect(log).toContainEqual(
      expect.objectContaining({
        action: "personal-data.export",
        actorId: ids.learnerA,
        subjectId: ids.learnerA,
      }),
    );
    expect((await passed.client.get("/api/admin/audit-log")).status).toBe(403);
  });

  it("lets only an admin erase, and not themself", async () => {
    const trainer = await signedIn("trainer.a");
    expect((await trainer.post(`/api/admin/people/${ids.learnerB}/erase`, { reason: "x" })).status).toBe(403);
    const admin = await signedIn("admin");
    expect((await admin.post(`/api/admin/people/${ids.admin}/erase`, { reason: "x" })).json.error).toBe(
      "cannot_erase_self",
    );
    expect((await admin.post(`/api/admin/people/${randomUUID()}/erase`, { reason: "x" })).status).toBe(404);
    expect((await admin.post(`/api/admin/people/${ids.learnerB}/erase`, {})).json.details[0].path).toBe(
      "reason",
    );
    expect(
      await server.db.query("select 1 from people where id = $1", [ids.learnerB]).then((r) => r.rows.length),
    ).toBe(1);
  });

  it("erases a person: records stay only anonymised, the certificate is revoked, the log says who did it", async () => {
    const admin = await signedIn("admin");
    const counts = async (personId: string) =>
      (
        await server.db.query<{ statements: number; status: number; members: number; attempts: number }>(
          `select (select count(*)::int from statements where person_id = $1) as statements,
                  (select count(*)::int from course_status where person_id = $1) as status,
                  (select count(*)::int from cohort_members where person_id = $1) as members,
                  (select count(*)::int from certification_attempts where person_id = $1) as attempts`,
          [personId],
        )
      ).rows[0];
    const before = await counts(ids.learnerA);
    const erased = await admin.post(`/api/admin/people/${ids.learnerA}/erase`, {
      reason: "Yêu cầu của chủ thể dữ liệu",
    });
    expect(erased.status).toBe(200);
    expect(erased.json).toMatchObject({
      erased: true,
      statements: before?.statements,
      certificatesRevoked: 1,
    });

    // The person is gone; their session with it.
    expect((await passed.client.get("/api/me/progress")).status).toBe(401);
    expect((await server.client().signIn("learner.a", ids.password)).status).toBe(401);
    const { rows: people } = await server.db.query<{
      id: string;
      login: string;
      display_name: string;
      active: boolean;
      phone: string | null;
    }>("select id, login, display_name, active, phone from people where erased_at is not null");
    expect(people).toHaveLength(1);
    const anonymous = people[0] as (typeof people)[0];
    expect(anonymous).toMatchObject({ display_name: "Người dùng đã xoá", active: false, phone: null });
    expect(anonymous.login).not.toContain("learner.a");

    // Every record moved to the anonymous id; no statement mentions the old one.
    expect(await counts(anonymous.id)).toEqual(before);
    expect(await counts(ids.learnerA)).toEqual({ statements: 0, status: 0, members: 0, attempts: 0 });
    const { rows: mentions } = await server.db.query(
      "select id from statements where statement::text like $1 or authority::text like $1 or related_agents::text like $1",
      [`%${ids.learnerA}%`],
    );
    expect(mentions).toEqual([]);

    const verified = await server.client().get(`/api/verify/${passed.certificateId}`);
    expect(verified.json).toMatchObject({ status: "revoked", holderName: null });
    expect((await server.client().get(`/verify/${passed.certificateId}`)).text).not.toContain("learner.a");

    const log = (await admin.get("/api/admin/audit-log?limit=5")).json.entries;
    expect(log[0]).toMatchObject({
      action: "person.erase",
      actorId: ids.admin,
      subjectId: ids.learnerA,
      details: { reason: "Yêu cầu của chủ thể dữ liệu" },
    });
    expect((await admin.post(`/api/admin/people/${ids.learnerA}/erase`, { reason: "again" })).status).toBe(
      404,
    );
  });
});

describe("LRS credentials", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let ids: Awaited<ReturnType<typeof fixture>>;
  beforeAll(async () => {
    server = await startTestServer();
    ids = await fixture(server.db);
  });
  afterAll(() => server.stop());

  it("are created, listed without their secret, and revoked by an admin only", async () => {
    const admin = server.client();
    await admin.signIn("admin", ids.password);
    const trainer = server.client();
    await trainer.signIn("trainer.a", ids.password);
    expect((await trainer.get("/api/admin/lrs-credentials")).status).toBe(403);
    expect((await trainer.post("/api/admin/lrs-credentials", { label: "x" })).status).toBe(403);
    expect((await admin.post("/api/admin/lrs-credentials", { label: "" })).json.details[0].path).toBe(
      "label",
    );

    const created = await admin.post("/api/admin/lrs-credentials", { label: "Báo cáo Sở GD&ĐT" });
    expect(created.status).toBe(201);
    const { id, key, secret } = created.json;
    expect(secret.length).toBeGreaterThanOrEqual(40);
    const listed = await admin.get("/api/admin/lrs-credentials");
    expect(listed.json.credentials).toEqual([
      { id, key, label: "Báo cáo Sở GD&ĐT", createdAt: expect.any(String), revokedAt: null },
    ]);
    expect(listed.text).not.toContain(secret);
    const { rows } = await server.db.query<{ secret_hash: string }>(
      "select secret_hash from lrs_credentials where id = $1",
      [id],
    );
    expect(rows[0]?.secret_hash).not.toContain(secret);

    const read = () =>
      server.client().request("GET", "/xapi/statements?limit=1", undefined, basic(key, secret));
    expect((await read()).status).toBe(200);
    expect((await trainer.request("DELETE", `/api/admin/lrs-credentials/${id}`)).status).toBe(403);
    expect((await admin.request("DELETE", `/api/admin/lrs-credentials/${id}`)).status).toBe(204);
    expect((await read()).status).toBe(401);
    expect((await admin.get("/api/admin/lrs-credentials")).json.credentials[0].revokedAt).not.toBeNull();
    expect((await admin.request("DELETE", `/api/admin/lrs-credentials/${randomUUID()}`)).status).toBe(404);
    const log = (await admin.get("/api/admin/audit-log")).json.entries.map(
      (e: { action: string }) => e.action,
    );
    expect(log).toEqual(expect.arrayContaining(["lrs-credential.create", "lrs-credential.revoke"]));
  });
});

describe("demo mode without XAPI_BASIC_AUTH", () => {
  it("generates a pair at each start, prints it, and retires the previous one", async () => {
    const first = await startTestServer({ demo: true });
    const pair = first.xapiCredential as { key: string; secret: string };
    expect(demoBanner(first.url, pair)).toContain(`${pair.key}:${pair.secret}`);
    const read = (url: string, p: { key: string; secret: string }) =>
      fetch(`${url}/xapi/statements?limit=1`, { headers: basic(p.key, p.secret) }).then((r) => r.status);
    expect(await read(first.url, pair)).toBe(200);
    await first.stop({ keepData: true });
    const second = await startTestServer({ demo: true, storage: first.storage });
    try {
      const next = second.xapiCredential as { key: string; secret: string };
      expect(next.key).not.toBe(pair.key);
      expect(await read(second.url, next)).toBe(200);
      expect(await read(second.url, pair)).toBe(401);
    } finally {
      await second.stop();
    }
    const configured = await startTestServer({
      demo: true,
      env: { XAPI_BASIC_AUTH: "fixed-key:a-long-enough-secret" },
    });
    try {
      expect(configured.xapiCredential).toBeUndefined();
      expect(await read(configured.url, { key: "fixed-key", secret: "a-long-enough-secret" })).toBe(200);
    } finally {
      await configured.stop();
    }
  });
});
