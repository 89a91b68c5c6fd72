import type { Lang, NumericItem, NumericResponse } from "../../types.ts";
import type { Graded } from "../item-type.ts";
import { field } from "../shared.ts";

export function readNumeric(raw: unknown): NumericResponse | undefined {
  const value = field(raw, "value");
  return typeof value === "number" && Number.isFinite(value) ? { value } : undefined;
}

interface Target {
  answer?: number;
  tolerance?: number;
  range?: [number, number];
}

function hits(target: Target, value: number): boolean {
  if (target.range) return value >= target.range[0] && value <= target.range[1];
  const answer = target.answer ?? Number.NaN;
  // Decimal answers are not exact in binary floating point: 0.1 + 0.2 must still equal 0.3.
  const slack = 1e-9 * Math.max(1, Math.abs(answer));
  return Math.abs(value - answer) <= (target.tolerance ?? 0) + slack;
}

export function gradeNumeric(item: NumericItem, response: NumericResponse): Graded {
  let best: Graded = { fraction: hits(item, response.value) ? 1 : 0, feedback: [] };
  for (const answer of item.answers ?? []) {
    if (answer.score >= best.fraction && answer.score > 0 && hits(answer, response.value)) {
      best = { fraction: answer.score, feedback: answer.feedback ? [answer.feedback] : [] };
    }
  }
  return best;
}

export function numericKey(item: NumericItem): NumericResponse {
  return { value: item.range ? (item.range[0] + item.range[1]) / 2 : (item.answer ?? 0) };
}

/**
 * @public Parses what a learner typed. Vietnamese writes 1.234,5 where English writes 1,234.5, so
 * separators are read the way `lang` writes them; a decimal typed with the other separator ("3.5"
 * in Vietnamese) is still understood unless it reads as a thousands group ("1.500" is 1500).
 */
export function parseLocaleNumber(input: string, lang: Lang): number | undefined {
  const s = input.trim().replace(/[\s\u00a0]/g, "");
  const [thousands, decimal] = lang === "vi" ? [".", ","] : [",", "."];
  const pattern =
    lang === "vi" ? /^[-+]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/ : /^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;
  if (!pattern.test(s)) {
    // Decimals typed with the other language's separator ("3.5" on a Vietnamese keyboard).
    const other = /^[-+]?\d+([.,]\d+)?$/.test(s) ? Number(s.replace(",", ".")) : Number.NaN;
    return Number.isFinite(other) ? other : undefined;
  }
  return Number(s.split(thousands).join("").replace(decimal, "."));
}
