import { describe, expect, it } from "vitest";
import { drawForm, formItems } from "./form.ts";
import { gradeItems } from "./grade.ts";
import {
  fromPublicResponses,
  gradePublicResponses,
  nextPublicScenarioStep,
  toPublicForm,
} from "./public-form.ts";
import type { PublicChoice, PublicItem } from "./public-types.ts";
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
  text,
} from "./testing/index.ts";
import type { Item, QuizDefinition } from "./types.ts";

const SECRET = "SECRET";
const secret = (what: string) => text(`${SECRET}-${what}`);

/**
 * A certification bank where everything that must not leak is marked: ids, feedback, hints,
 * explanations, accepted answers, numbers, titles, later scenario steps. As authors often do, the
 * key is always the first option and its id is always "a".
 */
function certificationQuiz(): QuizDefinition {
  const common = {
    objective: "objective-secret",
    tags: ["tag-secret"],
    difficulty: "hard" as const,
    points: 7,
    title: secret("title"),
    hints: [secret("hint")],
    feedback: { correct: secret("correct-feedback"), incorrect: secret("incorrect-feedback") },
    explanation: secret("explanation"),
    references: ["reference-secret"],
  };
  const options = (prefix: string) => [
    { id: "a", text: text(`${prefix} key`), correct: true, feedback: secret("option-feedback") },
    { id: "b", text: text(`${prefix} wrong 1`), feedback: secret("option-feedback") },
    { id: "c", text: text(`${prefix} wrong 2`) },
    { id: "d", text: text(`${prefix} wrong 3`) },
  ];
  const items: Item[] = [
    makeSingleChoice({ ...common, id: "item-secret-sc", options: options("sc") }),
    makeMultipleResponse({ ...common, id: "item-secret-mr", options: options("mr"), scoring: "partial" }),
    makeTrueFalse({
      ...common,
      id: "item-secret-tf",
      optionFeedback: { true: secret("tf-feedback"), false: secret("tf-feedback") },
    }),
    makeMatching({ ...common, id: "item-secret-ma" }),
    makeOrdering({ ...common, id: "item-secret-or" }),
    makeShortText({
      ...common,
      id: "item-secret-st",
      accepted: { vi: [`${SECRET}-accepted`], en: [`${SECRET}-accepted-en`] },
      answers: [{ text: `${SECRET}-close`, score: 0.5, feedback: secret("close") }],
    }),
    makeNumeric({ ...common, id: "item-secret-nu", answer: 4242.4242, tolerance: 0.5151, unit: text("km") }),
    makeNumeric({ ...common, id: "item-secret-nr", answer: undefined, range: [9191, 9292] }),
    makeScenario({
      ...common,
      id: "item-secret-sn",
      steps: makeScenario().steps.map((step, i) => ({
        ...step,
        prompt: i === 0 ? step.prompt : secret(`later-step-${i}`),
      })),
    }),
  ];
  return makeQuiz({
    id: "certification",
    items,
    settings: { shuffleItems: false, shuffleOptions: false, review: "never" },
  });
}

const ALLOWED_KEYS = new Set([
  "formId",
  "title",
  "timeLimitMinutes",
  "items",
  "id",
  "type",
  "stem",
  "options",
  "text",
  "vi",
  "en",
  "prompts",
  "choices",
  "sequence",
  "unit",
  "firstStep",
  "prompt",
]);

function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysOf(v, out);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysOf(v, out);
    }
  }
  return out;
}

function idsOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) idsOf(v, out);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "id" || k === "formId") out.push(v as string);
      else idsOf(v, out);
    }
  }
  return out;
}

const publicItem = <T extends PublicItem["type"]>(items: PublicItem[], type: T) =>
  items.find((i) => i.type === type) as Extract<PublicItem, { type: T }>;

