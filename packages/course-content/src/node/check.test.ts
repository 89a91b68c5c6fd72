import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { checkContent } from "./check.ts";
import {
  choiceItem,
  finalItems,
  lessonEn,
  lessonVi,
  lineOf,
  type Module,
  manifest,
  quiz,
  range,
  removeContent,
  replaced,
  settings,
  text,
  validModule,
  withFile,
  writeContent,
} from "./test-fixture.ts";

afterEach(removeContent);

/** Diagnostics as `path:line:col: message`, paths relative to the content dir. */
async function check(modules: Record<string, Module>): Promise<string[]> {
  const root = await writeContent(modules);
  const { diagnostics } = await checkContent(root);
  return diagnostics.map((d) => `${relative(root, d.file)}:${d.line}:${d.column}: ${d.message}`);
}

describe("checkContent", () => {
  it("passes a valid module and counts it", async () => {
    const root = await writeContent({ "demo-course": validModule() });
    const { diagnostics, stats } = await checkContent(root);
    expect(diagnostics).toEqual([]);
    expect(stats).toEqual([
      {
        module: "demo-course",
        lessons: 1,
        words: { vi: expect.any(Number), en: expect.any(Number) },
        knowledgeCheckItems: 2,
        finalItems: 30,
        scenarioShare: 1 / 3,
        certificationItems: 60,
        references: 1,
      },
    ]);
    expect(stats[0]?.words.vi).toBeGreaterThan(20);
  });

  it("reports an empty or missing content folder", async () => {
    expect(await check({})).toEqual([
      ":1:1: no course modules here (a module is a folder with a course.yaml)",
    ]);
    const missing = join(await writeContent({}), "nowhere");
    expect((await checkContent(missing)).diagnostics).toEqual([
      { file: missing, line: 1, column: 1, message: "content folder not found" },
    ]);
  });

  it("reports a manifest missing title.en at the title line", async () => {
    const diagnostics = await check(
      withFile("course.yaml", (body) => replaced(body, `, en: "Demo course" }`, " }")),
    );
    expect(diagnostics).toEqual([
      `demo-course/course.yaml:${lineOf(manifest, "title: { vi")}:1: title.en: is required`,
    ]);
  });

  it("reports a course id that differs from its folder", async () => {
    const diagnostics = await check({ "other-folder": validModule() });
    expect(diagnostics).toEqual([
      'other-folder/course.yaml:1:5: course id "demo-course" must match its folder name "other-folder"',
    ]);
  });

  it("reports a lesson missing its English file at the lesson's entry in course.yaml", async () => {
    const diagnostics = await check(withFile("lessons/l01-signs.en.mdx", () => undefined));
    expect(diagnostics).toEqual([
      `demo-course/course.yaml:${lineOf(manifest, "- id: l01-signs")}:9: lesson "l01-signs": English file not found: lessons/l01-signs.en.mdx`,
    ]);
  });

  it("reports a Figure without alt text, and one whose file is missing", async () => {
    const diagnostics = await check(
      withFile("lessons/l01-signs.en.mdx", (body) =>
        replaced(body, 'src="../assets/steps.svg" alt="Reporting steps"', 'src="../assets/gone.svg" alt=""'),
      ),
    );
    const line = lineOf(lessonEn, "<Figure");
    expect(diagnostics).toEqual([
      `demo-course/lessons/l01-signs.en.mdx:${line}:1: <Figure src="../assets/gone.svg">: file not found`,
      `demo-course/lessons/l01-signs.en.mdx:${line}:1: <Figure> needs a non-empty alt text`,
    ]);
  });

  it("reports an unknown component and raw HTML", async () => {
    const diagnostics = await check(
      withFile("lessons/l01-signs.vi.mdx", (body) =>
        replaced(replaced(body, "<HotlineCard />", "<Hotline />"), "Gọi 111.", "Gọi <b>111</b>."),
      ),
    );
    expect(diagnostics).toEqual([
      // The unknown component is not a HotlineCard, so the two languages no longer match either.
      `demo-course/lessons/l01-signs.en.mdx:${lineOf(lessonEn, "<HotlineCard")}:1: <HotlineCard> has no counterpart in the Vietnamese version`,
      `demo-course/lessons/l01-signs.vi.mdx:${lineOf(lessonVi, "<HotlineCard")}:1: unknown component <Hotline>: allowed are Callout, HotlineCard, Scenario, Figure, Term, Cite`,
      `demo-course/lessons/l01-signs.vi.mdx:${lineOf(lessonVi, "Gọi 111")}:7: raw HTML <b> is not allowed: use Markdown or one of Callout, HotlineCard, Scenario, Figure, Term, Cite`,
    ]);
  });

  it("reports a Cite to an unknown reference", async () => {
    const diagnostics = await check(
      withFile("lessons/l01-signs.vi.mdx", (body) =>
        replaced(body, '<Cite id="luat-tre-em-2016" />', '<Cite id="luat-2004" />'),
      ),
    );
    const line = lineOf(lessonVi, "<Cite");
    const column = (lessonVi.split("\n")[line - 1] ?? "").indexOf("<Cite") + 1;
    expect(diagnostics).toEqual([
      `demo-course/lessons/l01-signs.vi.mdx:${line}:${column}: <Cite id="luat-2004">: no reference with this id in course.yaml`,
    ]);
  });

  it("reports lessons whose languages differ in structure", async () => {
    const diagnostics = await check(
      withFile("lessons/l01-signs.en.mdx", (body) => replaced(body, "## Signs\n", "## Signs\n\n## Extra\n")),
    );
    expect(diagnostics).toEqual([
      `demo-course/lessons/l01-signs.en.mdx:${lineOf(lessonEn, "## Summary") + 2}:1: 4 "##" sections, but the Vietnamese version has 3`,
    ]);
  });

  it("reports a lesson that does not follow the lesson shape", async () => {
    const diagnostics = await check(
      withFile("lessons/l01-signs.vi.mdx", (body) => replaced(body, "## Tóm tắt", "## Kết luận")),
    );
    expect(diagnostics).toEqual([
      `demo-course/lessons/l01-signs.vi.mdx:${lineOf(lessonVi, "## Tóm tắt")}:1: a lesson ends with "## Tóm tắt"`,
    ]);
  });

  it("reports MDX that does not compile, with its line", async () => {
    const diagnostics = await check(
      withFile("lessons/l01-signs.vi.mdx", (body) => replaced(body, "</Scenario>", "")),
    );
    expect(diagnostics).toEqual([
      `demo-course/lessons/l01-signs.vi.mdx:${lineOf(lessonVi, "<Scenario")}:1: MDX does not compile: Expected a closing tag for \`<Scenario>\` (7:1-7:28)`,
    ]);
  });

  it("reports a knowledge check item the quiz engine rejects, in the quiz file", async () => {
    const path = "quizzes/l01-signs.quiz.yaml";
    const original = validModule()[path] ?? "";
    const diagnostics = await check(
      withFile(path, (body) => replaced(body, "correct: true, feedback", "feedback")),
    );
    // The wording is the engine's; the place is what this package must get right.
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatch(/: items\[0\]\.options: /);
    expect(diagnostics[0]?.startsWith(`demo-course/${path}:${lineOf(original, "options:")}:5: `)).toBe(true);
  });

  it("reports quiz items naming unknown objectives or references", async () => {
    const path = "quizzes/l01-signs.quiz.yaml";
    const original = validModule()[path] ?? "";
    const diagnostics = await check(
      withFile(path, (body) =>
        replaced(
          replaced(body, "objective: lo1", "objective: lo7"),
          "references: [luat-tre-em-2016]",
          "references: [nghi-dinh-56]",
        ),
      ),
    );
    expect(diagnostics).toEqual([
      `demo-course/${path}:${lineOf(original, "objective: lo1")}:16: unknown objective "lo7" (not in course.yaml)`,
      `demo-course/${path}:${lineOf(original, "references:")}:18: unknown reference "nghi-dinh-56" (not in course.yaml)`,
    ]);
  });

  it("reports a missing knowledge check, and one with too many items", async () => {
    const missing = await check(withFile("quizzes/l01-signs.quiz.yaml", () => undefined));
    expect(missing).toEqual([
      `demo-course/course.yaml:${lineOf(manifest, "- id: l01-signs")}:9: lesson "l01-signs": knowledge check not found: quizzes/l01-signs.quiz.yaml`,
    ]);
    const tooMany = await check(
      withFile("quizzes/l01-signs.quiz.yaml", () =>
        quiz(
          "demo-l01-signs",
          settings(0.8, null, "immediate"),
          range(5).map((i) => choiceItem(`k${i}`, "lo1")),
        ),
      ),
    );
    expect(tooMany).toEqual([
      "demo-course/quizzes/l01-signs.quiz.yaml:12:1: a knowledge check has 2–4 items, this one has 5",
    ]);
  });

  it("enforces the final assessment's policy", async () => {
    const final = quiz(
      "demo-final",
      settings(0.7, null, "deferred"),
      finalItems(29, 9).map((item, i) => (i === 20 ? item.replace(`, feedback: ${text("No")}`, "") : item)),
      "blueprint:\n  - { tag: lo1, count: 12 }\n  - { tag: lo2, count: 12 }\n",
    );
    const diagnostics = await check(withFile("quizzes/final.quiz.yaml", () => final));
    const itemsLine = lineOf(final, "items:");
    expect(diagnostics).toEqual([
      `demo-course/quizzes/final.quiz.yaml:${lineOf(final, "passMark")}:13: the pass mark is 0.8`,
      `demo-course/quizzes/final.quiz.yaml:${lineOf(final, "blueprint:")}:1: the blueprint draws 24 items; it should draw 15–20`,
      `demo-course/quizzes/final.quiz.yaml:${itemsLine}:1: at least a third of the final pool are scenario items; here 31%`,
      `demo-course/quizzes/final.quiz.yaml:${itemsLine}:1: the final pool has at least 30 items, this one has 29`,
      `demo-course/quizzes/final.quiz.yaml:${lineOf(final, `{ id: b, text: ${text("Wrong")} }`)}:9: option "b" needs feedback`,
    ]);
  });

  it("enforces the certification bank's policy", async () => {
    const bank = quiz(
      "demo-certification",
      settings(0.8, 60, "deferred"),
      range(59).map((i) => choiceItem(`c${i}`, "lo1")),
    );
    const diagnostics = await check(withFile("certification/bank.quiz.yaml", () => bank));
    const itemsLine = lineOf(bank, "items:");
    expect(diagnostics).toEqual([
      `demo-course/certification/bank.quiz.yaml:${lineOf(bank, "timeLimitMinutes")}:21: the certification exam lasts 45 minutes`,
      `demo-course/certification/bank.quiz.yaml:${itemsLine}:1: a certification bank has at least 60 items, this one has 59`,
      `demo-course/certification/bank.quiz.yaml:${itemsLine}:1: no items for objective(s) lo2`,
    ]);
  });

  it("reports ids used twice across modules and files no manifest lists", async () => {
    const other = validModule();
    other["course.yaml"] = replaced(manifest, "id: demo-course", "id: other-course");
    other["lessons/l02-old.vi.mdx"] = lessonVi;
    const diagnostics = await check({ "demo-course": validModule(), "other-course": other });
    expect(diagnostics).toEqual([
      'other-course/certification/bank.quiz.yaml:1:5: quiz id "demo-certification" is also used by demo-course/certification/bank.quiz.yaml',
      "other-course/lessons/l02-old.vi.mdx:1:1: not listed in course.yaml (is the lesson id spelled the same?)",
      'other-course/quizzes/final.quiz.yaml:1:5: quiz id "demo-final" is also used by demo-course/quizzes/final.quiz.yaml',
      'other-course/quizzes/l01-signs.quiz.yaml:1:5: quiz id "demo-l01-signs" is also used by demo-course/quizzes/l01-signs.quiz.yaml',
    ]);
  });
});

describe("bvte-content-check", () => {
  const cli = fileURLToPath(new URL("../cli/check.ts", import.meta.url));
  // The bin's shebang runs it with tsx; resolved here because the temp cwd has no node_modules.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const run = async (cwd: string, args: string[]) => {
    try {
      const { stdout, stderr } = await promisify(execFile)(
        process.execPath,
        ["--import", tsx, cli, ...args],
        { cwd },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
      return { code, stdout, stderr };
    }
  };

  it("prints file:line:col relative to the working directory and exits 1", async () => {
    const root = await writeContent(withFile("lessons/l01-signs.en.mdx", () => undefined));
    const result = await run(root, ["."]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `demo-course/course.yaml:${lineOf(manifest, "- id: l01-signs")}:9: lesson "l01-signs": English file not found`,
    );
  });

  it("exits 0 on valid content and prints stats on request", async () => {
    const root = await writeContent({ "demo-course": validModule() });
    const result = await run(root, [".", "--stats"]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(/demo-course\s+1\s+\d+\s+\d+\s+2\s+30\s+33%\s+60\s+1/);
  });
});
