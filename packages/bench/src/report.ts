import { existsSync, readdirSync, readFileSync } from "node:fs";
import { availableParallelism, cpus, release, totalmem, type } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type BenchRow, resultsDir } from "./index.ts";
import { formatTable } from "./table.ts";

/**
 * The benches of `npm run bench` in the table's order, with their layer: one that recorded nothing
 * (it failed, or turbo did not run it) still gets a row, so the table keeps its shape.
 */
const BENCHES = new Map([
  ["player-bundle", "player bundle"],
  ["lighthouse", "player Lighthouse"],
  ["ingest", "xAPI ingest"],
  ["dashboard", "console read paths"],
  ["quiz-engine", "quiz engine"],
]);

export function collectRows(): BenchRow[] {
  const recorded = existsSync(resultsDir)
    ? readdirSync(resultsDir)
        .filter((file) => file.endsWith(".json"))
        .map((file) => file.slice(0, -".json".length))
    : [];
  const names = [...BENCHES.keys(), ...recorded.filter((name) => !BENCHES.has(name)).sort()];
  return names.flatMap((name): BenchRow[] => {
    const file = join(resultsDir, `${name}.json`);
    if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as BenchRow[];
    return [
      {
        layer: BENCHES.get(name) ?? name,
        measure: "every figure",
        value: null,
        unit: "",
        note: "no results: the bench failed or did not run",
      },
    ];
  });
}

async function postgresVersion(url: string | undefined): Promise<string> {
  if (!url) return "PostgreSQL not measured (DATABASE_URL not set)";
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>("show server_version");
    return `PostgreSQL ${rows[0]?.server_version}`;
  } catch (error) {
    return `PostgreSQL unreachable (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** What the figures depend on besides the code: the machine, the runtimes and when they ran. */
export async function machineLine(databaseUrl: string | undefined): Promise<string> {
  return [
    `${cpus()[0]?.model.trim() ?? "unknown CPU"}, ${availableParallelism()} cores`,
    `${Math.round(totalmem() / 2 ** 30)} GiB RAM`,
    `${type()} ${release()}`,
    `Node ${process.versions.node}`,
    await postgresVersion(databaseUrl),
    `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
  ].join("; ");
}

export async function report(): Promise<string> {
  const machine = await machineLine(process.env.DATABASE_URL);
  return `\nBVTE Academy benchmarks\nMachine: ${machine}\n\n${formatTable(collectRows())}\n`;
}
