import type { PublicChoice } from "../public-types.ts";
import { type Rng, shuffled } from "../random.ts";
import type { Text } from "../types.ts";
import {
  type Ctx,
  checkArray,
  checkBoolean,
  checkDistinctTexts,
  checkEntries,
  checkKeys,
  checkNumber,
  checkText,
  isObject,
  need,
  type Obj,
  optional,
  type PathSeg,
} from "../validate/check.ts";
import type { Lookup, Mint } from "./item-type.ts";

/** @internal */
export interface CheckedOption {
  id: string | undefined;
  index: number;
  correct: boolean;
  score: number | undefined;
}

/**
 * @internal The `options` of a choice item: `{ id, text, correct?, score?, feedback? }` with unique
 * ids and distinct texts. `score` is checked against `scoreLimits` when given, and rejected when not.
 */
export function checkChoiceOptions(
  item: Obj,
  path: readonly PathSeg[],
  ctx: Ctx,
  scoreLimits: { min: number; max: number; why: string } | { forbidden: string },
): CheckedOption[] {
  const list = need(item, "options", path, ctx, (v, p, c) => checkArray(v, p, c, 2));
  if (!list) return [];
  const entries = checkEntries(list, [...path, "options"], ctx);
  const texts: { text: Text | undefined; path: PathSeg[] }[] = [];
  const out = entries.map(({ entry, index, id }) => {
    const at = [...path, "options", index];
    checkKeys(entry, ["id", "text", "correct", "score", "feedback"], at, ctx);
    texts.push({ text: need(entry, "text", at, ctx, checkText), path: [...at, "text"] });
    const correct = optional(entry, "correct", at, ctx, checkBoolean) ?? false;
    optional(entry, "feedback", at, ctx, checkText);
    let score: number | undefined;
    if (entry.score !== undefined) {
      if ("forbidden" in scoreLimits) ctx.error([...at, "score"], scoreLimits.forbidden);
      else score = checkNumber(entry.score, [...at, "score"], ctx, scoreLimits);
    }
    return { id, index, correct, score };
  });
  checkDistinctTexts(texts, ctx, "option");
  return out;
}

/** @internal The ids of a list in definition order, shuffled when asked. */
export function drawIds(list: readonly { id: string }[], rng: Rng, shuffle: boolean): string[] {
  const ids = list.map((e) => e.id);
  return shuffle ? shuffled(ids, rng) : ids;
}

/** @internal Public choices in presentation order, with ids minted per slot. */
export function publicChoices(
  order: readonly string[] | undefined,
  textOf: (id: string) => Text | undefined,
  mint: Mint,
  role: string,
  ...slot: (string | number)[]
): PublicChoice[] {
  return (order ?? []).map((id, position) => ({
    id: mint(id, role, ...slot, position),
    text: textOf(id) ?? { vi: "", en: "" },
  }));
}

/** @internal A list of distinct strings, or undefined. */
export function readStringList(v: unknown): string[] | undefined {
  if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) return undefined;
  return new Set(v).size === v.length ? (v as string[]) : undefined;
}

/** @internal `raw[key]` when raw is an object. */
export function field(raw: unknown, key: string): unknown {
  return isObject(raw) ? raw[key] : undefined;
}

/** @internal Translates one public id in a response, or undefined. */
export function translateId(v: unknown, role: string, lookup: Lookup): string | undefined {
  return typeof v === "string" ? lookup(v, role) : undefined;
}
