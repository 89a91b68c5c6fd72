import type { BenchRow } from "./index.ts";

function value(row: BenchRow): string {
  if (row.value === null) return "not measured";
  const digits = row.decimals ?? 0;
  return row.value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/**
 * A Markdown table, aligned so that it reads in a terminal and pastes into the README as it is (in
 * the layout Biome formats Markdown to). The layer is named on its first row only; a row not
 * measured gives its reason in the notes.
 */
export function formatTable(rows: BenchRow[]): string {
  const cells = rows.map((row, i) => [
    row.layer === rows[i - 1]?.layer ? "" : row.layer,
    row.measure,
    value(row),
    row.unit,
    row.value === null ? `(${row.note ?? "no reason given"})` : (row.note ?? ""),
  ]);
  const header = ["layer", "measure", "value", "unit", "notes"];
  const widths = header.map((title, c) =>
    Math.max(title.length, ...cells.map((line) => line[c]?.length ?? 0)),
  );
  const line = (values: string[]) =>
    `| ${values.map((text, c) => (c === 2 ? text.padStart(widths[c] ?? 0) : text.padEnd(widths[c] ?? 0))).join(" | ")} |`;
  // Spaced like the rows, as the repository's formatter (Biome) writes Markdown tables.
  const rule = `| ${widths.map((width, c) => (c === 2 ? `${"-".repeat(width - 1)}:` : "-".repeat(width))).join(" | ")} |`;
  return [line(header), rule, ...cells.map(line)].join("\n");
}
