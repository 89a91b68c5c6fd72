import { fillBlueprint, itemTags } from "../blueprint.ts";
import { itemTypeNames, itemTypes } from "../item-types/registry.ts";
import type { Diagnostic, Item, Lang, QuizDefinition, QuizSettings } from "../types.ts";
import {
  Ctx,
  checkArray,
  checkBoolean,
  checkId,
  checkKeys,
  checkNumber,
  checkObject,
  checkString,
  checkText,
  formatPath,
  isObject,
  need,
  optional,
  type PathSeg,
} from "./check.ts";

/** @public Settings a quiz file may leave out. */
export const DEFAULT_SETTINGS: Readonly<QuizSettings> = {
  passMark: 0.8,
  timeLimitMinutes: null,
  maxAttempts: null,
  cooldownMinutes: 0,
  feedback: "deferred",
  review: "after-submit",
  shuffleItems: true,
  shuffleOptions: true,
};

/** @public */
export interface ValidateOptions {
  /** Languages every text must have; default both. GIFT imports in one language pass one. */
  languages?: Lang[];
  /** Content files must explain every item (FORMAT.md: "yes in content"). Default false. */
  requireExplanation?: boolean;
}

const COMMON_FIELDS = [
  "id",
  "type",
  "objective",
  "difficulty",
  "tags",
  "points",
  "title",
  "stem",
  "hints",
  "feedback",
  "explanation",
  "references",
] as const;

function oneOf<T extends string>(values: readonly T[]) {
  return (v: unknown, path: readonly PathSeg[], ctx: Ctx): T | undefined => {
    if (values.includes(v as T)) return v as T;
    ctx.error(path, `must be one of: ${values.join(", ")}`);
    return undefined;
  };
}

function nullOr<T>(check: (v: unknown, path: readonly PathSeg[], ctx: Ctx) => T) {
  return (v: unknown, path: readonly PathSeg[], ctx: Ctx): T | null =>
    v === null ? null : check(v, path, ctx);
}

function checkStringList(v: unknown, path: readonly PathSeg[], ctx: Ctx): string[] {
  const list = checkArray(v, path, ctx) ?? [];
  const seen = new Set<string>();
  return list.flatMap((s, i) => {
    const str = checkString(s, [...path, i], ctx);
    if (str === undefined) return [];
    if (seen.has(str)) ctx.warn([...path, i], `"${str}" is listed twice`);
    seen.add(str);
    return [str];
  });
}

function checkSettings(v: unknown, ctx: Ctx): QuizSettings {
  if (v === undefined) return { ...DEFAULT_SETTINGS };
  const path = ["settings"];
  const s = checkObject(v, path, ctx);
  if (!s) return { ...DEFAULT_SETTINGS };
  checkKeys(s, Object.keys(DEFAULT_SETTINGS), path, ctx);
  const positive =
    (min: number, integer = false) =>
    (x: unknown, p: readonly PathSeg[], c: Ctx) =>
      checkNumber(x, p, c, { min, integer });
  const settings: Partial<QuizSettings> = {
    passMark: optional(s, "passMark", path, ctx, (x, p, c) => checkNumber(x, p, c, { min: 0, max: 1 })),
    timeLimitMinutes: optional(
      s,
      "timeLimitMinutes",
      path,
      ctx,
      nullOr((x, p, c) => checkNumber(x, p, c, { above: 0 })),
    ),
    maxAttempts: optional(s, "maxAttempts", path, ctx, nullOr(positive(1, true))),
    cooldownMinutes: optional(s, "cooldownMinutes", path, ctx, positive(0)),
    feedback: optional(s, "feedback", path, ctx, oneOf(["immediate", "deferred"] as const)),
    review: optional(s, "review", path, ctx, oneOf(["never", "after-submit", "after-pass"] as const)),
    shuffleItems: optional(s, "shuffleItems", path, ctx, checkBoolean),
    shuffleOptions: optional(s, "shuffleOptions", path, ctx, checkBoolean),
  };
  const defined = Object.entries(settings).filter(([, value]) => value !== undefined);
  return { ...DEFAULT_SETTINGS, ...Object.fromEntries(defined) };
}

function checkItem(raw: unknown, index: number, ctx: Ctx, opts: ValidateOptions): Item | undefined {
  const path = ["items", index];
  const item = checkObject(raw, path, ctx);
  if (!item) return undefined;
  const errorsBefore = ctx.errorCount;
  need(item, "id", path, ctx, checkId);
  const typeName = need(item, "type", path, ctx, (v) => v);
  const type = itemTypeNames.find((t) => t === typeName);
  if (typeName !== undefined && !type) {
    ctx.error(
      [...path, "type"],
      `unknown item type "${String(typeName)}"; use one of: ${itemTypeNames.join(", ")}`,
    );
  }
  checkKeys(item, [...COMMON_FIELDS, ...(type ? itemTypes[type].fields : [])], path, ctx);
  need(item, "objective", path, ctx, checkString);
  optional(item, "difficulty", path, ctx, oneOf(["easy", "medium", "hard"] as const));
  optional(item, "tags", path, ctx, checkStringList);
  optional(item, "points", path, ctx, (v, p, c) => checkNumber(v, p, c, { above: 0 }));
  optional(item, "title", path, ctx, checkText);
  need(item, "stem", path, ctx, checkText);
  optional(item, "hints", path, ctx, (v, p, c) =>
    (checkArray(v, p, c) ?? []).map((h, i) => checkText(h, [...p, i], c)),
  );
  optional(item, "feedback", path, ctx, checkItemFeedback);
  if (item.explanation !== undefined) checkText(item.explanation, [...path, "explanation"], ctx);
  else if (opts.requireExplanation) ctx.error([...path, "explanation"], "is required in course content");
  optional(item, "references", path, ctx, checkStringList);
  if (type) itemTypes[type].validate(item, path, ctx);
  return ctx.errorCount === errorsBefore ? (item as unknown as Item) : undefined;
}

