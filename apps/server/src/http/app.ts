import { existsSync } from "node:fs";
import { getConnInfo } from "@hono/node-server/conninfo";
import { serveStatic } from "@hono/node-server/serve-static";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import type { Logger } from "pino";
import { adminRoutes, unitRoutes } from "../admin/routes.ts";
import type { SigningKey } from "../certificates/keys.ts";
import { certificationService } from "../certification/exams.ts";
import type { Config } from "../config.ts";
import type { CourseCatalog } from "../content.ts";
import { type Database, isDatabaseUnavailable } from "../db/database.ts";
import { joinRoutes } from "../join/routes.ts";
import { reportRoutes } from "../reports/routes.ts";
import { peopleRoutes } from "../roster/routes.ts";
import { validityRules } from "../xapi/projections.ts";
import { authRoutes } from "./routes-auth.ts";
import { certificateRoutes } from "./routes-certificates.ts";
import { certificationRoutes } from "./routes-certification.ts";
import { catalogRoutes, cohortRoutes } from "./routes-cohorts.ts";
import { learnerRoutes } from "./routes-learner.ts";
import { recordsAdminRoutes } from "./routes-records-admin.ts";
import { xapiRoutes } from "./routes-xapi.ts";
import { type AppEnv, loadSession } from "./session.ts";
import { HttpError } from "./validation.ts";

export interface AppDeps {
  db: Database;
  config: Config;
  logger: Logger;
  catalog: CourseCatalog;
  signingKey: SigningKey;
  playerDist?: string;
  consoleDist?: string;
}

// Long enough for a PostgreSQL restart or failover, short enough that a waiting phone syncs soon after.
const DATABASE_RETRY_AFTER_SECONDS = 5;

const tooLarge = () => {
  throw new HttpError(413, "body_too_large", "The request body is too large");
};

function clientAddress(c: unknown): string {
  try {
    return getConnInfo(c as Context).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}

export function createApp({ db, config, logger, catalog, signingKey, playerDist, consoleDist }: AppDeps) {
  const app = new Hono<AppEnv>();
  const rules = validityRules(catalog);

  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    logger.info({
      msg: "request",
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      strictTransportSecurity:
        config.NODE_ENV === "production" ? "max-age=31536000; includeSubDomains" : false,
    }),
  );

  // Roster uploads (CSV or XLSX of up to 10,000 people) get more room than the rest of the API.
  const rosterUpload = /^\/api\/cohorts\/[^/]+\/roster\//;
  const apiLimit = bodyLimit({ maxSize: 64 * 1024, onError: tooLarge });
  const rosterLimit = bodyLimit({ maxSize: 5 * 1024 * 1024, onError: tooLarge });
  app.use("/api/*", (c, next) => (rosterUpload.test(c.req.path) ? rosterLimit : apiLimit)(c, next));
  app.use("/xapi/*", bodyLimit({ maxSize: 2 * 1024 * 1024, onError: tooLarge }));
  app.use("/api/*", loadSession(db));
  app.use("/xapi/*", loadSession(db));
  app.use("/api/*", async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
  });

  app.get("/api/health", (c) => c.json({ status: "ok", database: db.engine, demo: config.demo }));
  app.route("/api/auth", authRoutes(db, config, clientAddress));
  app.route("/api/me", learnerRoutes(db, catalog, config));
  app.route("/api/cohorts", cohortRoutes(db, catalog));
  app.route("/api/catalog", catalogRoutes(catalog));
  app.route("/api/reports", reportRoutes(db, catalog));
  app.route("/api/join", joinRoutes(db));
  app.route("/api/units", unitRoutes(db));
  app.route("/api/people", peopleRoutes(db));
  app.route("/api/admin", adminRoutes(db));
  app.route("/api/admin", recordsAdminRoutes(db));
  app.route(
    "/api/certification",
    certificationRoutes(certificationService({ db, catalog, rules, signingKey, logger }), config),
  );
  app.route("/", certificateRoutes(db, catalog, config));
  app.route("/xapi", xapiRoutes(db, rules));
  app.all("/api/*", () => {
    throw new HttpError(404, "not_found", "No such endpoint");
  });

  if (consoleDist && existsSync(consoleDist)) mountSpa(app, "/console", consoleDist);
  if (playerDist && existsSync(playerDist)) mountSpa(app, "", playerDist);

  app.onError((error, c) => {
    if (error instanceof HttpError) {
      return c.json({ error: error.code, message: error.message, details: error.details }, error.status);
    }
    if (isDatabaseUnavailable(error)) {
      logger.warn({ msg: "database unavailable", err: error, path: c.req.path });
      c.header("Retry-After", String(DATABASE_RETRY_AFTER_SECONDS));
      return c.json({ error: "unavailable", message: "The database is unavailable; try again shortly" }, 503);
    }
    logger.error({ msg: "unhandled error", err: error, path: c.req.path });
    return c.json({ error: "internal", message: "Internal server error" }, 500);
  });

  return app;
}

/** Serves a built single-page app: hashed assets cached forever, everything else revalidated. */
function mountSpa(app: Hono<AppEnv>, prefix: string, root: string) {
  const strip = (path: string) => path.slice(prefix.length) || "/";
  app.use(`${prefix}/assets/*`, async (c, next) => {
    await next();
    if (c.res.ok) c.header("Cache-Control", "public, max-age=31536000, immutable");
  });
  app.use(`${prefix}/*`, serveStatic({ root, rewriteRequestPath: strip }));
  if (prefix) app.get(prefix, (c) => c.redirect(`${prefix}/`, 301));
  app.get(`${prefix}/*`, async (c, next) => {
    // Unknown paths with a file extension are real 404s; anything else is a client-side route.
    if (/\.[a-z0-9]+$/i.test(c.req.path)) return next();
    c.header("Cache-Control", "no-cache");
    return serveStatic({ root, path: "index.html" })(c, next);
  });
}
