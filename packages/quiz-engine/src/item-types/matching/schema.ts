import type { Text } from "../../types.ts";
import {
  type Ctx,
  checkArray,
  checkDistinctTexts,
  checkEntries,
  checkKeys,
  checkText,
  need,
  type Obj,
  type PathSeg,
} from "../../validate/check.ts";

export const matchingFields = ["pairs", "distractors"] as const;

export function validateMatching(item: Obj, path: readonly PathSeg[], ctx: Ctx): void {
  const pairs = need(item, "pairs", path, ctx, (v, p, c) => checkArray(v, p, c, 2));
  const distractors =
    item.distractors === undefined ? [] : checkArray(item.distractors, [...path, "distractors"], ctx);
  // Pair ids and distractor ids share one namespace: both are answers on the right.
  const ids = new Map<string, PathSeg[]>();
  const prompts: { text: Text | undefined; path: PathSeg[] }[] = [];
  const rights: { text: Text | undefined; path: PathSeg[] }[] = [];
  for (const { entry, index } of checkEntries(pairs ?? [], [...path, "pairs"], ctx, ids)) {
    const at = [...path, "pairs", index];
    checkKeys(entry, ["id", "prompt", "match"], at, ctx);
    prompts.push({ text: need(entry, "prompt", at, ctx, checkText), path: [...at, "prompt"] });
    rights.push({ text: need(entry, "match", at, ctx, checkText), path: [...at, "match"] });
  }
  for (const { entry, index } of checkEntries(distractors ?? [], [...path, "distractors"], ctx, ids)) {
    const at = [...path, "distractors", index];
    checkKeys(entry, ["id", "text"], at, ctx);
    rights.push({ text: need(entry, "text", at, ctx, checkText), path: [...at, "text"] });
  }
  checkDistinctTexts(prompts, ctx, "prompt");
  checkDistinctTexts(rights, ctx, "match");
}
