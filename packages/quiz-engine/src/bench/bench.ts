/**
 * Grading and item-analysis throughput on 1,000,000 synthetic responses:
 * 50,000 learners, each on a 20-item blueprint form drawn from a 40-item pool (5 of each type).
 * Run with `npm run bench -w @bvte/quiz-engine`; the figures go into `npm run bench`'s table.
 */
import { type BenchRow, recordBench } from "@bvte/bench";
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

const rows: BenchRow[] = [];
const perSecond = (count: number, ms: number) => (count / ms) * 1000;
function row(measure: string, value: number, unit: string, note = "") {
  rows.push({ layer: "quiz engine", measure, value, unit, note });
}
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
row("forms drawn (blueprint + shuffles)", perSecond(LEARNERS, drawMs), "forms/s");

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
row(
  "gradeResponse, every response",
  perSecond(totalResponses, allMs),
  "responses/s",
  `${fmt(totalResponses)} responses`,
);
// In a fixed order, so that the table's rows line up from run to run.
for (const [type, list] of [...byType].toSorted(([a], [b]) => a.localeCompare(b))) {
  const [, ms] = time(() => {
    for (const { item, response } of list) sink += gradeResponse(item, response).score;
  });
  row(`gradeResponse · ${type}`, perSecond(list.length, ms), "responses/s");
}

// Whole attempts: grading plus totals and mastery.
const [graded, attemptMs] = time(() =>
  attempts.map((a) => ({
    responses: a.responses,
    result: gradeItems(a.items, a.responses, 0.8) as QuizResult,
  })),
);
row("gradeItems (whole attempts)", perSecond(totalResponses, attemptMs), "responses/s");

// Certification: draw a secure form, make it public, grade public responses on the server.
const [, secureMs] = time(() => {
  for (let i = 0; i < 1_000; i++) {
    const form = drawForm(quiz, `cert-${i}`, { secure: true });
    const pub = toPublicForm(quiz, form);
    sink += gradePublicResponses(quiz, form, { [pub.items[0]?.id ?? ""]: { value: true } }).max;
  }
});
row("secure form + public form + server grade", perSecond(1_000, secureMs), "forms/s");

const [analysis, analysisMs] = time(() => analyzeItems(quiz, graded));
const analyzed = analysis.responses + analysis.items.reduce((s, i) => s + i.omitted, 0);
row(
  "analyzeItems",
  perSecond(analyzed, analysisMs),
  "responses/s",
  `${fmt(analyzed)} responses in ${fmt(analysisMs)} ms`,
);
// The same seed gives the same coefficient: a different one means the runs did not grade the same data.
rows.push({
  layer: "quiz engine",
  measure: "reliability of the synthetic responses",
  value: analysis.reliability.coefficient,
  unit: "",
  note: analysis.reliability.coefficient === null ? "not computable" : analysis.reliability.method,
  decimals: 3,
});

recordBench("quiz-engine", rows);
if (Number.isNaN(sink)) console.log("unreachable: keeps the graded scores alive");
