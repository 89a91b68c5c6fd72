import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { findSession, type SessionPerson } from "../auth/sessions.ts";
import type { Queryable } from "../db/database.ts";
import { HttpError } from "./validation.ts";

export const SESSION_COOKIE = "bvte_session";

export type AppEnv = { Variables: { person: SessionPerson | null } };

export function loadSession(db: Queryable): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    c.set("person", token ? await findSession(db, token) : null);
    await next();
  };
}

export function requirePerson(c: Context<AppEnv>): SessionPerson {
  const person = c.get("person");
  if (!person) throw new HttpError(401, "unauthenticated", "Sign in first");
  return person;
}

export function requireRole(c: Context<AppEnv>, ...roles: string[]): SessionPerson {
  const person = requirePerson(c);
  if (!roles.some((role) => person.roles.includes(role))) {
    throw new HttpError(403, "forbidden", "Your role does not allow this");
  }
  return person;
}
