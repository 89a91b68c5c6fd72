import { describe, expect, it } from "vitest";
import { gradeResponse } from "../../grade.ts";
import { makeShortText, text } from "../../testing/index.ts";
import { fractionOf, itemDiagnostics, itemErrors } from "../test-helpers.ts";

describe("short-text grading", () => {
  const item = makeShortText();

  it.each([
    "Hà Nội",
    "hà nội",
    "  HÀ   NỘI ",
    "Ha\u0300 No\u0302\u0323i", // decomposed (NFD) input, as some keyboards produce
    "hanoi",
    "Hanoi",
  ])("accepts %j", (answer) => {
    expect(fractionOf(item, { text: answer })).toBe(1);
  });

  it.each(["Ha Noi", "Hà Nôi", "Hải Phòng", "Hà Nội Hà Nội"])(
    "rejects %j without ignoreDiacritics",
    (answer) => {
      expect(fractionOf(item, { text: answer })).toBe(0);
    },
  );

  it("folds diacritics and đ when ignoreDiacritics is set", () => {
    const lenient = makeShortText({
      accepted: { vi: ["Đường dây nóng"], en: ["hotline"] },
      ignoreDiacritics: true,
    });
    expect(fractionOf(lenient, { text: "duong day nong" })).toBe(1);
    expect(fractionOf(lenient, { text: "DUONG DAY NONG" })).toBe(1);
    expect(fractionOf(lenient, { text: "duong day" })).toBe(0);
  });

  it("accepts either tone-mark placement (hoà / hòa) but not a different tone", () => {
    const item2 = makeShortText({ accepted: { vi: ["hoà giải"], en: ["mediation"] } });
    expect(fractionOf(item2, { text: "hòa giải" })).toBe(1);
    expect(fractionOf(item2, { text: "hoá giải" })).toBe(0);
  });

  it("gives scored alternatives their credit and feedback", () => {
    const item3 = makeShortText({
      accepted: { vi: ["111"], en: ["111"] },
      answers: [
        { text: "113", score: 0, feedback: text("113 is the police.") },
        { text: "một một một", score: 0.5, feedback: text("Write it as digits.") },
      ],
    });
    expect(gradeResponse(item3, { text: "Một  một một" })).toMatchObject({
      fraction: 0.5,
      feedback: { responses: [text("Write it as digits.")] },
    });
    expect(gradeResponse(item3, { text: "113" })).toMatchObject({
      fraction: 0,
      feedback: { responses: [text("113 is the police.")] },
    });
    expect(fractionOf(item3, { text: "111" })).toBe(1);
  });

  it("treats blank text as unanswered", () => {
    expect(gradeResponse(item, { text: "   " }).state).toBe("unanswered");
  });
});

describe("short-text validation", () => {
  it("needs accepted answers in both languages", () => {
    expect(itemErrors(makeShortText({ accepted: { vi: [], en: ["x"] } }))).toEqual([
      "accepted.vi: needs at least one accepted answer",
    ]);
    expect(itemErrors({ ...makeShortText(), accepted: { vi: ["x"] } })).toEqual(["accepted.en: is required"]);
  });

  it("warns about answers that are the same once normalised", () => {
    const item = makeShortText({ accepted: { vi: ["Hà Nội", "hà  nội"], en: ["Hanoi"] } });
    expect(itemDiagnostics(item)).toEqual([
      {
        path: "accepted.vi[1]",
        message: '"hà  nội" is the same answer as "Hà Nội" once normalised',
        severity: "warning",
      },
    ]);
  });

  it("checks scored answers", () => {
    const item = { ...makeShortText(), answers: [{ text: "x", score: 2 }, { score: 0.5 }] };
    expect(itemErrors(item)).toEqual(["answers[0].score: must be at most 1", "answers[1].text: is required"]);
  });
});
