import { relative } from "node:path";
import type { Diagnostic } from "../diagnostic.ts";
import { formatShare, type ModuleStats } from "./check.ts";

/** `file:line:col: message`, with the file relative to `cwd` so editors and terminals can jump to it. */
export function formatDiagnostic(diagnostic: Diagnostic, cwd: string = process.cwd()): string {
  const file = relative(cwd, diagnostic.file) || diagnostic.file;
  return `${file}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.message}`;
}

/** A plain-text table, one row per module plus a total. */
export function formatStats(stats: readonly ModuleStats[]): string {
  const header = [
    "module",
    "lessons",
    "words vi",
    "words en",
    "check items",
    "final items",
    "scenarios",
    "cert items",
    "refs",
  ];
  const row = (s: ModuleStats) => [
    s.module,
    String(s.lessons),
    String(s.words.vi),
    String(s.words.en),
    String(s.knowledgeCheckItems),
    String(s.finalItems),
    s.scenarioShare === null ? "-" : formatShare(s.scenarioShare),
    s.certificationItems === null ? "-" : String(s.certificationItems),
    String(s.references),
  ];
  const sum = (pick: (s: ModuleStats) => number) => String(stats.reduce((total, s) => total + pick(s), 0));
  const total = [
    "total",
    sum((s) => s.lessons),
    sum((s) => s.words.vi),
    sum((s) => s.words.en),
    sum((s) => s.knowledgeCheckItems),
    sum((s) => s.finalItems),
    "",
    sum((s) => s.certificationItems ?? 0),
    sum((s) => s.references),
  ];
  const rows = [header, ...stats.map(row), total];
  const widths = header.map((_, column) => Math.max(...rows.map((cells) => (cells[column] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join("  ")
      .trimEnd();
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  return [line(header), rule, ...stats.map((s) => line(row(s))), rule, line(total)].join("\n");
}
