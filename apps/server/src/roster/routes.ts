import { Hono } from "hono";
import { z } from "zod";
import { passwordSchema } from "../admin/trainers.ts";
import { hashPassword } from "../auth/password.ts";
import { unitScopeCondition } from "../cohorts/scope.ts";
import type { Database } from "../db/database.ts";
import { type AppEnv, requireRole } from "../http/session.ts";
import { HttpError, readJson } from "../http/validation.ts";

const setPasswordSchema = z.strictObject({ password: passwordSchema });

/**
 * People imported from a roster have no password. A trainer sets one for a learner of their units
 * (and hands it over in class); an admin may set anyone's. Trainer and admin accounts are changed
 * only by an admin, so a trainer cannot take over a colleague's account. Setting a password ends the
 * person's sessions.
 */
export function peopleRoutes(db: Database) {
  const app = new Hono<AppEnv>();

  app.post("/:id/password", async (c) => {
    const actor = requireRole(c, "trainer", "admin");
    const id = c.req.param("id");
    const { password } = await readJson(c, setPasswordSchema);
    const scope = unitScopeCondition(actor, "$1");
    const { rows } = z.uuid().safeParse(id).success
      ? await db.query<{ roles: string[] }>(
          `select p.roles from people p join units u on u.id = p.home_unit_id where p.id = $2 and ${scope.sql}`,
          [scope.value, id],
        )
      : { rows: [] };
    const person = rows[0];
    if (!person) throw new HttpError(404, "not_found", "No such person in your units");
    const isStaff = person.roles.some((role) => role === "trainer" || role === "admin");
    if (isStaff && !actor.roles.includes("admin")) {
      throw new HttpError(403, "forbidden", "Only an administrator sets passwords of trainers and admins");
    }
    const passwordHash = await hashPassword(password);
    await db.transaction(async (tx) => {
      await tx.query("update people set password_hash = $2 where id = $1", [id, passwordHash]);
      await tx.query("delete from sessions where person_id = $1", [id]);
    });
    return c.body(null, 204);
  });

  return app;
}
