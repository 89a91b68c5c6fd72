import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIGNIN_LIMITS } from "../auth/rate-limit.ts";
import { fixture, startTestServer } from "../testing/index.ts";

describe("sign-in and sessions", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let ids: Awaited<ReturnType<typeof fixture>>;
  beforeAll(async () => {
    server = await startTestServer();
    ids = await fixture(server.db);
  });
  afterAll(() => server.stop());

  it("signs in with the right password and knows who you are", async () => {
    const client = server.client();
    const signin = await client.signIn("Learner.A", ids.password);
    expect(signin.status).toBe(200);
    expect(signin.headers.get("set-cookie")).toMatch(/bvte_session=.*HttpOnly.*SameSite=Lax/i);
    const me = await client.get("/api/auth/me");
    expect(me.json).toMatchObject({ login: "learner.a", roles: ["teacher"], homeUnitId: "A-1-S" });
    expect(me.json).not.toHaveProperty("passwordHash");
  });

  it("stores passwords with Argon2id", async () => {
    const { rows } = await server.db.query<{ password_hash: string }>(
      "select password_hash from people where login = 'learner.a'",
    );
    expect(rows[0]?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("answers a wrong password and an unknown login identically, without a session", async () => {
    const wrongPassword = await server.client().signIn("learner.b", "not the password");
    const unknownLogin = await server.client().signIn("nobody.here", "not the password");
    expect(wrongPassword.status).toBe(401);
    expect(unknownLogin.status).toBe(401);
    expect(wrongPassword.json).toEqual(unknownLogin.json);
    expect(wrongPassword.headers.get("set-cookie")).toBeNull();
    expect(JSON.stringify(wrongPassword.json)).not.toMatch(/learner|exist|password hash/i);
  });

  it("trips the rate limit after repeated failures, even for the right password", async () => {
    const client = server.client();
    for (let i = 0; i < SIGNIN_LIMITS.perLogin; i++) {
      expect((await client.signIn("trainer.b", `guess ${i}`)).status).toBe(401);
    }
    const blocked = await client.signIn("trainer.b", ids.password);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await server.client().signIn("trainer.a", ids.password)).status).toBe(200);
  });

  it("ends the session on sign-out", async () => {
    const client = server.client();
    await client.signIn("learner.a", ids.password);
    expect((await client.post("/api/auth/signout")).status).toBe(204);
    expect((await client.get("/api/auth/me")).status).toBe(401);
  });

  it("rejects an expired session", async () => {
    const client = server.client();
    await client.signIn("trainer.a1", ids.password);
    expect((await client.get("/api/auth/me")).status).toBe(200);
    await server.db.query(
      "update sessions set expires_at = now() - interval '1 second' where person_id = $1",
      [ids.trainerA1],
    );
    expect((await client.get("/api/auth/me")).status).toBe(401);
  });

  it("names the offending field of a bad body and refuses non-JSON bodies", async () => {
    const client = server.client();
    const missing = await client.post("/api/auth/signin", { login: "learner.a" });
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({ error: "invalid_body", details: [{ path: "password" }] });
    const form = await client.request("POST", "/api/auth/signin", "login=a&password=b", {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(form.status).toBe(415);
    const huge = await client.post("/api/auth/signin", { login: "a", password: "x".repeat(100_000) });
    expect(huge.status).toBe(413);
  });

  it("sends security headers", async () => {
    const health = await server.client().get("/api/health");
    expect(health.status).toBe(200);
    expect(health.json).toMatchObject({
      status: "ok",
      database: process.env.DATABASE_URL ? "postgresql" : "pglite",
    });
    expect(health.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(health.headers.get("x-content-type-options")).toBe("nosniff");
    expect(health.headers.get("x-frame-options")).toBe("SAMEORIGIN");
  });
});
