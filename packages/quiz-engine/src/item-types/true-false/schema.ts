import {
  type Ctx,
  checkBoolean,
  checkKeys,
  checkObject,
  checkText,
  need,
  type Obj,
  type PathSeg,
} from "../../validate/check.ts";

export const trueFalseFields = ["answer", "optionFeedback"] as const;

export function validateTrueFalse(item: Obj, path: readonly PathSeg[], ctx: Ctx): void {
  need(item, "answer", path, ctx, checkBoolean);
  if (item.optionFeedback === undefined) return;
  const at = [...path, "optionFeedback"];
  const feedback = checkObject(item.optionFeedback, at, ctx);
  if (!feedback) return;
  checkKeys(feedback, ["true", "false"], at, ctx);
  for (const key of ["true", "false"]) {
    if (feedback[key] !== undefined) checkText(feedback[key], [...at, key], ctx);
  }
}
