import type { Ctx, Obj, PathSeg } from "../../validate/check.ts";
import { checkChoiceOptions } from "../shared.ts";

export const multipleResponseFields = ["options", "scoring"] as const;

/** Positive option scores must add up to full credit, within rounding of GIFT weights like 33.333%. */
export const FULL_CREDIT_TOLERANCE = 0.01;

export function validateMultipleResponse(item: Obj, path: readonly PathSeg[], ctx: Ctx): void {
  const scoring = item.scoring ?? "all-or-nothing";
  if (scoring !== "all-or-nothing" && scoring !== "partial") {
    ctx.error([...path, "scoring"], "must be all-or-nothing or partial");
  }
  const options = checkChoiceOptions(
    item,
    path,
    ctx,
    scoring === "partial"
      ? { min: -1, max: 1, why: "credit of this option under partial scoring" }
      : { forbidden: "option scores apply only with `scoring: partial`" },
  );
  if (options.length === 0) return;
  const keys = options.filter((o) => o.correct);
  if (keys.length === 0) ctx.error([...path, "options"], "at least one option must have `correct: true`");
  if (scoring !== "partial" || !options.some((o) => o.score !== undefined)) return;
  let positive = 0;
  for (const o of options) {
    const score = o.score ?? (o.correct ? 1 / keys.length : 0);
    if (o.correct && score <= 0)
      ctx.error([...path, "options", o.index, "score"], "a correct option must earn credit");
    if (!o.correct && score > 0)
      ctx.error([...path, "options", o.index, "score"], "a wrong option cannot earn credit");
    if (score > 0) positive += score;
  }
  if (Math.abs(positive - 1) > FULL_CREDIT_TOLERANCE) {
    ctx.error(
      [...path, "options"],
      `the correct options' scores add up to ${+positive.toFixed(4)}; they must add up to 1`,
    );
  }
}