describe("toPublicForm: nothing in a public form reveals a key", () => {
  const quiz = certificationQuiz();
  const definitionIds = new Set(
    JSON.stringify(quiz)
      .match(/"id":"([^"]+)"/g)
      ?.map((m) => m.slice(6, -1)),
  );

  for (const seed of ["cert-seed-1", "cert-seed-2", "cert-seed-3"]) {
    it(`has no key material (seed ${seed})`, () => {
      const form = drawForm(quiz, seed, { secure: true });
      const pub = toPublicForm(quiz, form);
      const json = JSON.stringify(pub);

      // No secret text, number, id, tag, objective or reference anywhere.
      expect(json).not.toContain(SECRET);
      for (const forbidden of [
        "4242",
        "0.5151",
        "9191",
        "9292",
        "objective-secret",
        "tag-secret",
        "reference-secret",
        seed,
      ]) {
        expect(json).not.toContain(forbidden);
      }
      // Only presentation fields: no correct, score, feedback, hints, explanation, accepted, answer, next, points...
      expect([...keysOf(pub)].filter((k) => !ALLOWED_KEYS.has(k))).toEqual([]);
      // Every id is opaque: none is a definition id, and all are distinct.
      const ids = idsOf(pub);
      expect(ids.filter((id) => definitionIds.has(id))).toEqual([]);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^[a-z2-7]{12}$/);
      // Only the first scenario step is shown.
      expect(publicItem(pub.items, "scenario").firstStep.prompt).toEqual(text("First?"));
    });
  }

  it("does not reveal the key by position: the key lands everywhere across forms", () => {
    const positions = [0, 0, 0, 0];
    const keyIds = new Set<string>();
    for (let s = 0; s < 400; s++) {
      const pub = toPublicForm(quiz, drawForm(quiz, `form-${s}`, { secure: true }));
      const options = publicItem(pub.items, "single-choice").options;
      const key = options.findIndex((o) => o.text.en === "sc key");
      positions[key] = (positions[key] ?? 0) + 1;
      keyIds.add(options[key]?.id ?? "");
    }
    for (const n of positions) expect(n).toBeGreaterThan(60);
    expect(keyIds.size).toBe(400);
  });

  it("gives a matching prompt and its answer unrelated ids", () => {
    const pub = toPublicForm(quiz, drawForm(quiz, "m", { secure: true }));
    const matching = publicItem(pub.items, "matching");
    const promptIds = new Set(matching.prompts.map((p) => p.id));
    expect(matching.choices.some((c) => promptIds.has(c.id))).toBe(false);
  });

  it("refuses a form that was not drawn as secure", () => {
    expect(() => toPublicForm(quiz, drawForm(quiz, "x"))).toThrow(/secure: true/);
  });
});