function checkItemFeedback(v: unknown, path: readonly PathSeg[], ctx: Ctx): void {
  const feedback = checkObject(v, path, ctx);
  if (!feedback) return;
  checkKeys(feedback, ["correct", "incorrect"], path, ctx);
  if (feedback.correct === undefined && feedback.incorrect === undefined) {
    ctx.error(path, "needs `correct`, `incorrect` or both");
  }
  optional(feedback, "correct", path, ctx, checkText);
  optional(feedback, "incorrect", path, ctx, checkText);
}

function checkBlueprint(v: unknown, items: readonly (Item | undefined)[], ctx: Ctx): void {
  const list = checkArray(v, ["blueprint"], ctx, 1);
  if (!list) return;
  const entries: { tag: string; count: number }[] = [];
  const seen = new Set<string>();
  list.forEach((raw, index) => {
    const path = ["blueprint", index];
    const entry = checkObject(raw, path, ctx);
    if (!entry) return;
    checkKeys(entry, ["tag", "count"], path, ctx);
    const tag = need(entry, "tag", path, ctx, checkString);
    const count = need(entry, "count", path, ctx, (v, p, c) =>
      checkNumber(v, p, c, { min: 1, integer: true }),
    );
    if (tag === undefined || count === undefined) return;
    if (seen.has(tag))
      ctx.warn([...path, "tag"], `tag "${tag}" already has an entry; the two draw different items`);
    seen.add(tag);
    entries.push({ tag, count });
    // Only complete items can be drawn; with broken items the counts below would mislead.
    if (items.some((item) => item === undefined)) return;
    const pool = (items as Item[]).filter((item) => itemTags(item).includes(tag)).length;
    if (count > pool) {
      ctx.error([...path, "count"], `asks for ${count} items tagged "${tag}" but the pool has ${pool}`);
    }
  });
  if (ctx.errorCount > 0 || entries.length !== list.length) return;
  const valid = items as Item[];
  if (
    !fillBlueprint(
      valid,
      entries,
      valid.map((_, i) => i),
    )
  ) {
    const total = entries.reduce((sum, e) => sum + e.count, 0);
    ctx.error(
      ["blueprint"],
      `cannot be filled: ${total} distinct items are needed, but items carrying several of these tags would have to be drawn twice`,
    );
  }
}

function checkQuiz(def: unknown, ctx: Ctx, opts: ValidateOptions): QuizDefinition | undefined {
  const root = checkObject(def, [], ctx);
  if (!root) return undefined;
  checkKeys(root, ["id", "title", "settings", "blueprint", "items"], [], ctx);
  const id = need(root, "id", [], ctx, checkId);
  const title = need(root, "title", [], ctx, checkText);
  const settings = checkSettings(root.settings, ctx);
  const list = need(root, "items", [], ctx, (v, p, c) => checkArray(v, p, c, 1)) ?? [];
  const items = list.map((raw, index) => checkItem(raw, index, ctx, opts));
  const firstUse = new Map<string, PathSeg[]>();
  list.forEach((raw, index) => {
    const itemId = isObject(raw) ? raw.id : undefined;
    if (typeof itemId !== "string") return;
    const first = firstUse.get(itemId);
    if (first)
      ctx.error(["items", index, "id"], `duplicate item id "${itemId}" (first used at ${formatPath(first)})`);
    else firstUse.set(itemId, ["items", index, "id"]);
  });
  if (root.blueprint !== undefined) checkBlueprint(root.blueprint, items, ctx);
  if (ctx.errorCount > 0 || id === undefined || title === undefined) return undefined;
  const quiz: QuizDefinition = { id, title, settings, items: items as Item[] };
  if (root.blueprint !== undefined) quiz.blueprint = root.blueprint as QuizDefinition["blueprint"];
  return quiz;
}

/**
 * @public Checks a quiz definition (schema and meaning) and returns it typed, with default settings
 * filled in, when there is no error. Diagnostics carry paths like `items[3].options`.
 */
export function validateQuiz(
  def: unknown,
  opts: ValidateOptions = {},
): { quiz?: QuizDefinition; diagnostics: Diagnostic[] } {
  const ctx = new Ctx({ languages: opts.languages ?? ["vi", "en"] });
  const quiz = checkQuiz(def, ctx, opts);
  return quiz ? { quiz, diagnostics: ctx.diagnostics } : { diagnostics: ctx.diagnostics };
}
