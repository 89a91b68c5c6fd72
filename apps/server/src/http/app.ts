import { existsSync } from "node:fs";
import { getConnInfo } from "@hono/node-server/conninfo";
import { serveStatic } from "@hono/node-server/serve-static";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import type { Logger } from "pino";
import type { Config } from "../config.ts";
import type { Database } from "../db/database.ts";
import { authRoutes } from "./routes-auth.ts";
import { cohortRoutes } from "./routes-cohorts.ts";
import { learnerRoutes } from "./routes-learner.ts";
import { xapiRoutes } from "./routes-xapi.ts";
import { type AppEnv, loadSession } from "./session.ts";
import { HttpError } from "./validation.ts";

export interface AppDeps {
  db: Database;
  config: Config;
  logger: Logger;
  playerDist?: string;
  consoleDist?: string;
}

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

export function createApp({ db, config, logger, playerDist, consoleDist }: AppDeps) {
  const app = new Hono<AppEnv>();

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

  app.use("/api/*", bodyLimit({ maxSize: 64 * 1024, onError: tooLarge }));
  app.use("/xapi/*", bodyLimit({ maxSize: 2 * 1024 * 1024, onError: tooLarge }));
  app.use("/api/*", loadSession(db));
  app.use("/xapi/*", loadSession(db));
  app.use("/api/*", async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
  });

  app.get("/api/health", (c) => c.json({ status: "ok", database: db.engine, demo: config.demo }));
  app.route("/api/auth", authRoutes(db, config, clientAddress));
  app.route("/api/me", learnerRoutes(db));
  app.route("/api/cohorts", cohortRoutes(db));
  app.route("/xapi", xapiRoutes(db));
  app.all("/api/*", () => {
    throw new HttpError(404, "not_found", "No such endpoint");
  });

  if (consoleDist && existsSync(consoleDist)) mountSpa(app, "/console", consoleDist);
  if (playerDist && existsSync(playerDist)) mountSpa(app, "", playerDist);

  app.onError((error, c) => {
    if (error instanceof HttpError) {
      return c.json({ error: error.code, message: error.message, details: error.details }, error.status);
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
