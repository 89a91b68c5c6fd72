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

export const orderingFields = ["sequence", "scoring"] as const;

export function validateOrdering(item: Obj, path: readonly PathSeg[], ctx: Ctx): void {
  if (item.scoring !== undefined && item.scoring !== "all-or-nothing" && item.scoring !== "partial") {
    ctx.error([...path, "scoring"], "must be all-or-nothing or partial");
  }
  const list = need(item, "sequence", path, ctx, (v, p, c) => checkArray(v, p, c, 2));
  const texts: { text: Text | undefined; path: PathSeg[] }[] = [];
  for (const { entry, index } of checkEntries(list ?? [], [...path, "sequence"], ctx)) {
    const at = [...path, "sequence", index];
    checkKeys(entry, ["id", "text"], at, ctx);
    texts.push({ text: need(entry, "text", at, ctx, checkText), path: [...at, "text"] });
  }
  checkDistinctTexts(texts, ctx, "entry");
}