describe("gradePublicResponses", () => {
  const quiz = certificationQuiz();
  const form = drawForm(quiz, "grading-seed", { secure: true });
  const pub = toPublicForm(quiz, form);
  const byText = (choices: PublicChoice[], en: string) => choices.find((c) => c.text.en === en)?.id;

  it("grades on the server exactly as the internal responses would be graded", () => {
    const sc = publicItem(pub.items, "single-choice");
    const mr = publicItem(pub.items, "multiple-response");
    const tf = publicItem(pub.items, "true-false");
    const ma = publicItem(pub.items, "matching");
    const or = publicItem(pub.items, "ordering");
    const st = publicItem(pub.items, "short-text");
    const nu = pub.items.filter((i) => i.type === "numeric");
    const responses = {
      [sc.id]: { choice: byText(sc.options, "sc key") },
      [mr.id]: { choices: [byText(mr.options, "mr key"), byText(mr.options, "mr wrong 1")] },
      [tf.id]: { value: true },
      [ma.id]: {
        pairs: {
          [byText(ma.prompts, "One") as string]: byText(ma.choices, "1"),
          [byText(ma.prompts, "Two") as string]: byText(ma.choices, "3"),
        },
      },
      [or.id]: { order: ["S1", "S2", "S3", "S4"].map((s) => byText(or.sequence, s)) },
      [st.id]: { text: `${SECRET}-close` },
      [nu[0]?.id as string]: { value: 4242.9 },
      [nu[1]?.id as string]: { value: 1 },
    };
    const internal = fromPublicResponses(quiz, form, responses);
    expect(internal).toEqual({
      "item-secret-sc": { choice: "a" },
      "item-secret-mr": { choices: ["a", "b"] },
      "item-secret-tf": { value: true },
      "item-secret-ma": { pairs: { p1: "p1", p2: "p3" } },
      "item-secret-or": { order: ["s1", "s2", "s3", "s4"] },
      "item-secret-st": { text: `${SECRET}-close` },
      "item-secret-nu": { value: 4242.9 },
      "item-secret-nr": { value: 1 },
    });
    const result = gradePublicResponses(quiz, form, responses);
    expect(result).toEqual(gradeItems(formItems(quiz, form), internal, quiz.settings.passMark));
    expect(result.items.map((i) => [i.itemId, i.fraction])).toEqual(
      expect.arrayContaining([
        ["item-secret-sc", 1],
        ["item-secret-mr", 1 - 1 / 3],
        ["item-secret-ma", 1 / 3],
        ["item-secret-st", 0.5],
        ["item-secret-nu", 1],
      ]),
    );
  });

  it("does not accept a prompt's id where an answer is expected", () => {
    const ma = publicItem(pub.items, "matching");
    const selfMatched = Object.fromEntries(ma.prompts.map((p) => [p.id, p.id]));
    expect(fromPublicResponses(quiz, form, { [ma.id]: { pairs: selfMatched } })).toEqual({});
  });

  it("ignores unknown items, definition ids and junk", () => {
    const sc = publicItem(pub.items, "single-choice");
    const responses = { "item-secret-sc": { choice: "a" }, [sc.id]: { choice: "a" }, nonsense: 42 };
    expect(fromPublicResponses(quiz, form, responses)).toEqual({});
    expect(gradePublicResponses(quiz, form, responses).score).toBe(0);
  });
});

describe("nextPublicScenarioStep: steps are revealed one at a time", () => {
  const quiz = certificationQuiz();
  const form = drawForm(quiz, "scenario-seed", { secure: true });
  const pub = toPublicForm(quiz, form);
  const sn = publicItem(pub.items, "scenario");
  const pick = (step: { id: string; options: PublicChoice[] }, en: string) => ({
    step: step.id,
    choice: step.options.find((o) => o.text.en === en)?.id,
  });

  it("walks a path the way the server would, then grades it", () => {
    expect(nextPublicScenarioStep(quiz, form, sn.id, [])).toEqual({ kind: "step", step: sn.firstStep });
    const path = [pick(sn.firstStep, "b?")];
    const second = nextPublicScenarioStep(quiz, form, sn.id, path);
    if (second.kind !== "step") throw new Error("expected a step");
    expect(second.step.prompt).toEqual(secret("later-step-2"));
    expect(JSON.stringify(second)).not.toMatch(/score|next|feedback|st3/);
    path.push(pick(second.step, "b?"));
    expect(nextPublicScenarioStep(quiz, form, sn.id, path)).toEqual({ kind: "end" });
    const result = gradePublicResponses(quiz, form, { [sn.id]: { path } });
    expect(result.items.find((i) => i.itemId === "item-secret-sn")?.fraction).toBe(0);
  });

  it("rejects paths that do not follow the scenario", () => {
    const wrongStep = [{ step: "st1", choice: "a" }];
    expect(nextPublicScenarioStep(quiz, form, sn.id, wrongStep)).toMatchObject({ kind: "invalid" });
    const skipped = [pick(sn.firstStep, "a?"), pick(sn.firstStep, "a?")];
    expect(nextPublicScenarioStep(quiz, form, sn.id, skipped)).toMatchObject({ kind: "invalid" });
    expect(nextPublicScenarioStep(quiz, form, "nope", [])).toMatchObject({ kind: "invalid" });
  });
});
