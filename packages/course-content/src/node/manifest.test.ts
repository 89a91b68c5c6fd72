import { describe, expect, it } from "vitest";
import { parseManifest } from "./manifest.ts";

const valid = `id: demo-course
version: 1.0.0
title: { vi: "Khoá thử", en: "Demo course" }
summary:
  vi: "Tóm tắt"
  en: "Summary"
audience: [teacher, parent]
estimatedMinutes: 10
validityMonths: null
objectives:
  - { id: lo1, text: { vi: "Mục tiêu 1", en: "Objective 1" } }
lessons:
  - id: l01-basics
    title: { vi: "Cơ bản", en: "Basics" }
    minutes: 8
    objectives: [lo1]
assessment:
  kind: practice
  quiz: quizzes/final.quiz.yaml
references:
  - id: luat-tre-em-2016
    title: "Luật Trẻ em 2016"
    url: "https://example.org/luat"
`;

function errors(text: string) {
  return parseManifest("/c/course.yaml", text).diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
}

describe("parseManifest", () => {
  it("accepts a valid manifest", () => {
    const result = parseManifest("/c/course.yaml", valid);
    expect(result.diagnostics).toEqual([]);
    expect(result.manifest?.lessons[0]?.id).toBe("l01-basics");
  });

  it("points at the title of a flow map missing its English text", () => {
    expect(
      errors(valid.replace(`title: { vi: "Khoá thử", en: "Demo course" }`, `title: { vi: "Khoá thử" }`)),
    ).toEqual(["3:1 title.en: is required"]);
  });

  it("points at the key of a block map missing a language", () => {
    expect(errors(valid.replace(`  en: "Summary"\n`, ""))).toEqual(["4:1 summary.en: is required"]);
  });

  it("points at the offending value inside a lesson", () => {
    expect(errors(valid.replace("minutes: 8", "minutes: -8"))).toEqual([
      "15:14 lessons[0].minutes: Too small: expected number to be >0",
    ]);
  });

  it("rejects empty text, unknown roles, bad urls and unknown keys", () => {
    const text = valid
      .replace(`en: "Objective 1"`, `en: " "`)
      .replace("[teacher, parent]", "[teacher, police]")
      .replace("https://example.org/luat", "ftp://example.org/luat")
      .replace("estimatedMinutes", "estimatedMinute");
    expect(errors(text)).toEqual([
      '7:21 audience[1]: Invalid option: expected one of "teacher"|"health-worker"|"investigator"|"parent"|"child-protection-officer"',
      "1:1 estimatedMinutes: is required",
      "11:46 objectives[0].text.en: must not be empty",
      "23:10 references[0].url: must be a well-formed http(s) URL",
      "8:1 estimatedMinute: unknown key",
    ]);
  });

  it("reports duplicate ids at the duplicate and unknown lesson objectives", () => {
    const text = `${valid.replace("objectives: [lo1]", "objectives: [lo1, lo9]")}  - id: luat-tre-em-2016\n    title: "Again"\n    url: "https://example.org/again"\n`;
    expect(errors(text)).toEqual([
      '24:9 references[1].id: duplicate reference id "luat-tre-em-2016"',
      '16:23 lessons[0].objectives[1]: unknown objective "lo9" (not in objectives)',
    ]);
  });

  it("reports YAML syntax errors with their position", () => {
    expect(errors("id: demo\ntitle: { vi: x\n")).toHaveLength(1);
    expect(errors("id: demo\nid: again\n")[0]).toMatch(/^2:1 /);
  });
});
