import {
  type CohortRecord,
  type PreviewRow,
  ROLES,
  type Role,
  type RosterPreview,
  type RosterProblem,
  type RowStatus,
} from "@bvte/api";
import { z } from "zod";
import { withinSubtree } from "../cohorts/access.ts";
import type { Database, Queryable } from "../db/database.ts";
import { foldText, type ParsedRoster } from "./parse.ts";

/** Roles a roster may give. Trainer and admin accounts come only from an administrator. */
const LEARNER_ROLES = ROLES.filter((role) => role !== "trainer" && role !== "admin");

/** Accepted spellings of each learner role, compared folded (no case or diacritics). */
const ROLE_NAMES: Record<string, Role> = {
  teacher: "teacher",
  giaovien: "teacher",
  healthworker: "health-worker",
  nhanvienyte: "health-worker",
  canboyte: "health-worker",
  yte: "health-worker",
  investigator: "investigator",
  dieutravien: "investigator",
  parent: "parent",
  phuhuynh: "parent",
  chame: "parent",
  childprotectionofficer: "child-protection-officer",
  canbobaovetreem: "child-protection-officer",
  congtacvienbaovetreem: "child-protection-officer",
};

const LOGIN = /^[a-z0-9][a-z0-9._@+-]{1,99}$/;
const PHONE = /^\+?[0-9][0-9 .()-]{5,19}$/;
const email = z.email();

/**
 * Checks every row against the database without changing it: required cells, role, unit (known and
 * within the cohort's scope unit), login (well-formed, once in the file, and either free or the
 * login of someone in the cohort's units), phone and e-mail.
 */
export async function previewRoster(
  db: Queryable,
  cohort: CohortRecord,
  parsed: ParsedRoster,
): Promise<RosterPreview> {
  const problems = [...parsed.problems];
  const problem = (
    row: number,
    column: RosterProblem["column"],
    code: string,
    message: string,
    extra: Pick<RosterProblem, "otherRow"> = {},
  ) => problems.push({ row, column, code, message, ...extra });

  const unitIds = [...new Set(parsed.rows.map((row) => row.cells.unit).filter(Boolean))];
  const { rows: units } = await db.query<{ id: string; name: string; inside: boolean }>(
    `select u.id, u.name, ${withinSubtree("u", "$2")} as inside
       from units u where lower(u.id) = any($1::text[])`,
    [unitIds.map((id) => id.toLowerCase()), cohort.scopeUnit.path],
  );
  const exactUnits = new Map(units.map((unit) => [unit.id, unit]));
  const foldedUnits = new Map<string, typeof units>();
  for (const unit of units)
    foldedUnits.set(unit.id.toLowerCase(), [...(foldedUnits.get(unit.id.toLowerCase()) ?? []), unit]);

  const logins = [...new Set(parsed.rows.map((row) => row.cells.login.toLowerCase()).filter(Boolean))];
  const { rows: people } = await db.query<{
    login: string;
    active: boolean;
    inside: boolean;
    member: boolean;
  }>(
    `select p.login, p.active, ${withinSubtree("u", "$2")} as inside,
            exists (select 1 from cohort_members m where m.cohort_id = $3 and m.person_id = p.id) as member
       from people p join units u on u.id = p.home_unit_id where p.login = any($1::text[])`,
    [logins, cohort.scopeUnit.path, cohort.id],
  );
  const existing = new Map(people.map((person) => [person.login, person]));

  const firstRowOfLogin = new Map<string, number>();
  const rows = parsed.rows.map(({ row, cells }): PreviewRow => {
    const login = cells.login.toLowerCase();
    if (!cells.name) problem(row, "name", "required", "The name is missing");
    else if (cells.name.length > 200)
      problem(row, "name", "too_long", "The name is longer than 200 characters");
    else if (cells.name.includes("?") || cells.name.includes("\uFFFD")) {
      problem(
        row,
        "name",
        "encoding",
        `"${cells.name}" has lost letters (saved in the wrong encoding?); save as CSV UTF-8`,
      );
    }

    let role: Role | null = null;
    if (!cells.role) problem(row, "role", "required", "The role is missing");
    else {
      role = ROLE_NAMES[foldText(cells.role)] ?? null;
      if (!role) {
        problem(
          row,
          "role",
          "bad_role",
          `"${cells.role}" is not a learner role (${LEARNER_ROLES.join(", ")})`,
        );
      }
    }

    let unit: { id: string; name: string; inside: boolean } | undefined;
    if (!cells.unit) problem(row, "unit", "required", "The unit code is missing");
    else {
      const matches = foldedUnits.get(cells.unit.toLowerCase()) ?? [];
      unit = exactUnits.get(cells.unit) ?? (matches.length === 1 ? matches[0] : undefined);
      if (!unit) problem(row, "unit", "unknown_unit", `There is no unit with code "${cells.unit}"`);
      else if (!unit.inside) {
        problem(row, "unit", "unit_outside", `Unit "${unit.id}" is not within ${cohort.scopeUnit.name}`);
      }
    }

    let status: RowStatus | null = null;
    if (!login) problem(row, "login", "required", "The login is missing");
    else if (!LOGIN.test(login)) {
      problem(
        row,
        "login",
        "invalid_login",
        `"${cells.login}" is not a valid login (letters, digits, . _ @ + -)`,
      );
    } else if (firstRowOfLogin.has(login)) {
      const otherRow = firstRowOfLogin.get(login) as number;
      problem(row, "login", "duplicate_login", `"${login}" is already on row ${otherRow}`, { otherRow });
    } else {
      firstRowOfLogin.set(login, row);
      const person = existing.get(login);
      if (!person) status = "new";
      else if (!person.active || !person.inside) {
        problem(
          row,
          "login",
          "login_taken",
          `"${login}" belongs to an account outside ${cohort.scopeUnit.name}`,
        );
      } else status = person.member ? "member" : "existing";
    }

    if (cells.phone && !PHONE.test(cells.phone)) {
      problem(row, "phone", "invalid_phone", `"${cells.phone}" is not a phone number`);
    }
    if (cells.email && !email.safeParse(cells.email).success) {
      problem(row, "email", "invalid_email", `"${cells.email}" is not an e-mail address`);
    }
    return {
      row,
      name: cells.name,
      login,
      role,
      unitId: unit?.id ?? cells.unit,
      unitName: unit?.name ?? null,
      phone: cells.phone || null,
      email: cells.email || null,
      status,
    };
  });

  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const count = (status: RowStatus) => rows.filter((row) => row.status === status).length;
  return {
    format: parsed.format,
    rows,
    problems,
    counts: { rows: rows.length, new: count("new"), existing: count("existing"), member: count("member") },
  };
}

