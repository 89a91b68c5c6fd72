#!/usr/bin/env tsx
/**
 * bvte-quiz-check <files or folders...>: checks quiz files in the engine's YAML format
 * (`*.quiz.yaml`) and in GIFT (`*.gift`, `*.txt`), printing `file:line:col: severity: message`
 * per problem. Exits 1 when any file has an error. Folders are searched for *.quiz.yaml and *.gift.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { parseGift } from "../gift/index.ts";
import type { Diagnostic } from "../types.ts";
import { parseQuizYaml } from "../yaml/index.ts";

const isYaml = (f: string) => f.endsWith(".quiz.yaml") || f.endsWith(".quiz.yml");
const isGift = (f: string) => f.endsWith(".gift") || f.endsWith(".txt");

function expand(arg: string): string[] {
  if (!statSync(arg, { throwIfNoEntry: false })?.isDirectory()) return [arg];
  return readdirSync(arg, { recursive: true, encoding: "utf8" })
    .map((f) => join(arg, f))
    .filter((f) => isYaml(f) || f.endsWith(".gift"))
    .sort();
}

function check(file: string): Diagnostic[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    return [{ path: "", message: `cannot read: ${(e as Error).message}`, file, line: 1, column: 1 }];
  }
  if (isYaml(file)) return parseQuizYaml(text, file, { requireExplanation: true }).diagnostics;
  if (isGift(file))
    return parseGift(text, { file, quizId: basename(file).replace(/\.[^.]+$/, "") }).diagnostics;
  return [{ path: "", message: "not a quiz file (*.quiz.yaml, *.gift or *.txt)", file, line: 1, column: 1 }];
}

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error("usage: bvte-quiz-check <file.quiz.yaml | file.gift | file.txt | folder>...");
  process.exit(2);
}
const files = args.flatMap(expand);
let errors = 0;
let warnings = 0;
for (const file of files) {
  for (const d of check(file)) {
    const severity = d.severity ?? "error";
    if (severity === "error") errors++;
    else warnings++;
    const where = `${relative(process.cwd(), d.file ?? file) || file}:${d.line ?? 1}:${d.column ?? 1}`;
    console.log(`${where}: ${severity}: ${d.path ? `${d.path}: ` : ""}${d.message}`);
  }
}
console.error(
  `${files.length} file${files.length === 1 ? "" : "s"} checked: ${errors} error(s), ${warnings} warning(s)`,
);
process.exit(errors > 0 ? 1 : 0);
