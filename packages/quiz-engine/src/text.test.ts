import { describe, expect, it } from "vitest";
import { localize, normalizeAnswer } from "./text.ts";

describe("normalizeAnswer", () => {
  // The result is a comparison key (tone marks moved to the end of each word), not display text.
  it("composes to NFC, lower-cases and collapses whitespace", () => {
    expect(normalizeAnswer("  Ba\u0300o   VE\u0302\u0323\n TRẺ  EM ")).toBe(normalizeAnswer("bào vệ trẻ em"));
    expect(normalizeAnswer("Bảo vệ")).toBe(normalizeAnswer("Bảo vệ".normalize("NFD")));
    expect(normalizeAnswer("bao ve")).toBe("bao ve");
  });

  it("lower-cases Vietnamese capitals, including Đ", () => {
    expect(normalizeAnswer("ĐIỀU TRA")).toBe(normalizeAnswer("điều tra"));
    expect(normalizeAnswer("ĐÔNG")).toBe("đông");
  });

  it("treats old and new tone placement as the same word", () => {
    for (const [a, b] of [
      ["hoà", "hòa"],
      ["thuý", "thúy"],
      ["khoẻ", "khỏe"],
      ["Hoà Bình", "hòa bình"],
    ]) {
      expect(normalizeAnswer(a as string)).toBe(normalizeAnswer(b as string));
    }
  });

  it("keeps tones and vowel marks significant", () => {
    expect(normalizeAnswer("hoà")).not.toBe(normalizeAnswer("hoá"));
    expect(normalizeAnswer("hoa")).not.toBe(normalizeAnswer("hoà"));
    expect(normalizeAnswer("ca")).not.toBe(normalizeAnswer("cá"));
    expect(normalizeAnswer("mo")).not.toBe(normalizeAnswer("mơ"));
    expect(normalizeAnswer("da")).not.toBe(normalizeAnswer("đa"));
  });

  it("folds every diacritic and đ with ignoreDiacritics", () => {
    expect(normalizeAnswer("Đường dây nóng 111", { ignoreDiacritics: true })).toBe("duong day nong 111");
    expect(normalizeAnswer("Nguyễn Thị Ơn", { ignoreDiacritics: true })).toBe("nguyen thi on");
  });
});

describe("localize", () => {
  it("falls back to the other language when one is empty", () => {
    expect(localize({ vi: "Xin chào", en: "Hello" }, "en")).toBe("Hello");
    expect(localize({ vi: "Xin chào", en: "" }, "en")).toBe("Xin chào");
    expect(localize({ vi: "", en: "Hello" }, "vi")).toBe("Hello");
  });
});
