import { afterEach, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../demo/seed.ts";
import { createTestStorage, startTestServer, type TestStorage } from "../testing/index.ts";

describe("demo and production modes", () => {
  let storage: TestStorage | undefined;
  afterEach(async () => {
    await storage?.dispose();
    storage = undefined;
  });

  it("seeds a demo that keeps its data across a restart", async () => {
    storage = await createTestStorage();
    const first = await startTestServer({ demo: true, storage });
    const client = first.client();
    expect((await client.signIn("trainer.qn", DEMO_PASSWORD)).status).toBe(200);
    const cohorts = (await client.get("/api/cohorts")).json.cohorts;
    expect(cohorts.length).toBeGreaterThanOrEqual(4);
    const { rows: before } = await first.db.query<{ n: number }>("select count(*)::int as n from people");
    expect(before[0]?.n).toBeGreaterThan(200);
    await first.stop({ keepData: true });

    const second = await startTestServer({ demo: true, storage });
    const { rows: after } = await second.db.query<{ n: number }>("select count(*)::int as n from people");
    expect(after[0]?.n).toBe(before[0]?.n);
    // The same browser, with the session cookie it got before the restart.
    client.baseUrl = second.url;
    expect((await client.get("/api/cohorts")).json.cohorts).toEqual(cohorts);
    await second.stop({ keepData: true });
  });

  it("has no demo accounts in production mode", async () => {
    storage = await createTestStorage();
    const server = await startTestServer({ production: true, storage });
    const { rows } = await server.db.query<{ n: number }>("select count(*)::int as n from people");
    expect(rows[0]?.n).toBe(0);
    for (const account of DEMO_ACCOUNTS) {
      expect((await server.client().signIn(account.login, DEMO_PASSWORD)).status).toBe(401);
    }
    expect((await server.client().get("/api/health")).json).toMatchObject({ status: "ok", demo: false });
    await server.stop({ keepData: true });
  });

  it("refuses to run production on a demo database", async () => {
    storage = await createTestStorage();
    const demo = await startTestServer({ demo: true, storage });
    await demo.stop({ keepData: true });
    await expect(startTestServer({ production: true, storage })).rejects.toThrow(/demo data/);
  });
});

describe("bvte-admin create-admin", () => {
  it("creates the first admin of a production instance, who can then sign in", async () => {
    const { execFileSync } = await import("node:child_process");
    const { fileURLToPath } = await import("node:url");
    const storage = await createTestStorage();
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: storage.dataDir, LOG_LEVEL: "silent" };
      if (storage.databaseUrl) env.DATABASE_URL = storage.databaseUrl;
      const cli = fileURLToPath(new URL("../cli/admin.ts", import.meta.url));
      const args = ["--import", "tsx", cli, "create-admin", "--login", "Chief", "--name", "Trưởng phòng"];
      const run = (extra: string[], input: string) =>
        execFileSync(process.execPath, [...args, ...extra], { env, input, encoding: "utf8", stdio: "pipe" });
      expect(() => run(["--unit", "HN"], "a long enough password\n")).toThrow(/--unit-name/);
      expect(() =>
        run(["--unit", "HN", "--unit-name", "TP Hà Nội", "--unit-kind", "province"], "short\n"),
      ).toThrow(/12 characters/);
      run(
        ["--unit", "HN", "--unit-name", "Thành phố Hà Nội", "--unit-kind", "province"],
        "a long enough password\n",
      );
      const server = await startTestServer({ production: true, storage });
      const client = server.client();
      expect((await client.signIn("chief", "a long enough password")).status).toBe(200);
      expect((await client.get("/api/auth/me")).json).toMatchObject({
        roles: ["admin", "trainer"],
        homeUnitId: "HN",
      });
      await server.stop({ keepData: true });
    } finally {
      await storage.dispose();
    }
  });
});
