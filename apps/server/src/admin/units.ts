import { UNIT_KINDS, type UnitEntry } from "@bvte/api";
import { z } from "zod";
import type { SessionPerson } from "../auth/sessions.ts";
import { subtreePattern, unitScopeCondition } from "../cohorts/scope.ts";
import type { Database, Queryable } from "../db/database.ts";
import { HttpError } from "../http/validation.ts";
import { createUnit } from "../people.ts";

/**
 * The units a person may see, as a flat list in tree order (the client nests them by `parentId`):
 * everything for an admin, the subtrees of their scope units for a trainer.
 */
export async function listUnits(db: Queryable, person: SessionPerson): Promise<UnitEntry[]> {
  const scope = unitScopeCondition(person, "$1");
  const { rows } = await db.query<{
    id: string;
    parent_id: string | null;
    name: string;
    kind: string;
    people: number;
  }>(
    `select u.id, u.parent_id, u.name, u.kind,
            (select count(*)::int from people p where p.home_unit_id = u.id and p.active) as people
       from units u where ${scope.sql} order by u.path`,
    [scope.value],
  );
  // A trainer's top units have parents they cannot see; to them those units are roots.
  const visible = new Set(rows.map((row) => row.id));
  return rows.map((row) => ({
    id: row.id,
    parentId: row.parent_id && visible.has(row.parent_id) ? row.parent_id : null,
    name: row.name,
    kind: row.kind,
    people: row.people,
  }));
}

export const createUnitSchema = z.strictObject({
  id: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, "use letters, digits, . _ - (at most 40), e.g. QN-HL-TH"),
  parentId: z.string().trim().min(1).nullable(),
  name: z.string().trim().min(1, "must not be empty").max(200),
  kind: z.enum(UNIT_KINDS),
});

export const updateUnitSchema = z
  .strictObject({
    name: createUnitSchema.shape.name,
    kind: createUnitSchema.shape.kind,
    parentId: createUnitSchema.shape.parentId,
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, "change at least one field");

export async function addUnit(db: Queryable, input: z.infer<typeof createUnitSchema>): Promise<void> {
  const { rows } = await db.query<{ id: string }>("select id from units where lower(id) = lower($1)", [
    input.id,
  ]);
  if (rows[0]) throw new HttpError(409, "unit_exists", `id: unit code "${rows[0].id}" is taken`);
  if (input.parentId) await requireUnit(db, input.parentId, "parentId");
  await createUnit(db, input);
}

async function requireUnit(db: Queryable, id: string, field: string): Promise<{ path: string }> {
  const { rows } = await db.query<{ path: string }>("select path from units where id = $1", [id]);
  if (!rows[0]) throw new HttpError(400, "invalid_body", `${field}: no unit "${id}"`);
  return rows[0];
}

/**
 * Renames, re-kinds or moves a unit. A move rewrites the paths of the whole subtree in the same
 * transaction, so scopes and cohorts follow the unit to its new place.
 */
export async function updateUnit(
  db: Database,
  id: string,
  patch: z.infer<typeof updateUnitSchema>,
): Promise<void> {
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ path: string; parent_id: string | null }>(
      "select path, parent_id from units where id = $1 for update",
      [id],
    );
    const unit = rows[0];
    if (!unit) throw new HttpError(404, "not_found", "No such unit");
    if (patch.name !== undefined || patch.kind !== undefined) {
      await tx.query("update units set name = coalesce($2, name), kind = coalesce($3, kind) where id = $1", [
        id,
        patch.name ?? null,
        patch.kind ?? null,
      ]);
    }
    if (patch.parentId === undefined || patch.parentId === unit.parent_id) return;
    const parentPath = patch.parentId ? (await requireUnit(tx, patch.parentId, "parentId")).path : "/";
    if (parentPath.startsWith(unit.path)) {
      throw new HttpError(
        400,
        "invalid_body",
        "parentId: a unit cannot move under itself or its own sub-units",
      );
    }
    const newPath = `${parentPath}${id}/`;
    await tx.query("update units set parent_id = $2 where id = $1", [id, patch.parentId]);
    await tx.query(
      `update units set path = $2 || substr(path, length($1) + 1)
        where path like ${subtreePattern("$1::text")}`,
      [unit.path, newPath],
    );
  });
}
