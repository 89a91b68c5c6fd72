import { describe, expect, it } from "vitest";
import { gradeResponse } from "../grade.ts";
import { text } from "../testing/index.ts";
import type { Item } from "../types.ts";
import { parseGift } from "./index.ts";

/** Parses GIFT that must import cleanly and returns its items. */
function items(gift: string): Item[] {
  const { quiz, diagnostics } = parseGift(gift);
  expect(diagnostics).toEqual([]);
  return quiz?.items ?? [];
}

const one = (gift: string) => items(gift)[0] as Item;

describe("parseGift: question kinds", () => {
  it("reads multiple choice with feedback, partial credit and general feedback", () => {
    const item = one(`::Hotline::Số tổng đài bảo vệ trẻ em là gì? {
  =111#Đúng: miễn phí, 24/7.
  ~113#Đó là số công an.
  ~%50%một một một#Viết bằng số.
  ####Tổng đài 111 hoạt động 24/7.
}`);
    expect(item).toEqual({
      id: "hotline",
      type: "single-choice",
      objective: "general",
      title: text("Hotline"),
      stem: text("Số tổng đài bảo vệ trẻ em là gì?"),
      options: [
        { id: "a", text: text("111"), correct: true, feedback: text("Đúng: miễn phí, 24/7.") },
        { id: "b", text: text("113"), feedback: text("Đó là số công an.") },
        { id: "c", text: text("một một một"), score: 0.5, feedback: text("Viết bằng số.") },
      ],
      explanation: text("Tổng đài 111 hoạt động 24/7."),
    });
    expect(gradeResponse(item, { choice: "c" }).fraction).toBe(0.5);
  });

  it("reads a missing-word question", () => {
    const item = one("Trẻ em là người dưới {~15 =16 ~18} tuổi.");
    expect(item.stem).toEqual(text("Trẻ em là người dưới _____ tuổi."));
    expect(item.type).toBe("single-choice");
  });

  it("reads multiple answers with weights as partial scoring, unweighted answers worth 0", () => {
    const item = one("Chọn hai. {~%50%A ~%50%B ~%-100%C ~D}");
    expect(item).toMatchObject({
      type: "multiple-response",
      scoring: "partial",
      options: [
        { id: "a", correct: true, score: 0.5 },
        { id: "b", correct: true, score: 0.5 },
        { id: "c", score: -1 },
        { id: "d", score: 0 },
      ],
    });
    expect(gradeResponse(item, { choices: ["a", "b"] }).fraction).toBe(1);
    expect(gradeResponse(item, { choices: ["a", "d"] }).fraction).toBe(0.5);
    expect(gradeResponse(item, { choices: ["a", "b", "c"] }).fraction).toBe(0);
  });

  it.each([
    ["{T}", true, undefined],
    ["{TRUE}", true, undefined],
    ["{F}", false, undefined],
    ["{FALSE#Sai rồi#Chính xác}", false, { true: text("Sai rồi"), false: text("Chính xác") }],
    ["{TRUE#Sai rồi#Chính xác}", true, { true: text("Chính xác"), false: text("Sai rồi") }],
  ])("reads true/false %s (feedback: wrong#right)", (answer, value, optionFeedback) => {
    const item = one(`Trẻ em có quyền được bảo vệ. ${answer}`);
    expect(item).toMatchObject({ type: "true-false", answer: value });
    expect((item as Item & { optionFeedback?: unknown }).optionFeedback).toEqual(optionFeedback);
  });

  it("reads matching, with distractors from empty left sides", () => {
    const item = one(`Nối. {
  =Công an -> 113
  =Cứu hoả -> 114
  =Bảo vệ trẻ em -> 111
  = -> 115
}`);
    expect(item).toEqual(
      expect.objectContaining({
        type: "matching",
        pairs: [
          { id: "p1", prompt: text("Công an"), match: text("113") },
          { id: "p2", prompt: text("Cứu hoả"), match: text("114") },
          { id: "p3", prompt: text("Bảo vệ trẻ em"), match: text("111") },
        ],
        distractors: [{ id: "d1", text: text("115") }],
      }),
    );
  });

  it("reads short answers with weights and feedback", () => {
    const item = one("Thủ đô? {=Hà Nội =Hanoi =%50%Thăng Long#Tên cũ.}");
    expect(item).toMatchObject({
      type: "short-text",
      accepted: { vi: ["Hà Nội", "Hanoi"], en: ["Hà Nội", "Hanoi"] },
      answers: [{ text: "Thăng Long", score: 0.5, feedback: text("Tên cũ.") }],
    });
    expect(gradeResponse(item, { text: "thăng long" }).fraction).toBe(0.5);
  });

  it.each([
    ["{#16}", { answer: 16 }],
    ["{#72:2}", { answer: 72, tolerance: 2 }],
    ["{#1..5}", { range: [1, 5] }],
    ["{#-3.5:0.25}", { answer: -3.5, tolerance: 0.25 }],
  ])("reads numeric %s", (answer, expected) => {
    expect(one(`Bao nhiêu? ${answer}`)).toMatchObject({ type: "numeric", ...expected });
  });

  it("reads numeric with several weighted answers and wrong-answer feedback", () => {
    const item = one("Năm? {#\n=1822:0#Chính xác\n=%50%1822:2#Gần đúng\n~#Sai\n}");
    expect(item).toMatchObject({
      type: "numeric",
      answer: 1822,
      tolerance: 0,
      answers: [{ answer: 1822, tolerance: 2, score: 0.5, feedback: text("Gần đúng") }],
      feedback: { correct: text("Chính xác"), incorrect: text("Sai") },
    });
    expect(gradeResponse(item, { value: 1823 }).fraction).toBe(0.5);
  });
});

