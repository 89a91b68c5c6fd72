import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { verifyAgainstDummy, verifyPassword } from "../auth/password.ts";
import {
  attemptsBlocked,
  clearFailedAttempts,
  recordFailedAttempt,
  signinLimits,
} from "../auth/rate-limit.ts";
import { createSession, deleteSession } from "../auth/sessions.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/database.ts";
import { type AppEnv, requirePerson, SESSION_COOKIE } from "./session.ts";
import { HttpError, readJson } from "./validation.ts";

const signinSchema = z.object({
  login: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(1000),
});

export function authRoutes(db: Database, config: Config, clientAddress: (c: unknown) => string) {
  const app = new Hono<AppEnv>();

  app.post("/signin", async (c) => {
    const { login: rawLogin, password } = await readJson(c, signinSchema);
    const login = rawLogin.toLowerCase();
    const address = clientAddress(c);
    const limits = signinLimits(login, address);
    const retryAfter = await attemptsBlocked(db, limits);
    if (retryAfter !== null) {
      c.header("Retry-After", String(retryAfter));
      throw new HttpError(429, "too_many_attempts", "Too many failed sign-ins; try again later");
    }
    const { rows } = await db.query<{ id: string; password_hash: string | null }>(
      "select id, password_hash from people where login = $1 and active",
      [login],
    );
    const person = rows[0];
    const valid = person?.password_hash
      ? await verifyPassword(person.password_hash, password)
      : await verifyAgainstDummy(password);
    if (!person || !valid) {
      await recordFailedAttempt(db, limits);
      throw new HttpError(401, "invalid_credentials", "Wrong login or password");
    }
    await clearFailedAttempts(db, [`login:${login}`]);
    const session = await createSession(db, person.id, config.SESSION_TTL_HOURS);
    setCookie(c, SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: "Lax",
      secure: config.NODE_ENV === "production",
      path: "/",
      expires: session.expiresAt,
    });
    return c.json({ expiresAt: session.expiresAt.toISOString() });
  });

  app.post("/signout", async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await deleteSession(db, token);
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.body(null, 204);
  });

  app.get("/me", (c) => {
    const person = requirePerson(c);
    return c.json(person);
  });

  return app;
}
