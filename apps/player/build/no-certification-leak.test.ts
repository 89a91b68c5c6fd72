import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadCertificationBank, loadContent } from "@bvte/course-content/node";
import type { Item, Text } from "@bvte/quiz-engine";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const playerDir = fileURLToPath(new URL("..", import.meta.url));
const contentDir = fileURLToPath(new URL("../../../content", import.meta.url));

/** Every learner-facing string of an item, which is what a leaked key would drag along with it. */
function textsOf(item: Item): string[] {
  const texts: Text[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === "object") {
      const record = value as Record<string, unknown>;
      if (typeof record.vi === "string" && typeof record.en === "string")
        texts.push(record as unknown as Text);
      else Object.values(record).forEach(visit);
    }
  };
  visit(item);
  return texts.flatMap((text) => [text.vi, text.en]);
}

/** Minifiers may keep a string as written or escape its quotes; either way it counts. */
function appearsIn(output: string, text: string): boolean {
  return output.includes(text) || output.includes(JSON.stringify(text).slice(1, -1));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe("the player's build output", () => {
  const outDir = mkdtempSync(join(tmpdir(), "bvte-player-build-"));
  let output = "";

  beforeAll(async () => {
    await build({
      root: playerDir,
      mode: "production",
      configLoader: "runner",
      logLevel: "silent",
      build: { outDir, emptyOutDir: true },
    });
    output = filesUnder(outDir)
      .map((file) => readFileSync(file, "utf8"))
      .join("\n");
  }, 180_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it("holds the courses but no certification item text, key or id", async () => {
    const { courses } = await loadContent(contentDir);
    const certified = courses.filter((course) => course.certificationBankFile);
    expect(certified.length).toBeGreaterThan(0);
    // Phrases the courses publish anyway (a reference title reused as a matching option) are no secret.
    const published = courses
      .flatMap((course) => [
        course.manifestFile,
        course.finalQuizFile,
        ...course.lessons.flatMap((lesson) => [lesson.mdx.vi, lesson.mdx.en, lesson.knowledgeCheckFile]),
      ])
      .map((file) => readFileSync(file, "utf8"))
      .join("\n");

    // The scan must be able to find course text at all, or it would prove nothing: titles, and the
    // practice quizzes the player grades on the device, which are bundled like the key material would be.
    for (const course of courses) {
      expect(appearsIn(output, course.manifest.title.vi)).toBe(true);
      const practiceStems = [
        ...course.lessons.flatMap((lesson) => lesson.knowledgeCheck?.items.map((item) => item.stem.vi) ?? []),
        ...(course.finalQuiz?.items.map((item) => item.stem.en) ?? []),
      ];
      expect(practiceStems.length).toBeGreaterThan(course.lessons.length);
      expect(practiceStems.filter((stem) => !appearsIn(output, stem))).toEqual([]);
    }

    for (const course of certified) {
      const bank = await loadCertificationBank(course);
      // Short answers such as "111" legitimately appear in lessons; long texts cannot by chance.
      const distinctive = bank.items.flatMap(textsOf).filter((text) => text.length >= 40);
      const secret = distinctive.filter((text) => !published.includes(text));
      expect(secret.length).toBeGreaterThan(bank.items.length);
      expect(secret.filter((text) => appearsIn(output, text))).toEqual([]);
      expect(bank.items.filter((item) => output.includes(item.id)).map((item) => item.id)).toEqual([]);
      expect(output.includes(bank.id)).toBe(false);
    }
  });
});
