import { normalizeAnswer } from "../../text.ts";
import type { ShortTextItem, ShortTextResponse, Text } from "../../types.ts";
import type { Graded } from "../item-type.ts";
import { field } from "../shared.ts";

export function readShortText(raw: unknown): ShortTextResponse | undefined {
  const text = field(raw, "text");
  return typeof text === "string" && text.trim() !== "" ? { text } : undefined;
}

interface Key {
  accepted: Set<string>;
  answers: { key: string; score: number; feedback: Text | undefined }[];
}

// Normalising every accepted answer for every response would dominate grading time.
const keys = new WeakMap<ShortTextItem, Key>();

function keyOf(item: ShortTextItem): Key {
  let key = keys.get(item);
  if (!key) {
    const opts = { ignoreDiacritics: item.ignoreDiacritics ?? false };
    key = {
      // Either language's answers are accepted: a learner may answer a term in the other language.
      accepted: new Set([...item.accepted.vi, ...item.accepted.en].map((a) => normalizeAnswer(a, opts))),
      answers: (item.answers ?? []).map((a) => ({
        key: normalizeAnswer(a.text, opts),
        score: a.score,
        feedback: a.feedback,
      })),
    };
    keys.set(item, key);
  }
  return key;
}

export function gradeShortText(item: ShortTextItem, response: ShortTextResponse): Graded {
  const key = keyOf(item);
  const given = normalizeAnswer(response.text, { ignoreDiacritics: item.ignoreDiacritics ?? false });
  let best: Graded = { fraction: key.accepted.has(given) ? 1 : 0, feedback: [] };
  for (const answer of key.answers) {
    if (answer.key === given && answer.score >= best.fraction) {
      best = { fraction: answer.score, feedback: answer.feedback ? [answer.feedback] : [] };
    }
  }
  return best;
}

export function shortTextKey(item: ShortTextItem): ShortTextResponse {
  const text =
    item.accepted.vi[0] ?? item.accepted.en[0] ?? item.answers?.find((a) => a.score === 1)?.text ?? "";
  return { text };
}

export function shortTextResponseKey(item: ShortTextItem, response: ShortTextResponse): string {
  return normalizeAnswer(response.text, { ignoreDiacritics: item.ignoreDiacritics ?? false });
}
