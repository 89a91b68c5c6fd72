import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ContentError, loadCertificationBank } from "./bank.ts";
import { loadContent } from "./load.ts";
import {
  lineOf,
  manifest,
  removeContent,
  replaced,
  validModule,
  withFile,
  writeContent,
} from "./test-fixture.ts";

afterEach(removeContent);

describe("loadContent", () => {
  it("loads a module's manifest, lesson paths and quizzes, but not its certification bank", async () => {
    const root = await writeContent({ "demo-course": validModule() });
    const { courses, diagnostics } = await loadContent(root);
    expect(diagnostics).toEqual([]);
    expect(courses).toHaveLength(1);
    const [course] = courses;
    const dir = join(root, "demo-course");
    expect(course).toMatchObject({
      dir,
      manifestFile: join(dir, "course.yaml"),
      manifest: { id: "demo-course", audience: ["teacher"] },
      finalQuizFile: join(dir, "quizzes/final.quiz.yaml"),
      finalQuiz: { id: "demo-final" },
      certificationBankFile: join(dir, "certification/bank.quiz.yaml"),
    });
    expect(course?.lessons).toEqual([
      {
        ref: expect.objectContaining({ id: "l01-signs", minutes: 8 }),
        mdx: { vi: join(dir, "lessons/l01-signs.vi.mdx"), en: join(dir, "lessons/l01-signs.en.mdx") },
        knowledgeCheck: expect.objectContaining({ id: "demo-l01-signs" }),
        knowledgeCheckFile: join(dir, "quizzes/l01-signs.quiz.yaml"),
      },
    ]);
    expect(course?.lessons[0]?.knowledgeCheck.items).toHaveLength(2);
    // What the player build may bundle holds no certification item.
    expect(JSON.stringify(courses)).not.toContain("demo-certification");
  });

  it("leaves out a module with any diagnostic and still loads the others", async () => {
    const broken = withFile("quizzes/final.quiz.yaml", () => undefined)["demo-course"] ?? {};
    broken["course.yaml"] = replaced(broken["course.yaml"] ?? "", "id: demo-course", "id: broken-course");
    const root = await writeContent({ "demo-course": validModule(), "broken-course": broken });
    const { courses, diagnostics } = await loadContent(root);
    expect(courses.map((course) => course.manifest.id)).toEqual(["demo-course"]);
    expect(diagnostics).toEqual([
      {
        file: join(root, "broken-course/course.yaml"),
        line: lineOf(manifest, "quiz: quizzes/final.quiz.yaml"),
        column: 9,
        message: "final assessment not found: quizzes/final.quiz.yaml",
      },
    ]);
  });
});

describe("loadCertificationBank", () => {
  it("reads the bank of a loaded course", async () => {
    const root = await writeContent({ "demo-course": validModule() });
    const [course] = (await loadContent(root)).courses;
    if (!course) throw new Error("fixture did not load");
    const bank = await loadCertificationBank(course);
    expect(bank).toMatchObject({ id: "demo-certification", settings: { timeLimitMinutes: 45 } });
    expect(bank.items).toHaveLength(60);
  });

  it("throws a ContentError with diagnostics for an invalid bank, and for a course without one", async () => {
    const root = await writeContent({ "demo-course": validModule() });
    const [course] = (await loadContent(root)).courses;
    if (!course) throw new Error("fixture did not load");
    await writeFile(course.certificationBankFile ?? "", "id: demo-certification\nitems: nope\n");
    const error = await loadCertificationBank(course).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).diagnostics.length).toBeGreaterThan(0);
    expect((error as ContentError).diagnostics[0]?.file).toBe(course.certificationBankFile);

    await expect(loadCertificationBank({ ...course, certificationBankFile: null })).rejects.toThrow(
      'course "demo-course" has no certification bank',
    );
  });
});
