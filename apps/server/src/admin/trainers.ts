import type { TrainerEntry } from "@bvte/api";
import { z } from "zod";
import { hashPassword } from "../auth/password.ts";
import type { Database, Queryable } from "../db/database.ts";
import { HttpError } from "../http/validation.ts";
import { createPerson } from "../people.ts";

export const passwordSchema = z.string().min(10, "use at least 10 characters").max(200);

const scopesSchema = z
  .array(z.string().trim().min(1))
  .min(1, "give the trainer at least one unit")
  .max(100)
  .refine((ids) => new Set(ids).size === ids.length, "lists a unit twice");

export const createTrainerSchema = z.strictObject({
  login: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9._@+-]{1,99}$/, "use letters, digits, . _ @ + -"),
  displayName: z.string().trim().min(1, "must not be empty").max(200),
  homeUnitId: z.string().trim().min(1),
  password: passwordSchema,
  scopes: scopesSchema,
  phone: z.string().trim().max(30).nullable().default(null),
  email: z.email().nullable().default(null),
});

export const updateTrainerSchema = z
  .strictObject({
    displayName: createTrainerSchema.shape.displayName,
    active: z.boolean(),
    password: passwordSchema,
    scopes: scopesSchema,
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, "change at least one field");

export async function listTrainers(db: Queryable): Promise<TrainerEntry[]> {
  const { rows } = await db.query<{
    id: string;
    login: string;
    display_name: string;
    home_unit_id: string;
    active: boolean;
    roles: string[];
    scopes: { id: string; name: string }[];
  }>(
    `select p.id, p.login, p.display_name, p.home_unit_id, p.active, p.roles,
            coalesce((select jsonb_agg(jsonb_build_object('id', u.id, 'name', u.name) order by u.path)
                        from trainer_scopes ts join units u on u.id = ts.unit_id where ts.person_id = p.id),
                     '[]') as scopes
       from people p where 'trainer' = any(p.roles) order by p.display_name, p.login`,
  );
  return rows.map((row) => ({
    id: row.id,
    login: row.login,
    displayName: row.display_name,
    homeUnitId: row.home_unit_id,
    active: row.active,
    admin: row.roles.includes("admin"),
    scopes: row.scopes,
  }));
}

async function checkUnits(db: Queryable, ids: string[], field: string): Promise<void> {
  const { rows } = await db.query<{ id: string }>("select id from units where id = any($1::text[])", [ids]);
  const known = new Set(rows.map((row) => row.id));
  const missing = ids.findIndex((id) => !known.has(id));
  if (missing >= 0) {
    const path = field === "homeUnitId" ? field : `${field}.${missing}`;
    throw new HttpError(400, "invalid_body", `${path}: no unit "${ids[missing]}"`);
  }
}

async function replaceScopes(db: Queryable, personId: string, unitIds: string[]): Promise<void> {
  await db.query("delete from trainer_scopes where person_id = $1", [personId]);
  await db.query("insert into trainer_scopes (person_id, unit_id) select $1, unnest($2::text[])", [
    personId,
    unitIds,
  ]);
}

export async function createTrainer(
  db: Database,
  input: z.infer<typeof createTrainerSchema>,
): Promise<string> {
  await checkUnits(db, [input.homeUnitId], "homeUnitId");
  await checkUnits(db, input.scopes, "scopes");
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const { rows } = await tx.query("select 1 from people where login = $1", [input.login]);
    if (rows.length > 0) throw new HttpError(409, "login_taken", `login: "${input.login}" is taken`);
    const id = await createPerson(tx, {
      login: input.login,
      displayName: input.displayName,
      roles: ["trainer"],
      homeUnitId: input.homeUnitId,
      passwordHash,
      phone: input.phone,
      email: input.email,
    });
    await replaceScopes(tx, id, input.scopes);
    return id;
  });
}

/** Changes a trainer; deactivating one ends their sessions at once (sessions require an active person). */
export async function updateTrainer(
  db: Database,
  id: string,
  patch: z.infer<typeof updateTrainerSchema>,
): Promise<void> {
  if (patch.scopes) await checkUnits(db, patch.scopes, "scopes");
  const passwordHash = patch.password ? await hashPassword(patch.password) : null;
  await db.transaction(async (tx) => {
    const { rows } = await tx.query(
      `update people set display_name = coalesce($2, display_name), active = coalesce($3, active),
              password_hash = coalesce($4, password_hash)
        where id = $1 and 'trainer' = any(roles) returning id`,
      [id, patch.displayName ?? null, patch.active ?? null, passwordHash],
    );
    if (rows.length === 0) throw new HttpError(404, "not_found", "No such trainer");
    if (patch.scopes) await replaceScopes(tx, id, patch.scopes);
  });
}
