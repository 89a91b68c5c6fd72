import { describe, expect, it } from "vitest";
import { parseQuizYaml } from "./index.ts";

const VALID = `id: pv-final
title: { vi: "Bài kiểm tra cuối khoá", en: "Final assessment" }
settings:
  passMark: 0.8
  timeLimitMinutes: null
  maxAttempts: null
  cooldownMinutes: 0
  feedback: deferred
  review: after-submit
  shuffleItems: true
  shuffleOptions: true
blueprint:
  - { tag: lo1, count: 2 }
  - { tag: lo2, count: 1 }
items:
  - id: q1
    type: single-choice
    objective: lo1
    stem: { vi: "Trẻ em là người dưới bao nhiêu tuổi?", en: "A child is a person under what age?" }
    options:
      - { id: a, text: { vi: "16", en: "16" }, correct: true, feedback: { vi: "Đúng.", en: "Right." } }
      - { id: b, text: { vi: "18", en: "18" }, feedback: { vi: "Chưa đúng.", en: "Not quite." } }
    explanation: { vi: "Điều 1 Luật Trẻ em 2016.", en: "Article 1, Law on Children 2016." }
    references: [luat-tre-em-2016]
  - id: q2
    type: true-false
    objective: lo1
    difficulty: easy
    stem: { vi: "Tổng đài 111 miễn phí.", en: "Hotline 111 is free." }
    answer: true
    optionFeedback: { "true": { vi: "Đúng.", en: "Right." }, "false": { vi: "Sai.", en: "Wrong." } }
    explanation: { vi: "Miễn phí, 24/7.", en: "Free, 24/7." }
  - id: s1
    type: scenario
    objective: lo2
    stem: { vi: "Em H., 9 tuổi, ...", en: "H., aged 9, ..." }
    steps:
      - id: st1
        prompt: { vi: "Bạn làm gì trước tiên?", en: "What do you do first?" }
        options:
          - { id: a, text: { vi: "Gọi 111", en: "Call 111" }, score: 1, feedback: { vi: "Tốt.", en: "Good." }, next: st2 }
          - { id: b, text: { vi: "Chờ", en: "Wait" }, score: 0, feedback: { vi: "Không.", en: "No." }, next: end }
      - id: st2
        prompt: { vi: "Rồi sao?", en: "Then?" }
        options:
          - { id: a, text: { vi: "Ghi chép", en: "Take notes" }, score: 1 }
          - { id: b, text: { vi: "Hỏi dồn", en: "Press the child" }, score: 0 }
    explanation: { vi: "...", en: "..." }
`;

describe("parseQuizYaml", () => {
  it("parses the FORMAT.md example shape without diagnostics", () => {
    const { quiz, diagnostics } = parseQuizYaml(VALID, "final.quiz.yaml", { requireExplanation: true });
    expect(diagnostics).toEqual([]);
    expect(quiz?.items.map((i) => i.type)).toEqual(["single-choice", "true-false", "scenario"]);
  });

  const broken = (from: string, to: string) => parseQuizYaml(VALID.replace(from, to), "final.quiz.yaml");

  it("puts semantic errors on the line and column of the offending node", () => {
    const { quiz, diagnostics } = broken(
      'feedback: { vi: "Chưa đúng.", en: "Not quite." } }',
      "correct: true }",
    );
    expect(quiz).toBeUndefined();
    expect(diagnostics).toEqual([
      {
        path: "items[0].options",
        message: "exactly one option must have `correct: true` (found 2: a, b)",
        severity: "error",
        file: "final.quiz.yaml",
        line: 20,
        column: 5,
      },
    ]);
  });

  it("points at a misspelt key", () => {
    const { diagnostics } = broken("    answer: true", "    answr: true");
    expect(diagnostics.map((d) => [d.path, d.line, d.column, d.message])).toEqual([
      ["items[1].answr", 30, 5, "unknown field `answr`; did you mean `answer`?"],
      ["items[1].answer", 25, 5, "is required"],
    ]);
  });

  it("points a missing field at the item that lacks it", () => {
    const { diagnostics } = broken(
      '    stem: { vi: "Tổng đài 111 miễn phí.", en: "Hotline 111 is free." }\n',
      "",
    );
    expect(diagnostics.map((d) => [d.path, d.line, d.column])).toEqual([["items[1].stem", 25, 5]]);
  });

  it("locates errors inside flow mappings and quoted keys", () => {
    expect(
      broken("{ tag: lo2, count: 1 }", "{ tag: lo2, count: 5 }").diagnostics.map((d) => [
        d.path,
        d.line,
        d.column,
      ]),
    ).toEqual([["blueprint[1].count", 14, 17]]);
    const tf = broken('"false": { vi: "Sai.", en: "Wrong." }', '"false": { vi: "Sai." }').diagnostics;
    expect(tf.map((d) => [d.path, d.line, d.column])).toEqual([["items[1].optionFeedback.false.en", 31, 62]]);
  });

  it("reports YAML syntax errors and duplicate keys with their position", () => {
    const syntax = broken("    objective: lo2\n", "    objective: [lo2\n").diagnostics;
    expect(syntax[0]).toMatchObject({ severity: "error", file: "final.quiz.yaml", line: 36 });
    const duplicate = broken(
      "    type: true-false\n",
      "    type: true-false\n    type: true-false\n",
    ).diagnostics;
    expect(duplicate).toEqual([
      expect.objectContaining({ message: "Map keys must be unique", line: 27, column: 5 }),
    ]);
  });

  it("keeps warnings without failing the quiz", () => {
    const nfd = VALID.replace("Rồi sao?", "Rồi sao?".normalize("NFD"));
    const { quiz, diagnostics } = parseQuizYaml(nfd, "f.quiz.yaml");
    expect(quiz).toBeDefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: "warning",
        path: "items[2].steps[1].prompt.vi",
        line: 44,
        column: 19,
      }),
    ]);
  });

  it("rejects an empty file", () => {
    expect(parseQuizYaml("", "empty.quiz.yaml").diagnostics).toEqual([
      {
        path: "",
        message: "must be a mapping",
        severity: "error",
        file: "empty.quiz.yaml",
        line: 1,
        column: 1,
      },
    ]);
  });
});
