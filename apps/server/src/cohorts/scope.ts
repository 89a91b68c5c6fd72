import type { SessionPerson } from "../auth/sessions.ts";

/**
 * A LIKE pattern matching every path in the subtree of the unit whose path is `pathExpr`. Unit ids
 * may contain `_`, which LIKE reads as "any character"; escaping it keeps unit "A_1" from matching
 * "AB1", and LIKE (unlike starts_with) still uses the path index.
 */
export function subtreePattern(pathExpr: string): string {
  return `replace(${pathExpr}, '_', '\\_') || '%'`;
}

/**
 * SQL condition (on a units alias, `u` unless named) for the units a person may see: an admin sees
 * every unit, a trainer the subtrees of their scope units, anyone else nothing.
 */
export function unitScopeCondition(
  person: SessionPerson,
  param: string,
  unitAlias = "u",
): { sql: string; value: string } {
  // The parameter is referenced in every branch so PostgreSQL can always infer its type.
  if (person.roles.includes("admin")) return { sql: `${param}::uuid is not null`, value: person.id };
  if (!person.roles.includes("trainer")) return { sql: `${param}::uuid is null`, value: person.id };
  return {
    sql: `exists (select 1 from trainer_scopes ts join units su on su.id = ts.unit_id
                   where ts.person_id = ${param} and ${unitAlias}.path like ${subtreePattern("su.path")})`,
    value: person.id,
  };
}
