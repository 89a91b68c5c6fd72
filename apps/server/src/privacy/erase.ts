import { randomUUID } from "node:crypto";
import { AGENT_HOME_PAGE } from "@bvte/learning-records";
import { clearFailedAttempts } from "../auth/rate-limit.ts";
import type { Database } from "../db/database.ts";
import { joinCodeLimit } from "../join/join-codes.ts";
import { writeAudit } from "./audit.ts";

export const ERASED_DISPLAY_NAME = "Người dùng đã xoá";

/** Deleted with the person (by cascade): sign-in, scope and consent belong to the profile. */
const PROFILE_TABLES = new Set(["sessions", "trainer_scopes", "consents"]);
/** Handled one by one below. */
const REWRITTEN_TABLES = new Set(["people", "statements", "certificates"]);

/**
 * Erases a person. Their records stay for the statistics, but only anonymised: they move to a new,
 * random person id that nothing outside this database knows (the old id may sit in exports, phone
 * outboxes or other LRSs), every mention of the old id in statements is rewritten, the profile is
 * deleted with its sessions, scopes and consents, and certificates lose the holder's name and are
 * revoked. What stays: roles and home unit (for figures by unit), course progress, cohort membership,
 * exam attempts and statements.
 * Returns null when there is no such person.
 */
export async function erasePerson(
  db: Database,
  personId: string,
  admin: { id: string },
  reason: string,
): Promise<{ statements: number; certificatesRevoked: number } | null> {
  return db.transaction(async (tx) => {
    const { rows: found } = await tx.query<{ login: string }>(
      "select login from people where id = $1 for update",
      [personId],
    );
    const login = found[0]?.login;
    if (login === undefined) return null;
    const anonymous = randomUUID();
    await tx.query(
      `insert into people (id, login, display_name, roles, home_unit_id, active, created_at, erased_at)
       select $2::text::uuid, 'erased-' || $2::text, $3, roles, home_unit_id, false, created_at, now()
         from people where id = $1::text::uuid`,
      [personId, anonymous, ERASED_DISPLAY_NAME],
    );
    // The old id is a UUID, so a textual replace touches nothing but mentions of this person.
    const { rows: statements } = await tx.query(
      `update statements
          set person_id = case when person_id = $1::text::uuid then $2::text::uuid else person_id end,
              statement = replace(statement::text, $1::text, $2::text)::jsonb,
              authority = replace(authority::text, $1::text, $2::text)::jsonb,
              agents = replace(agents::text, $1::text, $2::text)::text[],
              related_agents = replace(related_agents::text, $1::text, $2::text)::text[]
        where person_id = $1::text::uuid or related_agents @> array[$3::text]
        returning id`,
      [personId, anonymous, `Agent account ${AGENT_HOME_PAGE} ${personId}`],
    );
    // Every other table that refers to people follows the records to the anonymous id, whoever added
    // it, except the profile's own parts, which go with the profile.
    const { rows: references } = await tx.query<{ table_name: string; column_name: string }>(
      `select c.conrelid::regclass::text as table_name, quote_ident(a.attname) as column_name
         from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
        where c.contype = 'f' and c.confrelid = 'people'::regclass and cardinality(c.conkey) = 1
        order by 1, 2`,
    );
    for (const { table_name, column_name } of references) {
      if (PROFILE_TABLES.has(table_name) || REWRITTEN_TABLES.has(table_name)) continue;
      await tx.query(`update ${table_name} set ${column_name} = $2 where ${column_name} = $1`, [
        personId,
        anonymous,
      ]);
    }
    const { rows: certificates } = await tx.query(
      `update certificates
          set person_id = $2, credential = null, revoked_at = coalesce(revoked_at, now()),
              revoke_reason = coalesce(revoke_reason, 'holder erased')
        where person_id = $1 returning id`,
      [personId, anonymous],
    );
    await clearFailedAttempts(tx, [`login:${login}`, joinCodeLimit(personId).key]);
    await tx.query("delete from people where id = $1", [personId]);
    const result = { statements: statements.length, certificatesRevoked: certificates.length };
    await writeAudit(tx, {
      actorId: admin.id,
      action: "person.erase",
      subjectId: personId,
      details: { reason, ...result },
    });
    return result;
  });
}
