/**
 * Grading throughput and item-analysis time on 1,000,000 synthetic responses:
 * 50,000 learners, each on a 20-item blueprint form drawn from a 40-item pool (5 of each type).
 * Run with `npm run bench -w @bvte/quiz-engine`.
 */
import { analyzeItems } from "../analysis.ts";
import { drawForm, formItems } from "../form.ts";
import { gradeItems, gradeResponse } from "../grade.ts";
import { gradePublicResponses, toPublicForm } from "../public-form.ts";
import { seededRng } from "../random.ts";
import {
  makeMatching,
  makeMultipleResponse,
  makeNumeric,
  makeOrdering,
  makeQuiz,
  makeScenario,
  makeShortText,
  makeSingleChoice,
  makeTrueFalse,
} from "../testing/index.ts";
import type { Item, ItemTypeName, QuizResult, Response } from "../types.ts";

const LEARNERS = 50_000;
const OBJECTIVES = ["lo1", "lo2", "lo3", "lo4"];

const builders = [
  makeSingleChoice,
  makeMultipleResponse,
  makeTrueFalse,
  makeMatching,
  makeOrdering,
  makeShortText,
  makeNumeric,
  makeScenario,
] as const;
const pool: Item[] = builders.flatMap((make, t) =>
  Array.from({ length: 5 }, (_, i) =>
    make({ id: `${t}-${i}`, objective: OBJECTIVES[(t + i) % 4] as string }),
  ),
);
const quiz = makeQuiz({ id: "bench", items: pool, blueprint: OBJECTIVES.map((tag) => ({ tag, count: 5 })) });

/** A right answer first, then typical wrong ones. */
function responsesFor(item: Item): Response[] {
  switch (item.type) {
    case "single-choice":
      return [{ choice: "a" }, { choice: "b" }, { choice: "c" }];
    case "multiple-response":
      return [{ choices: ["a", "b"] }, { choices: ["a"] }, { choices: ["a", "c"] }];
    case "true-false":
      return [{ value: true }, { value: false }];
    case "matching":
      return [{ pairs: { p1: "p1", p2: "p2", p3: "p3" } }, { pairs: { p1: "p2", p2: "p1", p3: "p3" } }];
    case "ordering":
      return [{ order: ["s1", "s2", "s3", "s4"] }, { order: ["s2", "s1", "s3", "s4"] }];
    case "short-text":
      return [{ text: "Hà Nội" }, { text: "  hanoi " }, { text: "Hải Phòng" }];
    case "numeric":
      return [{ value: 111 }, { value: 113 }];
    case "scenario":
      return [
        {
          path: [
            { step: "st1", choice: "a" },
            { step: "st2", choice: "a" },
          ],
        },
        {
          path: [
            { step: "st1", choice: "b" },
            { step: "st3", choice: "a" },
            { step: "st4", choice: "b" },
          ],
        },
      ];
  }
}

const table: [string, string][] = [];
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
function time<T>(run: () => T): [T, number] {
  const start = performance.now();
  const out = run();
  return [out, performance.now() - start];
}

// Learners of varied ability answer their own drawn form.
const rng = seededRng("bench");
const [attempts, drawMs] = time(() =>
  Array.from({ length: LEARNERS }, (_, l) => {
    const ability = rng();
    const items = formItems(quiz, drawForm(quiz, `learner-${l}`));
    const responses: Record<string, Response> = {};
    for (const item of items) {
      const options = responsesFor(item);
      const right = rng() < 0.3 + 0.6 * ability;
      const pick = right ? options[0] : options[1 + Math.floor(rng() * (options.length - 1))];
      if (pick && rng() > 0.02) responses[item.id] = pick;
    }
    return { items, responses };
  }),
);
const totalResponses = attempts.reduce((sum, a) => sum + a.items.length, 0);
table.push(["forms drawn (blueprint + shuffles)", `${fmt((LEARNERS / drawMs) * 1000)} forms/s`]);

// Grading, one response at a time, by type.
const byType = new Map<ItemTypeName, { item: Item; response: Response | undefined }[]>();
for (const a of attempts) {
  for (const item of a.items) {
    const list = byType.get(item.type) ?? [];
    list.push({ item, response: a.responses[item.id] });
    byType.set(item.type, list);
  }
}
let sink = 0;
const [, allMs] = time(() => {
  for (const a of attempts)
    for (const item of a.items) sink += gradeResponse(item, a.responses[item.id]).score;
});
table.push([
  `gradeResponse, all ${fmt(totalResponses)} responses`,
  `${fmt((totalResponses / allMs) * 1000)} responses/s`,
]);
for (const [type, list] of byType) {
  const [, ms] = time(() => {
    for (const { item, response } of list) sink += gradeResponse(item, response).score;
  });
  table.push([`  ${type}`, `${fmt((list.length / ms) * 1000)} responses/s`]);
}

// Whole attempts: grading plus totals and mastery.
const [graded, attemptMs] = time(() =>
  attempts.map((a) => ({
    responses: a.responses,
    result: gradeItems(a.items, a.responses, 0.8) as QuizResult,
  })),
);
table.push(["gradeItems (whole attempts)", `${fmt((totalResponses / attemptMs) * 1000)} responses/s`]);

// Certification: draw a secure form, make it public, grade public responses on the server.
const [, secureMs] = time(() => {
  for (let i = 0; i < 1_000; i++) {
    const form = drawForm(quiz, `cert-${i}`, { secure: true });
    const pub = toPublicForm(quiz, form);
    sink += gradePublicResponses(quiz, form, { [pub.items[0]?.id ?? ""]: { value: true } }).max;
  }
});
table.push(["secure form + public form + server grade", `${fmt((1_000 / secureMs) * 1000)} forms/s`]);

const [analysis, analysisMs] = time(() => analyzeItems(quiz, graded));
table.push([
  `analyzeItems, ${fmt(analysis.responses + analysis.items.reduce((s, i) => s + i.omitted, 0))} responses`,
  `${fmt(analysisMs)} ms`,
]);
table.push([
  "  reliability",
  `${analysis.reliability.method} ${analysis.reliability.coefficient?.toFixed(3)}`,
]);

const width = Math.max(...table.map(([k]) => k.length));
const valueWidth = Math.max(...table.map(([, v]) => v.length));
console.log(`quiz-engine bench: ${fmt(LEARNERS)} learners × 20 items, node ${process.version}`);
console.log(`| ${"measure".padEnd(width)} | ${"result".padStart(valueWidth)} |`);
console.log(`|${"-".repeat(width + 2)}|${"-".repeat(valueWidth + 1)}:|`);
for (const [k, v] of table) console.log(`| ${k.padEnd(width)} | ${v.padStart(valueWidth)} |`);
if (Number.isNaN(sink)) console.log("unreachable: keeps the graded scores alive");
