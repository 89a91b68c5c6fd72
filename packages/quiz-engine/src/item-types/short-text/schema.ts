import { normalizeAnswer } from "../../text.ts";
import {
  type Ctx,
  checkArray,
  checkBoolean,
  checkKeys,
  checkNumber,
  checkObject,
  checkString,
  checkText,
  need,
  type Obj,
  optional,
  type PathSeg,
} from "../../validate/check.ts";

export const shortTextFields = ["accepted", "ignoreDiacritics", "answers"] as const;

export function validateShortText(item: Obj, path: readonly PathSeg[], ctx: Ctx): void {
  const ignoreDiacritics = optional(item, "ignoreDiacritics", path, ctx, checkBoolean) ?? false;
  // The same answer may appear in both languages ("111"), but not twice in one list.
  const check = (v: unknown, at: readonly PathSeg[], seen: Map<string, string>): string | undefined => {
    const s = checkString(v, at, ctx);
    if (s === undefined) return undefined;
    const key = normalizeAnswer(s, { ignoreDiacritics });
    const first = seen.get(key);
    if (first !== undefined) ctx.warn(at, `"${s}" is the same answer as "${first}" once normalised`);
    else seen.set(key, s);
    return s;
  };

  let fullCredit = false;
  const scored = new Map<string, string>();
  if (item.answers !== undefined) {
    const answers = checkArray(item.answers, [...path, "answers"], ctx) ?? [];
    answers.forEach((raw, index) => {
      const at = [...path, "answers", index];
      const entry = checkObject(raw, at, ctx);
      if (!entry) return;
      checkKeys(entry, ["text", "score", "feedback"], at, ctx);
      need(entry, "text", at, ctx, (v, p) => check(v, p, scored));
      const score = need(entry, "score", at, ctx, (v, p, c) => checkNumber(v, p, c, { min: 0, max: 1 }));
      if (score === 1) fullCredit = true;
      optional(entry, "feedback", at, ctx, checkText);
    });
  }

  const at = [...path, "accepted"];
  const accepted = need(item, "accepted", path, ctx, checkObject);
  if (!accepted) return;
  checkKeys(accepted, ["vi", "en"], at, ctx);
  for (const lang of ["vi", "en"] as const) {
    const needed = ctx.options.languages.includes(lang);
    if (accepted[lang] === undefined && !needed) continue;
    const list = need(accepted, lang, at, ctx, checkArray);
    if (!list) continue;
    const seen = new Map(scored);
    list.forEach((s, i) => {
      check(s, [...at, lang, i], seen);
    });
    if (needed && list.length === 0 && !fullCredit) {
      ctx.error([...at, lang], "needs at least one accepted answer");
    }
  }
}
