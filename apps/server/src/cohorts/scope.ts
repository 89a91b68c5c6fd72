import type { SessionPerson } from "../auth/sessions.ts";

/**
 * SQL condition (on a units alias `u`) for the units a person may see: an admin sees every unit, a
 * trainer the subtrees of their scope units, anyone else nothing.
 */
export function unitScopeCondition(person: SessionPerson, param: string): { sql: string; value: string } {
  // The parameter is referenced in every branch so PostgreSQL can always infer its type.
  if (person.roles.includes("admin")) return { sql: `${param}::uuid is not null`, value: person.id };
  if (!person.roles.includes("trainer")) return { sql: `${param}::uuid is null`, value: person.id };
  return {
    sql: `exists (select 1 from trainer_scopes ts join units su on su.id = ts.unit_id
                   where ts.person_id = ${param} and u.path like su.path || '%')`,
    value: person.id,
  };
}
