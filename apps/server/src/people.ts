import type { Role, UnitKind } from "@bvte/api";
import type { Queryable } from "./db/database.ts";

export async function createUnit(
  db: Queryable,
  unit: { id: string; parentId: string | null; name: string; kind: UnitKind },
): Promise<void> {
  await db.query(
    `insert into units (id, parent_id, name, kind, path)
     values ($1, $2, $3, $4, coalesce((select path from units where id = $2), '/') || $1 || '/')`,
    [unit.id, unit.parentId, unit.name, unit.kind],
  );
}

export async function createPerson(
  db: Queryable,
  person: {
    login: string;
    displayName: string;
    roles: Role[];
    homeUnitId: string;
    passwordHash?: string | null;
    phone?: string | null;
    email?: string | null;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into people (login, display_name, roles, home_unit_id, password_hash, phone, email)
     values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [
      person.login.toLowerCase(),
      person.displayName,
      person.roles,
      person.homeUnitId,
      person.passwordHash ?? null,
      person.phone ?? null,
      person.email ?? null,
    ],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error(`Could not create ${person.login}`);
  return id;
}

export async function addTrainerScope(db: Queryable, personId: string, unitId: string): Promise<void> {
  await db.query("insert into trainer_scopes (person_id, unit_id) values ($1, $2) on conflict do nothing", [
    personId,
    unitId,
  ]);
}