export class RosterInvalidError extends Error {
  constructor(readonly preview: RosterPreview) {
    super(`The roster has ${preview.problems.length} problem(s)`);
  }
}

/**
 * Imports a clean roster in one transaction: new logins become accounts (without a password: they
 * sign in once a trainer sets one), and everyone not yet a member joins the cohort. Existing accounts
 * are never changed, so importing the same file again adds nothing.
 */
export async function importRoster(
  db: Database,
  cohort: CohortRecord,
  parsed: ParsedRoster,
): Promise<{ created: number; added: number; alreadyMembers: number }> {
  return db.transaction(async (tx) => {
    // Checked again inside the transaction: the preview may be stale by now.
    const preview = await previewRoster(tx, cohort, parsed);
    if (preview.problems.length > 0) throw new RosterInvalidError(preview);
    const fresh = preview.rows.filter((row) => row.status === "new");
    await tx.query(
      `insert into people (login, display_name, roles, home_unit_id, phone, email)
       select t.login, t.name, array[t.role], t.unit, t.phone, t.email
         from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
           as t(login, name, role, unit, phone, email)`,
      [
        fresh.map((row) => row.login),
        fresh.map((row) => row.name),
        fresh.map((row) => row.role),
        fresh.map((row) => row.unitId),
        fresh.map((row) => row.phone),
        fresh.map((row) => row.email),
      ],
    );
    const joining = preview.rows.filter((row) => row.status !== "member").map((row) => row.login);
    const { rows: added } = await tx.query(
      `insert into cohort_members (cohort_id, person_id)
       select $1, p.id from people p where p.login = any($2::text[])
       on conflict do nothing returning person_id`,
      [cohort.id, joining],
    );
    return { created: fresh.length, added: added.length, alreadyMembers: preview.counts.member };
  });
}
