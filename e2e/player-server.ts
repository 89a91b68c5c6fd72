import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase } from "../apps/server/src/db/database.ts";
import { freePort } from "./free-port.ts";

const main = fileURLToPath(new URL("../apps/server/src/main.ts", import.meta.url));

/**
 * A demo server of the test's own, for journeys that stop, kill and restart the server (the shared
 * webServer must stay up for the other tests). Its data stays in one folder across restarts, and
 * can be read directly once the server is stopped.
 */
export class PlayerTestServer {
  private process: ChildProcess | null = null;
  readonly dataDir = mkdtempSync(join(tmpdir(), "bvte-e2e-player-"));

  private chosenPort: number | undefined;

  constructor(
    /** Extra environment, e.g. PLAYER_DIST to serve another build of the player. */
    private readonly env: Record<string, string> = {},
  ) {}

  /** A free port chosen at the first start and kept, so a restarted server has the same origin. */
  get port(): number {
    if (this.chosenPort === undefined) throw new Error("start the test server first");
    return this.chosenPort;
  }

  get url(): string {
    return `http://localhost:${this.port}`;
  }

  async start(): Promise<void> {
    this.chosenPort ??= await freePort();
    // Another server on the port would answer the health check and be tested in this one's place.
    if (await this.healthy()) throw new Error(`port ${this.port} is already in use`);
    const child = spawn(process.execPath, ["--import", "tsx", main, "--demo"], {
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        PORT: String(this.port),
        DATA_DIR: this.dataDir,
        LOG_LEVEL: "warn",
        ...this.env,
      },
    });
    this.process = child;
    // A test that fails or times out must not leave its server running.
    const orphaned = () => child.kill("SIGKILL");
    process.once("exit", orphaned);
    child.once("exit", () => process.off("exit", orphaned));
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the test server exited with ${child.exitCode}`);
      if (await this.healthy()) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error("the test server did not start within 2 minutes");
  }

  private healthy(): Promise<boolean> {
    return fetch(`${this.url}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
  }

  /** Ends the server the hard way (a crash or power cut): no shutdown code runs. */
  async kill(): Promise<void> {
    await this.end("SIGKILL");
  }

  /** Ends the server as an operator would. */
  async stop(): Promise<void> {
    await this.end("SIGTERM");
  }

  private async end(signal: NodeJS.Signals): Promise<void> {
    const child = this.process;
    this.process = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill(signal);
    await exited;
  }

  /** Runs a query against the stopped server's database (PGlite admits one process at a time). */
  async query<Row>(sql: string, params: unknown[] = []): Promise<Row[]> {
    if (this.process) throw new Error("stop the server before reading its database");
    const db = await openDatabase({ dataDir: this.dataDir });
    try {
      return (await db.query<Row>(sql, params)).rows;
    } finally {
      await db.close();
    }
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
