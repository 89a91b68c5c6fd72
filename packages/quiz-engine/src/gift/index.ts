/**
 * GIFT import (Moodle's plain-text question format). Follows Moodle's own reader
 * (question/format/gift/format.php) for how a question's kind is recognised:
 *
 * | GIFT                                   | engine              |
 * |----------------------------------------|---------------------|
 * | `{=right ~wrong}` (one `=`)            | single-choice       |
 * | `{~%50%a ~%50%b ~%-100%c}` (no `=`)    | multiple-response, partial, option scores |
 * | `{T}` `{FALSE#wrong fb#right fb}`      | true-false          |
 * | `{=a -> 1 =b -> 2 = -> extra}`         | matching (+ distractors) |
 * | `{=answer =%50%close#fb}`              | short-text (+ scored answers) |
 * | `{#3.14:0.01}` `{#1..5}` `{#=5 =%50%4}`| numeric (+ scored answers) |
 * | `Text {=a ~b} more text`               | missing word: the stem gets `_____` |
 * | `{}` essay, text without `{}`          | unsupported: reported, not imported |
 *
 * Also: `::title::`, `$CATEGORY:`, `[html|moodle|plain|markdown]`, `#feedback`, `####general
 * feedback` (→ explanation), `// [id:…]` and `// [tag:…]`, and every escape.
 */
import { sameText } from "../text.ts";
import type { Diagnostic, Lang, QuizDefinition, Text } from "../types.ts";
import { formatPath, parsePath } from "../validate/check.ts";
import { validateQuiz } from "../validate/quiz.ts";
import { type Block, position, splitBlocks } from "./blocks.ts";
import {
  indexOfUnescaped,
  lastIndexOfUnescaped,
  type Piece,
  splitMarked,
  splitOnce,
  trimmed,
  unescapeGift,
} from "./scan.ts";

/** @public */
export interface GiftOptions {
  /** The language of the file's text; "both" (default) copies it into `vi` and `en`. */
  lang?: Lang | "both";
  /** Used in diagnostics. */
  file?: string;
  quizId?: string;
  title?: string;
  /** Learning objective of every item; default: the `$CATEGORY` (slugged), else "general". */
  objective?: string;
}

type Raw = Record<string, unknown>;

class GiftError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const FORMATS = ["html", "moodle", "plain", "markdown"];

