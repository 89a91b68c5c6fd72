#!/usr/bin/env tsx
import { parseArgs } from "node:util";
import { UNIT_KINDS, type UnitKind } from "@bvte/api";
import { hashPassword } from "../auth/password.ts";
import { loadConfig } from "../config.ts";
import { openDatabase } from "../db/database.ts";
import { migrate } from "../db/migrate.ts";
import { addTrainerScope, createPerson, createUnit } from "../people.ts";

const usage = `Usage:
  bvte-admin create-admin --login <login> --name <display name> --unit <unit id>
             [--unit-name <name> --unit-kind <kind>]   (creates the root unit when it does not exist)
The password is read from the first line of standard input, so it never appears in the shell history:
  printf '%s\\n' "$ADMIN_PASSWORD" | npm run admin -w @bvte/server -- create-admin --login admin --name "Quản trị" --unit QN --unit-name "Tỉnh Quảng Ninh" --unit-kind province
Uses the same DATA_DIR / DATABASE_URL as the server.`;

async function readPassword(): Promise<string> {
  let input = "";
  for await (const chunk of process.stdin) input += chunk;
  const password = input.split(/\r?\n/)[0] ?? "";
  if (password.length < 12) throw new Error("The password must be at least 12 characters long");
  return password;
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      login: { type: "string" },
      name: { type: "string" },
      unit: { type: "string" },
      "unit-name": { type: "string" },
      "unit-kind": { type: "string" },
    },
  });
  if (positionals[0] !== "create-admin" || !values.login || !values.name || !values.unit) {
    console.error(usage);
    process.exit(2);
  }
  const kind = values["unit-kind"];
  if (kind !== undefined && !UNIT_KINDS.includes(kind as UnitKind)) {
    throw new Error(`--unit-kind must be one of: ${UNIT_KINDS.join(", ")}`);
  }
  const password = await readPassword();
  const config = loadConfig(process.env, { demo: false });
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await migrate(db);
    const passwordHash = await hashPassword(password);
    await db.transaction(async (tx) => {
      const unit = await tx.query("select 1 from units where id = $1", [values.unit]);
      if (unit.rows.length === 0) {
        if (!values["unit-name"] || !kind) {
          throw new Error(
            `Unit ${values.unit} does not exist; pass --unit-name and --unit-kind to create it`,
          );
        }
        await createUnit(tx, {
          id: values.unit as string,
          parentId: null,
          name: values["unit-name"],
          kind: kind as UnitKind,
        });
      }
      const id = await createPerson(tx, {
        login: values.login as string,
        displayName: values.name as string,
        roles: ["admin", "trainer"],
        homeUnitId: values.unit as string,
        passwordHash,
      });
      await addTrainerScope(tx, id, values.unit as string);
    });
    console.log(`Created admin ${values.login} in unit ${values.unit}.`);
  } finally {
    await db.close();
  }
}

main().catch((error: Error) => {
  console.error(`bvte-admin: ${error.message}`);
  process.exit(1);
});
