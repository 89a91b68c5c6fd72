import { gradeResponse } from "../grade.ts";
import type { Diagnostic, Item } from "../types.ts";
import { validateQuiz } from "../validate/quiz.ts";

/** Validates one item inside a minimal quiz; returns the diagnostics with paths relative to the item. */
export function itemDiagnostics(item: unknown): Diagnostic[] {
  const { diagnostics } = validateQuiz({ id: "q", title: { vi: "Q", en: "Q" }, items: [item] });
  return diagnostics.map((d) => ({ ...d, path: d.path.replace(/^items\[0\]\.?/, "") }));
}

/** "path: message" of the errors only. */
export function itemErrors(item: unknown): string[] {
  return itemDiagnostics(item)
    .filter((d) => d.severity !== "warning")
    .map((d) => `${d.path}: ${d.message}`);
}

export function fractionOf(item: Item, response: unknown): number {
  return gradeResponse(item, response).fraction;
}
