import { describe, expect, it } from "vitest";
import { type AnalysisInput, analyzeItems } from "./analysis.ts";
import { gradeItems } from "./grade.ts";
import { seededRng } from "./random.ts";
import { makeQuiz, makeSingleChoice, makeTrueFalse } from "./testing/index.ts";
import type { Item, QuizDefinition } from "./types.ts";

function attemptsFor(
  quiz: QuizDefinition,
  rows: Record<string, unknown>[],
  items?: (row: number) => Item[],
): AnalysisInput[] {
  return rows.map((responses, r) => ({
    responses,
    result: gradeItems(items ? items(r) : quiz.items, responses, quiz.settings.passMark),
  }));
}

function pearson(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    const y = ys[i] as number;
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}

describe("analyzeItems on a small right/wrong matrix", () => {
  const quiz = makeQuiz({
    items: ["i1", "i2", "i3"].map((id) => makeTrueFalse({ id })),
  });
  // Rows are learners; 1 = answered right.
  const matrix = [
    [1, 1, 1],
    [1, 1, 0],
    [1, 0, 0],
    [0, 0, 0],
    [1, 1, 1],
    [0, 1, 0],
  ];
  const rows = matrix.map((row) =>
    Object.fromEntries(row.map((right, j) => [`i${j + 1}`, { value: right === 1 }])),
  );
  const analysis = analyzeItems(quiz, attemptsFor(quiz, rows));

  it("reports difficulty as the proportion right", () => {
    expect(analysis.items.map((i) => i.difficulty)).toEqual([4 / 6, 4 / 6, 2 / 6]);
    expect(analysis.items.map((i) => i.n)).toEqual([6, 6, 6]);
  });

  it("reports discrimination as the correlation with the rest of the test", () => {
    matrix[0]?.forEach((_, j) => {
      const item = matrix.map((row) => row[j] as number);
      const rest = matrix.map((row) => row.reduce((a, b) => a + b, 0) - (row[j] as number));
      expect(analysis.items[j]?.discrimination).toBeCloseTo(pearson(item, rest), 12);
    });
  });

  it("computes KR-20 as the textbook formula does", () => {
    const k = 3;
    const totals = matrix.map((row) => row.reduce((a, b) => a + b, 0));
    const mean = totals.reduce((a, b) => a + b, 0) / totals.length;
    const variance = totals.reduce((a, t) => a + (t - mean) ** 2, 0) / totals.length;
    const pq = [0, 1, 2].reduce((sum, j) => {
      const p = matrix.filter((row) => row[j] === 1).length / matrix.length;
      return sum + p * (1 - p);
    }, 0);
    const kr20 = (k / (k - 1)) * (1 - pq / variance);
    expect(analysis.reliability).toEqual({
      coefficient: expect.closeTo(kr20, 12),
      method: "kr20",
      k: 3,
      attempts: 6,
    });
  });

  it("counts what was picked", () => {
    expect(analysis.items[2]?.optionCounts).toEqual({ true: 2, false: 4 });
    expect(analysis.responses).toBe(18);
  });
});

describe("analyzeItems flags", () => {
  const quiz = makeQuiz({
    items: ["good1", "good2", "good3", "easy", "inverted"].map((id) => makeSingleChoice({ id })),
  });
  // Ability 0..39: stronger learners get more "good" items right; everyone gets "easy";
  // "inverted" (think: a wrong key) favours the weak.
  const rows = Array.from({ length: 40 }, (_, ability) => ({
    good1: { choice: ability >= 10 ? "a" : "b" },
    good2: { choice: ability >= 20 ? "a" : "b" },
    good3: { choice: ability >= 30 ? "a" : "b" },
    easy: { choice: "a" },
    inverted: { choice: ability < 15 ? "a" : "b" },
  }));
  const [, good2, , easy, inverted] = analyzeItems(quiz, attemptsFor(quiz, rows)).items;

  it("flags items that are too easy, inverted, or have options nobody picks", () => {
    expect(good2?.flags).toEqual(["unused-option"]);
    expect(good2?.discrimination).toBeGreaterThan(0.2);
    expect(good2?.optionCounts).toEqual({ a: 20, b: 20, c: 0 });
    expect(easy?.flags).toEqual(["too-easy", "unused-option"]);
    expect(easy?.discrimination).toBeNull();
    expect(inverted?.flags).toEqual(["negative-discrimination", "unused-option"]);
    expect(inverted?.discrimination).toBeLessThan(0);
  });

  it("does not flag items seen by too few learners", () => {
    expect(analyzeItems(quiz, attemptsFor(quiz, rows.slice(0, 10))).items[3]?.flags).toEqual([]);
  });

  it("counts unanswered items as omitted, and skips attempts without a result", () => {
    const analysis = analyzeItems(quiz, [
      ...attemptsFor(quiz, [{ good1: { choice: "a" } }]),
      { responses: {} },
    ]);
    expect(analysis.attempts).toBe(1);
    expect(analysis.items.map((i) => i.omitted)).toEqual([0, 1, 1, 1, 1]);
  });
});

describe("reliability with blueprint forms (each learner sees a different selection)", () => {
  // Rasch-like responses: P(right) = logistic(ability − difficulty).
  const rng = seededRng("reliability");
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const items = Array.from({ length: 20 }, (_, i) => makeTrueFalse({ id: `t${i}` }));
  const quiz = makeQuiz({ items });
  const difficulty = items.map(() => normal());
  const learners = Array.from({ length: 3000 }, () => {
    const ability = normal();
    return Object.fromEntries(
      items.map((item, i) => [
        item.id,
        { value: rng() < 1 / (1 + Math.exp(-(ability - (difficulty[i] as number)))) },
      ]),
    );
  });
  const full = analyzeItems(quiz, attemptsFor(quiz, learners)).reliability.coefficient as number;

  it("matches the Spearman–Brown prediction for the shorter forms actually taken", () => {
    const forms = learners.map(() => items.filter(() => rng() < 0.5));
    const partial = analyzeItems(
      quiz,
      attemptsFor(quiz, learners, (r) => forms[r] as Item[]),
    ).reliability;
    const ratio = partial.k / 20;
    const predicted = (ratio * full) / (1 + (ratio - 1) * full);
    expect(full).toBeGreaterThan(0.7);
    expect(partial.coefficient).toBeCloseTo(predicted, 1);
  });
});
