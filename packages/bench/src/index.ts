import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { formatTable } from "./table.ts";

/** One line of the table `npm run bench` prints. */
export interface BenchRow {
  layer: string;
  measure: string;
  /** null when the bench could not measure it; `note` then says why. */
  value: number | null;
  unit: string;
  /** Digits after the decimal point (0 unless given). */
  decimals?: number;
  note?: string;
}

// The repository root's bench-results/ (gitignored), wherever a bench runs from.
export const resultsDir = fileURLToPath(new URL("../../../bench-results/", import.meta.url));

/**
 * Keeps a bench's rows for the table printed at the end of `npm run bench` (replacing what the same
 * bench recorded before) and prints them, so a bench run on its own still shows its figures.
 */
export function recordBench(bench: string, rows: BenchRow[]): void {
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, `${bench}.json`), `${JSON.stringify(rows, null, 2)}\n`);
  process.stdout.write(`${formatTable(rows)}\n`);
}
