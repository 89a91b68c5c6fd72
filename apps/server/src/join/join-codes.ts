import { randomInt } from "node:crypto";
import type { JoinCode } from "@bvte/api";
import type { AttemptLimit } from "../auth/rate-limit.ts";
import type { SessionPerson } from "../auth/sessions.ts";
import { withinSubtree } from "../cohorts/access.ts";
import type { Database, Queryable } from "../db/database.ts";
import { HttpError } from "../http/validation.ts";

/** No 0/O, 1/I/L: codes are read aloud in class and typed on phones. */
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const CODE_LENGTH = 8;

/** Upper case without separators or spaces, as stored. */
export function normalizeCode(input: string): string {
  return input.toUpperCase().replace(/[^A-Z0-9]/g, "");
}

const display = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

function generateCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

interface Row {
  id: string;
  code: string;
  created_at: Date;
  expires_at: Date;
  max_uses: number | null;
  uses: number;
  revoked_at: Date | null;
}

const columns = "id, code, created_at, expires_at, max_uses, uses, revoked_at";

function toJoinCode(row: Row): JoinCode {
  return {
    id: row.id,
    code: display(row.code),
    path: `/join/${display(row.code)}`,
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: new Date(row.expires_at).toISOString(),
    maxUses: row.max_uses,
    uses: row.uses,
    revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : null,
  };
}

export async function createJoinCode(
  db: Queryable,
  cohortId: string,
  createdBy: string,
  options: { expiresAt: Date; maxUses: number | null },
): Promise<JoinCode> {
  // 31^8 ≈ 8.5 × 10^11 codes: a clash is rare, and retrying on one keeps codes unique.
  for (let attempt = 0; ; attempt++) {
    const { rows } = await db.query<Row>(
      `insert into cohort_join_codes (cohort_id, code, created_by, expires_at, max_uses)
       values ($1, $2, $3, $4, $5) on conflict (code) do nothing returning ${columns}`,
      [cohortId, generateCode(), createdBy, options.expiresAt.toISOString(), options.maxUses],
    );
    if (rows[0]) return toJoinCode(rows[0]);
    if (attempt >= 5) throw new Error("Could not find a free join code");
  }
}

export async function listJoinCodes(db: Queryable, cohortId: string): Promise<JoinCode[]> {
  const { rows } = await db.query<Row>(
    `select ${columns} from cohort_join_codes where cohort_id = $1 order by created_at desc`,
    [cohortId],
  );
  return rows.map(toJoinCode);
}

export async function revokeJoinCode(db: Queryable, cohortId: string, codeId: string): Promise<boolean> {
  const { rows } = await db.query(
    `update cohort_join_codes set revoked_at = coalesce(revoked_at, now())
      where id = $1 and cohort_id = $2 returning id`,
    [codeId, cohortId],
  );
  return rows.length > 0;
}

export interface JoinTarget {
  cohortId: string;
  cohortName: string;
  unitName: string;
  expiresAt: string;
}

interface CodeRow {
  id: string;
  cohort_id: string;
  cohort_name: string;
  unit_name: string;
  unit_path: string;
  expires_at: Date;
  revoked_at: Date | null;
  max_uses: number | null;
  uses: number;
  member: boolean;
  home_inside: boolean;
}

async function findCode(db: Queryable, person: SessionPerson, code: string, lock: boolean): Promise<CodeRow> {
  const normalized = normalizeCode(code);
  if (!/^[A-Z0-9]{8,16}$/.test(normalized)) {
    throw new HttpError(400, "invalid_body", "code: expected a join code like K7QM-X4PR");
  }
  const { rows } = await db.query<CodeRow>(
    `select j.id, j.cohort_id, c.name as cohort_name, u.name as unit_name, u.path as unit_path,
            j.expires_at, j.revoked_at, j.max_uses, j.uses,
            exists (select 1 from cohort_members m where m.cohort_id = c.id and m.person_id = $2) as member,
            exists (select 1 from people p join units hu on hu.id = p.home_unit_id
                     where p.id = $2 and ${withinSubtree("hu", "u.path")}) as home_inside
       from cohort_join_codes j join cohorts c on c.id = j.cohort_id join units u on u.id = c.scope_unit_id
      where j.code = $1 ${lock ? "for update of j" : ""}`,
    [normalized, person.id],
  );
  const row = rows[0];
  if (!row) throw new HttpError(404, "unknown_code", "code: no cohort has this join code");
  return row;
}

/** Why a code cannot be used now, or null when it can. Members may always "join" again. */
function refusal(row: CodeRow): HttpError | null {
  if (row.member) return null;
  if (row.revoked_at) return new HttpError(410, "code_revoked", "code: this join code has been withdrawn");
  if (new Date(row.expires_at).getTime() <= Date.now()) {
    return new HttpError(410, "code_expired", "code: this join code has expired");
  }
  if (row.max_uses !== null && row.uses >= row.max_uses) {
    return new HttpError(410, "code_used_up", "code: this join code has been used as often as allowed");
  }
  if (!row.home_inside) {
    return new HttpError(403, "outside_unit", `code: this cohort is for people of ${row.unit_name}`);
  }
  return null;
}

const target = (row: CodeRow): JoinTarget => ({
  cohortId: row.cohort_id,
  cohortName: row.cohort_name,
  unitName: row.unit_name,
  expiresAt: new Date(row.expires_at).toISOString(),
});

/** What a code leads to, for the learner to confirm before joining. */
export async function describeJoinCode(
  db: Queryable,
  person: SessionPerson,
  code: string,
): Promise<JoinTarget & { alreadyMember: boolean }> {
  const row = await findCode(db, person, code, false);
  const refused = refusal(row);
  if (refused) throw refused;
  return { ...target(row), alreadyMember: row.member };
}

/**
 * Adds the signed-in person to the code's cohort. Idempotent: a member using the code again gets the
 * same answer and uses nothing up. Only people whose home unit lies within the cohort's scope unit
 * may join, so a cohort never gains members its trainers may not see.
 */
export async function redeemJoinCode(
  db: Database,
  person: SessionPerson,
  code: string,
): Promise<JoinTarget & { alreadyMember: boolean }> {
  return db.transaction(async (tx) => {
    const row = await findCode(tx, person, code, true);
    const refused = refusal(row);
    if (refused) throw refused;
    if (!row.member) {
      await tx.query(
        "insert into cohort_members (cohort_id, person_id) values ($1, $2) on conflict do nothing",
        [row.cohort_id, person.id],
      );
      await tx.query("update cohort_join_codes set uses = uses + 1 where id = $1", [row.id]);
    }
    return { ...target(row), alreadyMember: row.member };
  });
}

/**
 * Wrong codes a person may try in the attempt window before being told to wait: a class mistyping
 * a code read aloud stays far below it, while guessing among 31^8 codes gets nowhere.
 */
export const joinCodeLimit = (personId: string): AttemptLimit => ({ key: `join:${personId}`, limit: 10 });