describe("parseGift: file features", () => {
  it("handles comments, categories, titles, ids and tags", () => {
    const { quiz } = parseGift(`// Ngân hàng câu hỏi
$CATEGORY: $course$/top/Bạo lực học đường

// [id:bl-01] [tag:Nhận biết]
::Câu 1:: Bắt nạt qua mạng là bạo lực học đường? {T}

::Câu 1:: Câu hỏi trùng tiêu đề {F}

$CATEGORY: $course$/top/Sơ cứu
Câu không tiêu đề {T}`);
    expect(quiz?.items.map((i) => [i.id, i.objective, i.tags, i.title?.vi])).toEqual([
      ["bl-01", "bao-luc-hoc-duong", ["nhan-biet"], "Câu 1"],
      ["cau-1", "bao-luc-hoc-duong", undefined, "Câu 1"],
      ["q3", "so-cuu", undefined, undefined],
    ]);
  });

  it("uses the given objective and keeps the category as a tag", () => {
    const { quiz } = parseGift("$CATEGORY: top/Pháp luật\n\nCâu? {T}", { objective: "lo2" });
    expect(quiz?.items[0]).toMatchObject({ objective: "lo2", tags: ["phap-luat"] });
  });

  it("unescapes every control character", () => {
    const item = one(String.raw`::a\:b:: 1 \= 1\, \{x\} \~ \# \\ \n? {=a\=b\#c ~d\~e\}f}`);
    expect(item.title).toEqual(text("a:b"));
    expect(item.stem).toEqual(text("1 = 1\\, {x} ~ # \\ \n?"));
    expect((item as Item & { options: { text: unknown }[] }).options.map((o) => o.text)).toEqual([
      text("a=b#c"),
      text("d~e}f"),
    ]);
  });

  it("strips format markers and warns that HTML is kept as text", () => {
    const { quiz, diagnostics } = parseGift("[html]<p>Trẻ <b>em</b>?</p> {T}");
    expect(quiz?.items[0]?.stem).toEqual(text("<p>Trẻ <b>em</b>?</p>"));
    expect(diagnostics).toEqual([
      {
        path: "",
        message: "HTML formatting is imported as plain text",
        severity: "warning",
        line: 1,
        column: 1,
      },
    ]);
    expect(one("[markdown]**Đậm**? {T}").stem).toEqual(text("**Đậm**?"));
  });

  it("puts the text in one language when asked", () => {
    const { quiz, diagnostics } = parseGift("Thủ đô? {=Hà Nội}", { lang: "vi" });
    expect(diagnostics).toEqual([]);
    expect(quiz?.items[0]).toMatchObject({
      stem: { vi: "Thủ đô?", en: "" },
      accepted: { vi: ["Hà Nội"], en: [] },
    });
  });

  it("reads Windows line endings and a byte-order mark", () => {
    expect(parseGift("\uFEFFA? {T}\r\n\r\nB? {F}\r\n").quiz?.items).toHaveLength(2);
  });
});

describe("parseGift: what cannot be imported is reported with its line", () => {
  const file = `::Good:: Fine? {T}

::Essay:: Write about your school.
{}

Just some text, no answers.

::Unclosed:: Where {=here ~there

::NoArrow:: Match {=a -> 1 =b 2}

::TwoBlocks:: {T} and {F}

::BadNumber:: How many? {#abc}

::NoFull:: Year? {#=%50%1822}

::TwoKeys:: Pick {=a =b ~c}

::Last:: Also fine {F}`;

  it("reports each problem with file, line and column, and imports the rest", () => {
    const { quiz, diagnostics } = parseGift(file, { file: "bank.gift" });
    expect(quiz?.items.map((i) => i.id)).toEqual(["good", "last"]);
    expect(
      diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.path ? `${d.path}: ` : ""}${d.message}`),
    ).toEqual([
      "bank.gift:4:1: Essay: essay questions ({}) are not supported; not imported",
      "bank.gift:6:1: a description (text without an answer block) is not a question; not imported",
      "bank.gift:8:20: Unclosed: `{` is never closed",
      "bank.gift:10:29: NoArrow: a matching pair needs `->`",
      "bank.gift:12:23: TwoBlocks: only one answer block per question is supported",
      'bank.gift:14:27: BadNumber: "abc" is not a number',
      "bank.gift:16:19: NoFull: a numerical question needs one answer worth 100%",
      "bank.gift:18:1: items[8].options: exactly one option must have `correct: true` (found 2: a, b)",
    ]);
    expect(diagnostics.every((d) => d.severity === "error")).toBe(true);
  });

  it("points validation errors at the answer that causes them", () => {
    const { diagnostics } = parseGift("Q? {\n~%50%A\n~%30%B\n}\n\nR? {=x ~%-50%y}");
    expect(diagnostics.map((d) => [d.line, d.path, d.message])).toEqual([
      [1, "items[0].options", "the correct options' scores add up to 0.8; they must add up to 1"],
      [6, "items[1].options[1].score", "must be at least 0"],
    ]);
  });

  it("returns no quiz when nothing could be imported", () => {
    expect(parseGift("// only a comment\n").quiz).toBeUndefined();
    expect(parseGift("Essay {}").quiz).toBeUndefined();
  });
});
