import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { itemTags } from "./blueprint.ts";
import { drawForm, formItems } from "./form.ts";
import { makeQuiz, makeSingleChoice, text } from "./testing/index.ts";
import type { Item, QuizDefinition } from "./types.ts";

/** A pool of 24 single-choice items over three objectives and three difficulties. */
function poolQuiz(overrides: Partial<QuizDefinition> = {}): QuizDefinition {
  const items: Item[] = Array.from({ length: 24 }, (_, i) =>
    makeSingleChoice({
      id: `q${i}`,
      objective: `lo${i % 3}`,
      difficulty: (["easy", "medium", "hard"] as const)[i % 4 === 0 ? 2 : i % 2],
      options: ["a", "b", "c", "d"].map((id) => ({ id, text: text(`${i}${id}`), correct: id === "a" })),
    }),
  );
  return makeQuiz({
    items,
    blueprint: [
      { tag: "lo0", count: 3 },
      { tag: "hard", count: 2 },
      { tag: "lo2", count: 4 },
    ],
    ...overrides,
  });
}

const FORM_SEED = 7_301_245;

describe("drawForm", () => {
  const quiz = poolQuiz();

  it(`is reproducible: the same seed gives the same form (fast-check seed ${FORM_SEED})`, () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        expect(drawForm(quiz, seed)).toEqual(drawForm(quiz, seed));
      }),
      { seed: FORM_SEED, numRuns: 200 },
    );
  });

  it(`fills the blueprint with distinct items and shuffles options into permutations (fast-check seed ${FORM_SEED})`, () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        const form = drawForm(quiz, seed);
        const items = formItems(quiz, form);
        expect(new Set(items.map((i) => i.id)).size).toBe(9);
        for (const entry of quiz.blueprint ?? []) {
          expect(items.filter((i) => itemTags(i).includes(entry.tag)).length).toBeGreaterThanOrEqual(
            entry.count,
          );
        }
        form.items.forEach((formItem, i) => {
          const ids = (items[i] as Item & { options: { id: string }[] }).options.map((o) => o.id);
          expect([...(formItem.order.options ?? [])].sort()).toEqual([...ids].sort());
        });
      }),
      { seed: FORM_SEED, numRuns: 200 },
    );
  });

  it("gives well-mixed forms across seeds: the key lands in every position about equally", () => {
    const positions = [0, 0, 0, 0];
    const runs = 2_000;
    for (let s = 0; s < runs; s++) {
      const form = drawForm(quiz, `s${s}`);
      const options = form.items[0]?.order.options ?? [];
      positions[options.indexOf("a")] = (positions[options.indexOf("a")] ?? 0) + 1;
    }
    const expected = runs / 4;
    const chi2 = positions.reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(16.27); // 3 degrees of freedom, 0.1%
  });

  it("draws different selections for different seeds, covering the pool", () => {
    const seen = new Set<string>();
    const selections = new Set<string>();
    for (let s = 0; s < 200; s++) {
      const ids = drawForm(quiz, `seed ${s}`).items.map((i) => i.itemId);
      for (const id of ids) seen.add(id);
      selections.add([...ids].sort().join());
    }
    expect(selections.size).toBeGreaterThan(190);
    // Every item carrying a blueprint tag shows up at some point.
    const eligible = quiz.items.filter((i) => ["lo0", "hard", "lo2"].some((t) => itemTags(i).includes(t)));
    expect(seen.size).toBe(eligible.length);
  });

  it("keeps file order and definition order when shuffling is off", () => {
    const plain = poolQuiz({
      settings: { ...poolQuiz().settings, shuffleItems: false, shuffleOptions: false },
    });
    const form = drawForm(plain, "x");
    const indices = form.items.map((i) => Number(i.itemId.slice(1)));
    expect(indices).toEqual([...indices].sort((a, b) => a - b));
    for (const item of form.items) expect(item.order.options).toEqual(["a", "b", "c", "d"]);
  });

  it("uses the whole pool in file order without a blueprint", () => {
    const quiz2 = makeQuiz({ settings: { shuffleItems: false } });
    expect(drawForm(quiz2, "x").items.map((i) => i.itemId)).toEqual(quiz2.items.map((i) => i.id));
  });

  it("shuffles secure forms whatever the settings say", () => {
    const plain = poolQuiz({
      settings: { ...poolQuiz().settings, shuffleItems: false, shuffleOptions: false },
    });
    const orders = new Set<string>();
    for (let s = 0; s < 20; s++) {
      const form = drawForm(plain, `s${s}`, { secure: true });
      expect(form.secure).toBe(true);
      orders.add(form.items.map((i) => `${i.itemId}:${i.order.options?.join("")}`).join());
    }
    expect(orders.size).toBe(20);
  });

  it("does not reshuffle an item's options when the rest of the pool changes", () => {
    const noBlueprint = makeQuiz({ items: poolQuiz().items });
    const smaller = makeQuiz({ items: noBlueprint.items.slice(0, 12) });
    const a = drawForm(noBlueprint, "k").items.find((i) => i.itemId === "q3");
    const b = drawForm(smaller, "k").items.find((i) => i.itemId === "q3");
    expect(a?.order).toEqual(b?.order);
  });

  it("draws around overlapping tags where a greedy draw would fail", () => {
    // x1 carries both tags; a greedy draw that gives x1 to "a" leaves "b" short.
    const item = (id: string, tags: string[]) => makeSingleChoice({ id, objective: "lo", tags });
    const overlap = makeQuiz({
      items: [item("x1", ["a", "b"]), item("x2", ["a"]), item("x3", [])],
      blueprint: [
        { tag: "a", count: 1 },
        { tag: "b", count: 1 },
      ],
      settings: { shuffleItems: false },
    });
    for (let s = 0; s < 30; s++) {
      expect(drawForm(overlap, `s${s}`).items.map((i) => i.itemId)).toEqual(["x1", "x2"]);
    }
  });

  it("refuses a form from another quiz", () => {
    const form = drawForm(quiz, "x");
    expect(() => formItems({ ...quiz, id: "other" }, form)).toThrow(/form of quiz "quiz"/);
  });
});
