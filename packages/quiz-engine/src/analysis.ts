/**
 * Classical item analysis over graded attempts, in one streaming pass with fixed-size accumulators
 * (no per-response storage): a million responses take about a second (see src/bench).
 */
import { typeOf } from "./item-types/registry.ts";
import type { Item, ItemTypeName, QuizDefinition, QuizResult } from "./types.ts";

/** @public What analysis needs from an attempt; an Attempt fits. Attempts without a result are skipped. */
export interface AnalysisInput {
  responses: Readonly<Record<string, unknown>>;
  result?: Pick<QuizResult, "score" | "max" | "items">;
}

/** @public A hint for trainers about what to look at. */
export type ItemFlag =
  | "too-hard"
  | "too-easy"
  | "negative-discrimination"
  | "low-discrimination"
  | "unused-option";

/** @public */
export interface ItemAnalysis {
  itemId: string;
  type: ItemTypeName;
  /** Graded attempts that contained the item. */
  n: number;
  /** Mean fraction of credit (proportion correct for right/wrong items); null when n = 0. */
  difficulty: number | null;
  /**
   * Point-biserial (Pearson) correlation of the item's fraction with the rest of the attempt (the
   * total without this item, as a fraction); null when either side has no variance.
   */
  discrimination: number | null;
  /** How often each option (or answer, pair, step choice) was picked; known options start at 0. */
  optionCounts: Record<string, number>;
  omitted: number;
  flags: ItemFlag[];
}

/** @public */
export interface Reliability {
  /** Cronbach's alpha; KR-20 when every item was scored right/wrong. null without enough data. */
  coefficient: number | null;
  method: "kr20" | "alpha";
  /** Mean number of items per attempt. */
  k: number;
  attempts: number;
}

/** @public */
export interface QuizAnalysis {
  attempts: number;
  responses: number;
  items: ItemAnalysis[];
  reliability: Reliability;
}

/** Below this many attempts an item's statistics are too noisy to flag. */
const MIN_FOR_FLAGS = 30;

function add(a: Float64Array, i: number, v: number): void {
  a[i] = (a[i] ?? 0) + v;
}

function at(a: Float64Array, i: number): number {
  return a[i] ?? 0;
}

function correlation(
  n: number,
  sx: number,
  sy: number,
  sxx: number,
  syy: number,
  sxy: number,
): number | null {
  const vx = n * sxx - sx * sx;
  const vy = n * syy - sy * sy;
  if (n < 2 || vx <= 1e-12 || vy <= 1e-12) return null;
  return (n * sxy - sx * sy) / Math.sqrt(vx * vy);
}

/**
 * @public Per-item difficulty, discrimination and option counts, and the quiz's reliability.
 * Reliability uses alpha's covariance form, k·c̄ / (v̄ + (k−1)·c̄), over pairwise-complete data;
 * with one fixed form it equals the usual alpha, and it still works when a blueprint gives every
 * learner a different selection of items.
 */
