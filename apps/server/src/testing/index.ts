import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import pino from "pino";
import { loadConfig } from "../config.ts";
import { startServer } from "../server.ts";

export interface TestServerOptions {
  demo?: boolean;
  production?: boolean;
  /** Reuse the storage of an earlier test server (to test restarts). */
  storage?: TestStorage;
  env?: Record<string, string>;
}

/** Where a test server keeps its data: a PGlite folder, or a throwaway database on the DATABASE_URL server. */
export interface TestStorage {
  dataDir: string;
  databaseUrl?: string;
  dispose(): Promise<void>;
}

/** Scratch storage for tests and benchmarks; `adminUrl` defaults to DATABASE_URL (none: PGlite). */
export async function createTestStorage(
  adminUrl: string | undefined = process.env.DATABASE_URL,
): Promise<TestStorage> {
  const dataDir = mkdtempSync(join(tmpdir(), "bvte-test-"));
  if (!adminUrl) {
    return { dataDir, dispose: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `bvte_test_${randomUUID().replaceAll("-", "")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    dataDir,
    databaseUrl: url.toString(),
    async dispose() {
      rmSync(dataDir, { recursive: true, force: true });
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export { FIXTURE_PASSWORD, fixture } from "./fixture.ts";

export async function startTestServer(options: TestServerOptions = {}) {
  const storage = options.storage ?? (await createTestStorage());
  const env: Record<string, string> = {
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: storage.dataDir,
    NODE_ENV: options.production ? "production" : "test",
    ...options.env,
  };
  if (storage.databaseUrl) env.DATABASE_URL = storage.databaseUrl;
  const config = loadConfig(env, { demo: options.demo ?? false });
  const server = await startServer(config, pino({ level: "silent" }));
  return {
    ...server,
    storage,
    /** Stops the server and, unless kept for a restart, deletes its data. */
    async stop({ keepData = false } = {}) {
      await server.stop();
      if (!keepData) await storage.dispose();
    },
    client: () => new TestClient(server.url),
  };
}

/** A fetch wrapper with one cookie jar, like one browser. */
export class TestClient {
  private cookie = "";
  constructor(public baseUrl: string) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const setCookie = response.headers.get("set-cookie");
    if (setCookie) this.cookie = setCookie.split(";")[0] ?? "";
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely and assert on them.
    return { status: response.status, headers: response.headers, json: json as any, text };
  }

  /** The same browser, cookie and all, reaching another server instance (as a load balancer would send it). */
  at(baseUrl: string): TestClient {
    const other = new TestClient(baseUrl);
    other.cookie = this.cookie;
    return other;
  }

  get(path: string) {
    return this.request("GET", path);
  }

  post(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request("POST", path, body ?? {}, headers);
  }

  signIn(login: string, password: string) {
    return this.post("/api/auth/signin", { login, password });
  }

  /** Posts raw bytes (a file upload) and reads the JSON answer. */
  async upload(path: string, bytes: Uint8Array, contentType = "application/octet-stream") {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: "POST",
      headers: { "content-type": contentType, ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: bytes,
    });
    const text = await response.text();
    // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely and assert on them.
    return { status: response.status, json: (text ? JSON.parse(text) : undefined) as any };
  }

  /** Gets a binary response (a download) as bytes. */
  async download(path: string) {
    const response = await fetch(`${this.baseUrl}${path}`, {
      headers: this.cookie ? { cookie: this.cookie } : {},
    });
    return {
      status: response.status,
      headers: response.headers,
      bytes: new Uint8Array(await response.arrayBuffer()),
    };
  }
}
