import { type Context, Hono } from "hono";
import { z } from "zod";
import { attemptsBlocked, recordFailedAttempt } from "../auth/rate-limit.ts";
import type { Database } from "../db/database.ts";
import { type AppEnv, requirePerson } from "../http/session.ts";
import { HttpError, readJson } from "../http/validation.ts";
import { describeJoinCode, joinCodeLimit, redeemJoinCode } from "./join-codes.ts";

const joinSchema = z.strictObject({ code: z.string().trim().min(1, "enter the join code").max(40) });

/** Self-enrolment for any signed-in person; see "Join codes" in apps/server/README.md. */
export function joinRoutes(db: Database) {
  const app = new Hono<AppEnv>();

  /** Refuses a person who tried too many wrong codes lately, and counts a code that leads nowhere. */
  const limited = async <T>(
    c: Context<AppEnv>,
    use: (person: ReturnType<typeof requirePerson>) => Promise<T>,
  ) => {
    const person = requirePerson(c);
    const limit = joinCodeLimit(person.id);
    const retryAfter = await attemptsBlocked(db, [limit]);
    if (retryAfter !== null) {
      c.header("Retry-After", String(retryAfter));
      throw new HttpError(429, "too_many_attempts", "code: too many wrong join codes; try again later");
    }
    try {
      return await use(person);
    } catch (error) {
      if (error instanceof HttpError && error.code === "unknown_code") await recordFailedAttempt(db, [limit]);
      throw error;
    }
  };

  app.get("/:code", async (c) => {
    const code = c.req.param("code");
    return c.json(await limited(c, (person) => describeJoinCode(db, person, code)));
  });

  app.post("/", async (c) => {
    return c.json(
      await limited(c, async (person) => {
        const { code } = await readJson(c, joinSchema);
        return redeemJoinCode(db, person, code);
      }),
    );
  });

  return app;
}
