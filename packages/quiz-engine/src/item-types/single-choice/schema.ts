import type { Ctx, Obj, PathSeg } from "../../validate/check.ts";
import { checkChoiceOptions } from "../shared.ts";

export const singleChoiceFields = ["options"] as const;

export function validateSingleChoice(item: Obj, path: readonly PathSeg[], ctx: Ctx): void {
  const options = checkChoiceOptions(item, path, ctx, {
    min: 0,
    max: 1,
    why: "partial credit for a non-key option",
  });
  if (options.length === 0) return;
  const keys = options.filter((o) => o.correct);
  if (keys.length !== 1) {
    const found = keys.length ? ` (found ${keys.length}: ${keys.map((k) => k.id).join(", ")})` : "";
    ctx.error([...path, "options"], `exactly one option must have \`correct: true\`${found}`);
  }
  for (const o of keys) {
    if (o.score !== undefined && o.score !== 1) {
      ctx.error([...path, "options", o.index, "score"], "the correct option always earns full credit");
    }
  }
}