/** Vietnamese-safe slug: "Bạo lực học đường" → "bao-luc-hoc-duong". */
function slugify(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

interface Question {
  raw: Raw;
  /** Position among the file's questions, counting those that could not be imported. */
  index: number;
  /** Item-relative paths (`options[1]`) → block offsets, for diagnostics. */
  at: Map<string, number>;
  block: Block;
}

class QuestionReader {
  readonly at = new Map<string, number>();
  html = false;

  constructor(readonly lang: Lang | "both") {}

  /** Unescaped, trimmed text without its `[format]` marker. */
  plain(piece: Piece): string {
    let s = piece.text.trim();
    const format = /^\[(\w+)\]/.exec(s);
    if (format && FORMATS.includes(format[1] as string)) {
      s = s.slice(format[0].length);
      if (format[1] === "html") this.html = true;
    }
    return unescapeGift(s).trim();
  }

  text(piece: Piece): Text {
    const s = this.plain(piece);
    if (this.lang === "both") return { vi: s, en: s };
    return this.lang === "vi" ? { vi: s, en: "" } : { vi: "", en: s };
  }

  /** `text#feedback` → text and optional feedback. */
  withFeedback(piece: Piece): { text: Piece; feedback?: Text } {
    const [text, feedback] = splitOnce(piece, "#");
    const fb = feedback && this.plain(feedback) !== "" ? this.text(feedback) : undefined;
    return fb ? { text, feedback: fb } : { text };
  }

  /** A leading `%weight%`, as a fraction. */
  weight(piece: Piece): { weight: number | undefined; rest: Piece } {
    const m = /^\s*%(-?\d+(?:\.\d+)?)%/.exec(piece.text);
    if (!m) return { weight: undefined, rest: piece };
    return {
      weight: Number(m[1]) / 100,
      rest: { text: piece.text.slice(m[0].length), start: piece.start + m[0].length },
    };
  }

  note(path: string, offset: number): void {
    if (!this.at.has(path)) this.at.set(path, offset);
  }
}

function optionId(i: number): string {
  return i < 26 ? String.fromCharCode(97 + i) : `o${i + 1}`;
}

function choiceQuestion(r: QuestionReader, answers: Piece): Raw {
  const { head, parts } = splitMarked(answers, "~=");
  if (head.text.trim() !== "")
    throw new GiftError("text before the first answer; answers start with = or ~", head.start);
  const single = parts.some((p) => p.marker === "=");
  const options = parts.map((part, i) => {
    r.note(`options[${i}]`, trimmed(part).start);
    const { weight, rest } = r.weight(part);
    const credit = part.marker === "=" ? 1 : (weight ?? 0);
    const { text, feedback } = r.withFeedback(rest);
    const option: Raw = { id: optionId(i), text: r.text(text) };
    if (single) {
      if (credit === 1) option.correct = true;
      else if (credit !== 0) option.score = credit;
    } else {
      // Every option carries its GIFT weight: an unweighted `~` is worth 0%, not the engine's default penalty.
      if (credit > 0) option.correct = true;
      option.score = credit;
    }
    if (feedback) option.feedback = feedback;
    return option;
  });
  return single
    ? { type: "single-choice", options }
    : { type: "multiple-response", scoring: "partial", options };
}

function matchingQuestion(r: QuestionReader, answers: Piece): Raw {
  const { head, parts } = splitMarked(answers, "=");
  if (head.text.trim() !== "")
    throw new GiftError("text before the first pair; pairs start with =", head.start);
  const pairs: Raw[] = [];
  const distractors: Raw[] = [];
  for (const part of parts) {
    const [left, right] = splitOnce(part, "->");
    if (!right) throw new GiftError("a matching pair needs `->`", trimmed(part).start);
    if (r.plain(left) === "") {
      r.note(`distractors[${distractors.length}]`, trimmed(part).start);
      distractors.push({ id: `d${distractors.length + 1}`, text: r.text(right) });
    } else {
      r.note(`pairs[${pairs.length}]`, trimmed(part).start);
      pairs.push({ id: `p${pairs.length + 1}`, prompt: r.text(left), match: r.text(right) });
    }
  }
  return distractors.length > 0 ? { type: "matching", pairs, distractors } : { type: "matching", pairs };
}

function trueFalseQuestion(r: QuestionReader, answers: Piece): Raw {
  const [value, feedback] = splitOnce(answers, "#");
  const answer = ["T", "TRUE"].includes(value.text.trim());
  const [wrong, right] = feedback ? splitOnce(feedback, "#") : [undefined, undefined];
  const optionFeedback: Raw = {};
  if (right && r.plain(right)) optionFeedback[String(answer)] = r.text(right);
  if (wrong && r.plain(wrong)) optionFeedback[String(!answer)] = r.text(wrong);
  const item: Raw = { type: "true-false", answer };
  if (Object.keys(optionFeedback).length > 0) item.optionFeedback = optionFeedback;
  return item;
}

function shortTextQuestion(r: QuestionReader, answers: Piece): Raw {
  const { head, parts } = splitMarked(answers, "=");
  // Moodle accepts a first answer without `=`.
  const all = head.text.trim() === "" ? parts : [head, ...parts];
  const accepted: string[] = [];
  const scored: Raw[] = [];
  all.forEach((part) => {
    const { weight, rest } = r.weight(part);
    const { text, feedback } = r.withFeedback(rest);
    const s = r.plain(text);
    if (s === "") throw new GiftError("empty answer", trimmed(part).start);
    const score = weight ?? 1;
    if (score === 1 && !feedback) accepted.push(s);
    else {
      r.note(`answers[${scored.length}]`, trimmed(part).start);
      scored.push(feedback ? { text: s, score, feedback } : { text: s, score });
    }
  });
  const langs = r.lang === "both" ? { vi: accepted, en: accepted } : { vi: [], en: [], [r.lang]: accepted };
  return scored.length > 0
    ? { type: "short-text", accepted: langs, answers: scored }
    : { type: "short-text", accepted: langs };
}

function parseNumber(s: string, offset: number): number {
  const n = Number(s.trim());
  if (s.trim() === "" || !Number.isFinite(n)) throw new GiftError(`"${s.trim()}" is not a number`, offset);
  return n;
}

function numericQuestion(r: QuestionReader, answers: Piece): Raw {
  const body = { text: answers.text.slice(1), start: answers.start + 1 }; // after the leading "#"
  const [main, wrongPart] = splitOnce(body, "~");
  const { head, parts } = splitMarked(main, "=");
  const all = head.text.trim() === "" ? parts : [head, ...parts];
  if (all.length === 0) throw new GiftError("a numerical question needs an answer", answers.start);
  const targets = all.map((part) => {
    const { weight, rest } = r.weight(part);
    const { text, feedback } = r.withFeedback(rest);
    const t = trimmed(text);
    const s = unescapeGift(t.text);
    const target: Raw = { score: weight ?? 1 };
    const dots = s.indexOf("..");
    const colon = s.indexOf(":");
    if (dots > 0)
      target.range = [parseNumber(s.slice(0, dots), t.start), parseNumber(s.slice(dots + 2), t.start)];
    else if (colon > 0) {
      target.answer = parseNumber(s.slice(0, colon), t.start);
      target.tolerance = Math.abs(parseNumber(s.slice(colon + 1), t.start));
    } else target.answer = parseNumber(s, t.start);
    if (feedback) target.feedback = feedback;
    return { target, start: t.start };
  });
  const primary = targets.findIndex(({ target }) => target.score === 1);
  if (primary < 0) throw new GiftError("a numerical question needs one answer worth 100%", answers.start);
  const { score: _score, feedback, ...main100 } = (targets[primary] as { target: Raw }).target;
  const item: Raw = { type: "numeric", ...main100 };
  const others = targets.filter((_, i) => i !== primary);
  others.forEach(({ start }, i) => {
    r.note(`answers[${i}]`, start);
  });
  if (others.length > 0) item.answers = others.map(({ target }) => target);
  const itemFeedback: Raw = {};
  if (feedback) itemFeedback.correct = feedback;
  const wrong = wrongPart && r.withFeedback(wrongPart).feedback;
  if (wrong) itemFeedback.incorrect = wrong;
  if (Object.keys(itemFeedback).length > 0) item.feedback = itemFeedback;
  return item;
}

function readQuestion(r: QuestionReader, body: Piece): Raw {
  const open = indexOfUnescaped(body.text, "{");
  const close = open < 0 ? indexOfUnescaped(body.text, "}") : indexOfUnescaped(body.text, "}", open);
  if (open < 0 && close < 0) {
    throw new GiftError(
      "a description (text without an answer block) is not a question; not imported",
      body.start,
    );
  }
  if (open < 0 || close < 0)
    throw new GiftError(
      open < 0 ? "`}` without `{`" : "`{` is never closed",
      body.start + Math.max(open, close),
    );
  if (indexOfUnescaped(body.text, "{", close) >= 0) {
    throw new GiftError(
      "only one answer block per question is supported",
      body.start + indexOfUnescaped(body.text, "{", close),
    );
  }
  const before = body.text.slice(0, open);
  const after = body.text.slice(close + 1);
  const stem = after.trim() === "" ? before : `${before}_____${after}`;
  let answers = trimmed({ text: body.text.slice(open + 1, close), start: body.start + open + 1 });
  let explanation: Text | undefined;
  const general = lastIndexOfUnescaped(answers.text, "####");
  if (general >= 0) {
    const text = { text: answers.text.slice(general + 4), start: answers.start + general + 4 };
    if (r.plain(text)) explanation = r.text(text);
    answers = trimmed({ text: answers.text.slice(0, general), start: answers.start });
  }

  let item: Raw;
  const a = answers.text;
  if (a === "")
    throw new GiftError("essay questions ({}) are not supported; not imported", answers.start - 1);
  if (a.startsWith("#")) item = numericQuestion(r, answers);
  else if (indexOfUnescaped(a, "~") >= 0) item = choiceQuestion(r, answers);
  else if (indexOfUnescaped(a, "=") >= 0 && indexOfUnescaped(a, "->") >= 0)
    item = matchingQuestion(r, answers);
  else if (["T", "TRUE", "F", "FALSE"].includes(splitOnce(answers, "#")[0].text.trim()))
    item = trueFalseQuestion(r, answers);
  else item = shortTextQuestion(r, answers);

  const out: Raw = { stem: r.text({ text: stem, start: body.start }), ...item };
  if (explanation) out.explanation = explanation;
  return out;
}

/**
 * @public Imports a GIFT file. Every question that maps onto an engine type becomes an item;
 * anything else (essays, descriptions, malformed questions) is reported as an error with its line
 * and left out, so `quiz` holds what could be imported and `diagnostics` says what could not.
 */
export function parseGift(
  text: string,
  opts: GiftOptions = {},
): { quiz?: QuizDefinition; diagnostics: Diagnostic[] } {
  const lang = opts.lang ?? "both";
  const languages: Lang[] = lang === "both" ? ["vi", "en"] : [lang];
  const file = opts.file === undefined ? {} : { file: opts.file };
  const diagnostics: Diagnostic[] = [];
  const report = (
    block: Block,
    severity: "error" | "warning",
    path: string,
    message: string,
    offset: number,
  ) => {
    diagnostics.push({ path, message, severity, ...file, ...position(block, offset) });
  };
  const questions: Question[] = [];
  const usedIds = new Set<string>();
  let category: string | undefined;

  let ordinal = 0;
  for (const block of splitBlocks(text)) {
    let body = trimmed({ text: block.text, start: 0 });
    if (body.text.startsWith("$CATEGORY:")) {
      // Moodle gives a category a block of its own; a question on the next line is still a question.
      const end = body.text.indexOf("\n");
      const line = end < 0 ? body.text : body.text.slice(0, end);
      category = slugify(line.slice("$CATEGORY:".length).split("/").filter(Boolean).pop() ?? "") || undefined;
      if (end < 0) continue;
      body = trimmed({ text: body.text.slice(end + 1), start: body.start + end + 1 });
    }
    const index = ordinal++;
    const r = new QuestionReader(lang);
    let title: string | undefined;
    let rest = body;
    if (body.text.startsWith("::")) {
      const end = indexOfUnescaped(body.text, "::", 2);
      if (end >= 0) {
        title = unescapeGift(body.text.slice(2, end)).trim();
        rest = trimmed({ text: body.text.slice(end + 2), start: body.start + end + 2 });
      }
    }
    let raw: Raw;
    try {
      raw = readQuestion(r, rest);
    } catch (e) {
      if (!(e instanceof GiftError)) throw e;
      report(block, "error", "", title ? `${title}: ${e.message}` : e.message, e.offset);
      continue;
    }
    if (r.html && /<[a-z/]/i.test(block.text)) {
      report(block, "warning", "", "HTML formatting is imported as plain text", rest.start);
    }
    const base = slugify(block.idMarker ?? title ?? "") || `q${index + 1}`;
    let id = base;
    for (let n = 2; usedIds.has(id); n++) id = `${base}-${n}`;
    usedIds.add(id);
    const objective = opts.objective ?? category ?? "general";
    const tags = [...new Set([...block.tagMarkers.map(slugify), ...(category ? [category] : [])])].filter(
      (t) => t && t !== objective,
    );
    const item: Raw = { id, objective, ...(tags.length > 0 ? { tags } : {}), ...raw };
    if (title) item.title = r.text({ text: title, start: 0 });
    r.note("", body.start);
    questions.push({ raw: item, at: r.at, block, index });
  }

  const quizId = slugify(opts.quizId ?? "") || "gift-import";
  const quizTitle = sameText(opts.title ?? quizId);
  // Validate one question at a time so one bad question does not keep the others out. Paths count
  // the questions of the file (items[3] is its fourth question), whether or not earlier ones were kept.
  const kept = questions.filter((q) => {
    const { diagnostics: found } = validateQuiz(
      { id: quizId, title: quizTitle, items: [q.raw] },
      { languages },
    );
    for (const d of found) placeDiagnostic(d, q, diagnostics, file);
    return !found.some((d) => d.severity !== "warning");
  });
  if (kept.length === 0) return { diagnostics };
  const result = validateQuiz({ id: quizId, title: quizTitle, items: kept.map((q) => q.raw) }, { languages });
  // Item-level findings were reported above; only quiz-level ones are new.
  for (const d of result.diagnostics) if (!d.path.startsWith("items")) diagnostics.push({ ...d, ...file });
  return result.quiz ? { quiz: result.quiz, diagnostics } : { diagnostics };
}

/** Points a validation diagnostic for one question at the closest line the reader noted. */
function placeDiagnostic(d: Diagnostic, q: Question, out: Diagnostic[], file: { file?: string }): void {
  const segs = parsePath(d.path).slice(2);
  let offset = q.at.get("") ?? 0;
  for (let n = 1; n <= segs.length; n++) {
    const found = q.at.get(formatPath(segs.slice(0, n)));
    if (found !== undefined) offset = found;
  }
  const path = formatPath(["items", q.index, ...segs]);
  out.push({ ...d, path, ...file, ...position(q.block, offset) });
}
