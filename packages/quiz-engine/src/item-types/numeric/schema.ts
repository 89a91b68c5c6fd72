import {
  type Ctx,
  checkArray,
  checkKeys,
  checkNumber,
  checkObject,
  checkText,
  need,
  type Obj,
  optional,
  type PathSeg,
} from "../../validate/check.ts";

export const numericFields = ["answer", "tolerance", "range", "unit", "answers"] as const;

/** `answer` (+ `tolerance`) or `range`, on the item itself or on one of its `answers`. */
function checkTarget(obj: Obj, path: readonly PathSeg[], ctx: Ctx, where: string): void {
  const hasAnswer = obj.answer !== undefined;
  const hasRange = obj.range !== undefined;
  if (hasAnswer === hasRange) {
    ctx.error(
      path,
      hasAnswer ? `give \`answer\` or \`range\`${where}, not both` : `needs \`answer\` or \`range\`${where}`,
    );
  }
  if (hasAnswer) checkNumber(obj.answer, [...path, "answer"], ctx);
  if (obj.tolerance !== undefined) {
    if (!hasAnswer) ctx.error([...path, "tolerance"], "applies only to `answer`");
    else checkNumber(obj.tolerance, [...path, "tolerance"], ctx, { min: 0 });
  }
  if (hasRange) {
    const at = [...path, "range"];
    const range = checkArray(obj.range, at, ctx);
    if (!range) return;
    if (range.length !== 2) {
      ctx.error(at, "must be [min, max]");
      return;
    }
    const min = checkNumber(range[0], [...at, 0], ctx);
    const max = checkNumber(range[1], [...at, 1], ctx);
    if (min !== undefined && max !== undefined && min > max) ctx.error(at, `min ${min} is above max ${max}`);
  }
}

export function validateNumeric(item: Obj, path: readonly PathSeg[], ctx: Ctx): void {
  checkTarget(item, path, ctx, "");
  optional(item, "unit", path, ctx, checkText);
  if (item.answers === undefined) return;
  const answers = checkArray(item.answers, [...path, "answers"], ctx) ?? [];
  answers.forEach((raw, index) => {
    const at = [...path, "answers", index];
    const entry = checkObject(raw, at, ctx);
    if (!entry) return;
    checkKeys(entry, ["answer", "tolerance", "range", "score", "feedback"], at, ctx);
    checkTarget(entry, at, ctx, " for this answer");
    need(entry, "score", at, ctx, (v, p, c) => checkNumber(v, p, c, { min: 0, max: 1 }));
    optional(entry, "feedback", at, ctx, checkText);
  });
}