export function analyzeItems(quiz: QuizDefinition, gradedAttempts: Iterable<AnalysisInput>): QuizAnalysis {
  const items = quiz.items;
  const p = items.length;
  const index = new Map(items.map((item, i) => [item.id, i]));
  const n = new Float64Array(p);
  const sx = new Float64Array(p); // item fraction
  const sxx = new Float64Array(p);
  const sr = new Float64Array(p); // rest fraction
  const srr = new Float64Array(p);
  const sxr = new Float64Array(p);
  const nr = new Float64Array(p);
  const ss = new Float64Array(p); // item score, for reliability
  const sss = new Float64Array(p);
  const omitted = new Float64Array(p);
  const pairN = new Float64Array(p * p);
  const pairA = new Float64Array(p * p);
  const pairB = new Float64Array(p * p);
  const pairAB = new Float64Array(p * p);
  const counts = items.map(
    (item) =>
      new Map(
        typeOf(item)
          .knownKeys(item)
          .map((k) => [k, 0]),
      ),
  );
  let dichotomous = true;
  let attempts = 0;
  let responses = 0;
  let itemSlots = 0;
  const idx: number[] = [];
  const scores: number[] = [];

  for (const attempt of gradedAttempts) {
    const result = attempt.result;
    if (!result) continue;
    attempts++;
    idx.length = 0;
    scores.length = 0;
    for (const r of result.items) {
      const i = index.get(r.itemId);
      if (i === undefined) continue;
      idx.push(i);
      scores.push(r.score);
      const f = r.fraction;
      if (f !== 0 && f !== 1) dichotomous = false;
      add(n, i, 1);
      add(sx, i, f);
      add(sxx, i, f * f);
      add(ss, i, r.score);
      add(sss, i, r.score * r.score);
      const restMax = result.max - r.max;
      if (restMax > 0) {
        const rest = (result.score - r.score) / restMax;
        add(nr, i, 1);
        add(sr, i, rest);
        add(srr, i, rest * rest);
        add(sxr, i, f * rest);
      }
      const item = items[i] as Item;
      const type = typeOf(item);
      const raw = attempt.responses[r.itemId];
      const response = raw === undefined || raw === null ? undefined : type.readResponse(item, raw);
      if (response === undefined) {
        add(omitted, i, 1);
        continue;
      }
      responses++;
      const itemCounts = counts[i] as Map<string, number>;
      for (const key of type.responseKeys(item, response))
        itemCounts.set(key, (itemCounts.get(key) ?? 0) + 1);
    }
    itemSlots += idx.length;
    for (let a = 0; a < idx.length; a++) {
      const ia = idx[a] as number;
      const xa = scores[a] as number;
      for (let b = a + 1; b < idx.length; b++) {
        const ib = idx[b] as number;
        const xb = scores[b] as number;
        // Each unordered pair has one cell (lower index first); no allocation in this hot loop.
        const first = ia < ib;
        const cell = first ? ia * p + ib : ib * p + ia;
        add(pairN, cell, 1);
        add(pairA, cell, first ? xa : xb);
        add(pairB, cell, first ? xb : xa);
        add(pairAB, cell, xa * xb);
      }
    }
  }

  const analyses = items.map((item, i): ItemAnalysis => {
    const count = at(n, i);
    const difficulty = count > 0 ? at(sx, i) / count : null;
    const discrimination = correlation(at(nr, i), at(sx, i), at(sr, i), at(sxx, i), at(srr, i), at(sxr, i));
    const optionCounts = Object.fromEntries(counts[i] ?? []);
    const flags: ItemFlag[] = [];
    if (count >= MIN_FOR_FLAGS && difficulty !== null) {
      if (difficulty < 0.2) flags.push("too-hard");
      if (difficulty > 0.95) flags.push("too-easy");
      if (discrimination !== null && discrimination < 0) flags.push("negative-discrimination");
      else if (discrimination !== null && discrimination < 0.2) flags.push("low-discrimination");
      if (
        typeOf(item)
          .knownKeys(item)
          .some((k) => optionCounts[k] === 0)
      )
        flags.push("unused-option");
    }
    return {
      itemId: item.id,
      type: item.type,
      n: count,
      difficulty,
      discrimination,
      optionCounts,
      omitted: at(omitted, i),
      flags,
    };
  });

  // Mean item variance and mean inter-item covariance (population form, consistently).
  let varianceSum = 0;
  let varianceItems = 0;
  for (let i = 0; i < p; i++) {
    const count = at(n, i);
    if (count < 2) continue;
    const mean = at(ss, i) / count;
    varianceSum += at(sss, i) / count - mean * mean;
    varianceItems++;
  }
  let covarianceSum = 0;
  let covariancePairs = 0;
  for (let cell = 0; cell < p * p; cell++) {
    const count = at(pairN, cell);
    if (count < 2) continue;
    covarianceSum += at(pairAB, cell) / count - (at(pairA, cell) / count) * (at(pairB, cell) / count);
    covariancePairs++;
  }
  const k = attempts > 0 ? itemSlots / attempts : 0;
  let coefficient: number | null = null;
  if (varianceItems > 0 && covariancePairs > 0 && k > 1) {
    const v = varianceSum / varianceItems;
    const c = covarianceSum / covariancePairs;
    const denominator = v + (k - 1) * c;
    if (denominator > 1e-12) coefficient = (k * c) / denominator;
  }
  return {
    attempts,
    responses,
    items: analyses,
    reliability: { coefficient, method: dichotomous ? "kr20" : "alpha", k, attempts },
  };
}
