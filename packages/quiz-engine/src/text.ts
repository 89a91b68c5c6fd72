import type { Lang, Text } from "./types.ts";

/** @public The same string in both languages (GIFT imports, tests). */
export function sameText(s: string): Text {
  return { vi: s, en: s };
}

/** @public The text in `lang`, falling back to the other language when that one is empty. */
export function localize(text: Text, lang: Lang): string {
  return text[lang] || text[lang === "vi" ? "en" : "vi"];
}

// Vietnamese tone marks (huyền, sắc, ngã, hỏi, nặng) as combining characters after NFD.
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/gu;
const COMBINING_MARKS = /\p{M}/gu;

/**
 * Two spellings of the same Vietnamese syllable put the tone mark on different vowels
 * ("hoà"/"hòa", "thuý"/"thúy"); both are correct, so the mark's position must not decide a grade.
 * Moving every tone mark of a word to the word's end gives both spellings one form while keeping
 * the tone itself significant ("hoà" ≠ "hoá").
 */
function canonicalToneOrder(word: string): string {
  const tones = word.match(TONE_MARKS);
  if (!tones) return word;
  return word.replace(TONE_MARKS, "") + tones.sort().join("");
}

/** @public */
export interface NormalizeOptions {
  ignoreDiacritics?: boolean;
}

/**
 * @public The comparison key for short-text answers (not display text): Unicode NFC, lower case,
 * whitespace collapsed and trimmed, tone-mark placement canonical; with `ignoreDiacritics` every
 * diacritic goes and đ → d.
 */
export function normalizeAnswer(s: string, opts: NormalizeOptions = {}): string {
  // Decomposed once: tone marks become separate characters that can be moved or dropped.
  const words = s.normalize("NFD").toLowerCase().trim().split(/\s+/u);
  if (opts.ignoreDiacritics) return words.join(" ").replace(COMBINING_MARKS, "").replace(/đ/g, "d");
  return words.map(canonicalToneOrder).join(" ").normalize("NFC");
}
