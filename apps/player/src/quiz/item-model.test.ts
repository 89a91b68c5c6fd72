import { type FormItem, type PublicItem, startAttempt } from "@bvte/quiz-engine";
import {
  makeMatching,
  makeNumeric,
  makeOrdering,
  makeQuiz,
  makeScenario,
  makeSingleChoice,
  text,
} from "@bvte/quiz-engine/testing";
import { describe, expect, it } from "vitest";
import { describeResponse, practiceItemModel, publicItemModel } from "./item-model.ts";

const truth = { true: "Đúng", false: "Sai" };

describe("practiceItemModel", () => {
  it("presents options in the order drawn for the learner's form", () => {
    const item = makeSingleChoice();
    const formItem: FormItem = { itemId: item.id, order: { options: ["c", "a", "b"] } };
    const model = practiceItemModel(item, formItem, undefined);
    expect(model.type === "single-choice" && model.options.map((o) => o.id)).toEqual(["c", "a", "b"]);
    expect(JSON.stringify(model)).not.toContain("correct");
  });

  it("offers every match and distractor for each matching prompt, in the drawn order", () => {
    const quiz = makeQuiz({ items: [makeMatching()] });
    const attempt = startAttempt({ quiz, seed: "s", now: 0 });
    const [item] = attempt.items;
    const [formItem] = attempt.form.items;
    if (!item || !formItem) throw new Error("no item");
    const model = practiceItemModel(item, formItem, undefined);
    if (model.type !== "matching") throw new Error(model.type);
    expect(model.choices.map((c) => c.id)).toEqual(formItem.order.choices);
    expect(model.choices.map((c) => c.id).toSorted()).toEqual(["d1", "p1", "p2", "p3"]);
    expect(model.prompts.map((p) => p.id)).toEqual(formItem.order.prompts);
  });

  it("reveals scenario steps along the path taken, then says it has ended", () => {
    const item = makeScenario();
    const formItem: FormItem = { itemId: item.id, order: {} };
    const at = (path: { step: string; choice: string }[]) => {
      const model = practiceItemModel(item, formItem, { path });
      if (model.type !== "scenario") throw new Error(model.type);
      return { steps: model.steps.map((s) => s.id), ended: model.ended };
    };
    expect(at([])).toEqual({ steps: ["st1"], ended: false });
    expect(at([{ step: "st1", choice: "b" }])).toEqual({ steps: ["st1", "st3"], ended: false });
    expect(
      at([
        { step: "st1", choice: "b" },
        { step: "st3", choice: "b" },
      ]),
    ).toEqual({
      steps: ["st1", "st3"],
      ended: true,
    });
  });
});

describe("publicItemModel", () => {
  it("shows a certification scenario's first step and those the server revealed", () => {
    const step = (id: string) => ({ id, prompt: text(id), options: [{ id: `${id}-o`, text: text("x") }] });
    const item: PublicItem = { id: "p", type: "scenario", stem: text("Case"), firstStep: step("one") };
    const model = publicItemModel(item, [step("two")], false);
    expect(model.type === "scenario" && model.steps.map((s) => s.id)).toEqual(["one", "two"]);
  });
});

describe("describeResponse", () => {
  it("puts a correct answer into words for review", () => {
    expect(describeResponse(makeOrdering(), { order: ["s1", "s2"] }, "vi", truth)).toEqual([
      "1. S1",
      "2. S2",
    ]);
    expect(describeResponse(makeMatching(), { pairs: { p1: "p1", p2: "d1" } }, "en", truth)[1]).toBe(
      "Two → 4",
    );
    expect(describeResponse(makeNumeric({ unit: text("giờ") }), { value: 3.5 }, "vi", truth)).toEqual([
      "3,5 giờ",
    ]);
  });
});
