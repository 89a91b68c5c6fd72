import { Hono } from "hono";
import { z } from "zod";
import type { Database } from "../db/database.ts";
import { type AppEnv, requirePerson } from "../http/session.ts";
import { readJson } from "../http/validation.ts";
import { describeJoinCode, redeemJoinCode } from "./join-codes.ts";

const joinSchema = z.strictObject({ code: z.string().trim().min(1, "enter the join code").max(40) });

/** Self-enrolment for any signed-in person; see "Join codes" in apps/server/README.md. */
export function joinRoutes(db: Database) {
  const app = new Hono<AppEnv>();

  app.get("/:code", async (c) => {
    const person = requirePerson(c);
    return c.json(await describeJoinCode(db, person, c.req.param("code")));
  });

  app.post("/", async (c) => {
    const person = requirePerson(c);
    const { code } = await readJson(c, joinSchema);
    return c.json(await redeemJoinCode(db, person, code));
  });

  return app;
}
