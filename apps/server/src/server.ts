import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import pino, { type Logger } from "pino";
import { pruneFailedAttempts } from "./auth/rate-limit.ts";
import { deleteExpiredSessions } from "./auth/sessions.ts";
import { loadSigningKey } from "./certificates/keys.ts";
import type { Config } from "./config.ts";
import { type CourseCatalog, DEFAULT_CONTENT_DIR, loadCourseCatalog } from "./content.ts";
import { type Database, openDatabase } from "./db/database.ts";
import { migrate } from "./db/migrate.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "./demo/seed.ts";
import { createApp } from "./http/app.ts";
import { claimInstanceMode } from "./instance.ts";
import { ensureCredential, generateDemoCredential } from "./xapi/credentials.ts";
import { syncExpiry } from "./xapi/projections.ts";

const defaultDist = (app: string) => fileURLToPath(new URL(`../../${app}/dist`, import.meta.url));

export interface RunningServer {
  url: string;
  db: Database;
  /** Demo mode without XAPI_BASIC_AUTH: the LRS credential generated at this start. */
  xapiCredential?: { key: string; secret: string };
  stop(): Promise<void>;
}

/** Opens the database, migrates it, seeds the demo when asked, and listens. */
export async function startServer(config: Config, logger: Logger = pino({ level: config.LOG_LEVEL })) {
  const catalog = await loadCourseCatalog(config.CONTENT_DIR ?? DEFAULT_CONTENT_DIR, logger);
  const db = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
  });
  let prepared: Awaited<ReturnType<typeof prepareDatabase>>;
  try {
    prepared = await prepareDatabase(db, config, catalog, logger);
  } catch (error) {
    await db.close();
    throw error;
  }

  const app = createApp({
    db,
    config,
    logger,
    catalog,
    signingKey: prepared.signingKey,
    playerDist: config.PLAYER_DIST ?? defaultDist("player"),
    consoleDist: config.CONSOLE_DIST ?? defaultDist("console"),
  });
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST });
  await new Promise<void>((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}`;

  const housekeeping = setInterval(() => {
    Promise.all([deleteExpiredSessions(db), pruneFailedAttempts(db)]).catch((err) =>
      logger.warn({ msg: "housekeeping failed", err }),
    );
  }, 10 * 60_000);
  housekeeping.unref();

  return {
    url,
    db,
    ...(prepared.xapiCredential ? { xapiCredential: prepared.xapiCredential } : {}),
    async stop() {
      clearInterval(housekeeping);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  } satisfies RunningServer;
}

async function prepareDatabase(db: Database, config: Config, catalog: CourseCatalog, logger: Logger) {
  const applied = await migrate(db);
  logger.info({ msg: "database ready", engine: db.engine, migrationsApplied: applied });
  await claimInstanceMode(db, config.demo ? "demo" : "production");
  // A changed validity rewrites every pass of its course and the figures behind them: at national
  // scale that takes longer than any request may, so no request timeout applies.
  await db.transaction(async (tx) => {
    await tx.query("set local statement_timeout = 0");
    await syncExpiry(tx, catalog);
  });
  const signingKey = await loadSigningKey(db, config.CERT_SIGNING_KEY);
  if (config.XAPI_BASIC_AUTH) await ensureCredential(db, config.XAPI_BASIC_AUTH);
  const xapiCredential =
    config.demo && !config.XAPI_BASIC_AUTH ? await generateDemoCredential(db) : undefined;
  if (!config.demo) return { signingKey, xapiCredential };
  const { rows } = await db.query<{ n: number }>("select count(*)::int as n from people");
  if (rows[0]?.n === 0) {
    const summary = await seedDemo(db, catalog);
    logger.info({ msg: "demo data seeded", ...summary });
  }
  return { signingKey, xapiCredential };
}

export function demoBanner(url: string, xapiCredential?: { key: string; secret: string }): string {
  const width = Math.max(...DEMO_ACCOUNTS.map((account) => account.login.length));
  const lines = DEMO_ACCOUNTS.map((account) => `    ${account.login.padEnd(width)}  ${account.note}`);
  return [
    "",
    `  BVTE Academy (demo) is running at ${url}`,
    `    learner app:  ${url}/`,
    `    trainer console:  ${url}/console/`,
    "",
    `  Demo sign-ins (password for all: ${DEMO_PASSWORD}):`,
    ...lines,
    "",
    ...(xapiCredential
      ? [
          `  xAPI statements at ${url}/xapi/statements, HTTP Basic (generated at this start):`,
          `    ${xapiCredential.key}:${xapiCredential.secret}`,
          "",
        ]
      : []),
  ].join("\n");
}
