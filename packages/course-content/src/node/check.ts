import { readdir } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import type { Item, QuizDefinition } from "@bvte/quiz-engine";
import type { Diagnostic } from "../diagnostic.ts";
import type { CourseManifest } from "../schema.ts";
import { analyzeLesson, type LessonAnalysis, type Position } from "./lesson.ts";
import { type CourseScan, exists, type Language, languages, scanContent } from "./load.ts";
import { type QuizFile, readQuiz } from "./quiz.ts";

/** Content policy (content/README.md, DESIGN.md §5), beyond what the schemas and quiz engine check. */
export const contentRules = {
  knowledgeCheckItems: { min: 2, max: 4 },
  finalMinItems: 30,
  finalDraw: { min: 15, max: 20 },
  passMark: 0.8,
  finalMinScenarioShare: 1 / 3,
  certificationMinItems: 60,
  certificationTimeLimitMinutes: 45,
  certificationValidityMonths: 24,
} as const;

const sectionTitles: Record<Language, { first: string; last: string }> = {
  vi: { first: "Mục tiêu", last: "Tóm tắt" },
  en: { first: "Objectives", last: "Summary" },
};
const languageNames: Record<Language, string> = { vi: "Vietnamese", en: "English" };
const calloutKinds = ["info", "warning", "tip", "law"];

export interface ModuleStats {
  /** The course id, or the folder name when the manifest does not load. */
  module: string;
  lessons: number;
  /** Words of lesson text per language. */
  words: Record<Language, number>;
  knowledgeCheckItems: number;
  finalItems: number;
  /** Share of the final pool that is scenario items; null without a valid final quiz. */
  scenarioShare: number | null;
  /** Null when the course declares no certification bank (or it does not parse). */
  certificationItems: number | null;
  references: number;
}

export interface CheckResult {
  /** Sorted by file and position; empty when all content is valid. */
  diagnostics: Diagnostic[];
  stats: ModuleStats[];
}

/** Validates every module under `contentDir`: what `npm test` runs on content/. */
export async function checkContent(contentDir: string): Promise<CheckResult> {
  const root = resolve(contentDir);
  if (!(await exists(root)))
    return { diagnostics: [at(root, undefined, "content folder not found")], stats: [] };
  const scans = await scanContent(root);
  const diagnostics: Diagnostic[] = [];
  if (scans.length === 0) {
    diagnostics.push(at(root, undefined, "no course modules here (a module is a folder with a course.yaml)"));
  }
  const checked = await Promise.all(scans.map(checkCourse));
  for (const course of checked) diagnostics.push(...course.diagnostics);
  diagnostics.push(
    ...checkUniqueIds(
      root,
      scans,
      checked.flatMap((course) => course.quizzes),
    ),
  );
  return { diagnostics: sortUnique(diagnostics), stats: checked.map((course) => course.stats) };
}

interface CheckedCourse {
  diagnostics: Diagnostic[];
  stats: ModuleStats;
  quizzes: QuizFile[];
}

async function checkCourse(scan: CourseScan): Promise<CheckedCourse> {
  const diagnostics = [...scan.diagnostics];
  const stats: ModuleStats = {
    module: scan.manifest?.id ?? basename(scan.dir),
    lessons: scan.lessons.length,
    words: { vi: 0, en: 0 },
    knowledgeCheckItems: 0,
    finalItems: 0,
    scenarioShare: null,
    certificationItems: null,
    references: scan.manifest?.references.length ?? 0,
  };
  const { manifest, manifestSource: source } = scan;
  if (!manifest) return { diagnostics, stats, quizzes: [] };

  const folder = basename(scan.dir);
  if (manifest.id !== folder) {
    diagnostics.push(source.at(["id"], `course id "${manifest.id}" must match its folder name "${folder}"`));
  }
  const validity = manifest.certification?.validityMonths;
  if (validity !== undefined && validity !== contentRules.certificationValidityMonths) {
    diagnostics.push(
      source.at(
        ["certification", "validityMonths"],
        `a certificate is valid for ${contentRules.certificationValidityMonths} months, not ${validity}`,
      ),
    );
  }

  const referenceIds = new Set(manifest.references.map((reference) => reference.id));
  for (const lesson of scan.lessons) {
    const analyses: Partial<Record<Language, LessonAnalysis>> = {};
    for (const language of languages) {
      const file = lesson.mdx[language];
      if (!file) continue;
      const analysis = await analyzeLesson(file);
      stats.words[language] += analysis.words;
      diagnostics.push(...analysis.diagnostics);
      // A file that does not parse has no structure to judge; its parse error says enough.
      if (!analysis.parsed) continue;
      analyses[language] = analysis;
      diagnostics.push(...(await checkLessonBody(analysis, language, scan.dir, referenceIds)));
    }
    if (analyses.vi && analyses.en) diagnostics.push(...compareStructure(analyses.vi, analyses.en));
  }
  diagnostics.push(...(await checkUnlistedFiles(scan, manifest)));

  const quizzes: QuizFile[] = [];
  for (const lesson of scan.lessons) {
    const check = lesson.knowledgeCheck;
    if (!check) continue;
    quizzes.push(check);
    if (!check.quiz) continue;
    stats.knowledgeCheckItems += check.quiz.items.length;
    diagnostics.push(...checkKnowledgeCheck(check, check.quiz));
  }
  const final = scan.finalQuiz;
  if (final) {
    quizzes.push(final);
    if (final.quiz) {
      stats.finalItems = final.quiz.items.length;
      stats.scenarioShare = scenarioShare(final.quiz);
      diagnostics.push(...checkFinal(final, final.quiz));
    }
  }
  if (scan.certificationBankFile) {
    const bank = await readQuiz(scan.certificationBankFile);
    quizzes.push(bank);
    diagnostics.push(...bank.diagnostics);
    if (bank.quiz) {
      stats.certificationItems = bank.quiz.items.length;
      diagnostics.push(...checkBank(bank, bank.quiz, manifest));
    }
  }
  for (const quiz of quizzes) diagnostics.push(...checkItemLinks(quiz, manifest));
  return { diagnostics, stats, quizzes };
}

/** Rules on one language version of a lesson: its shape and its components' attributes. */
async function checkLessonBody(
  lesson: LessonAnalysis,
  language: Language,
  moduleDir: string,
  referenceIds: Set<string>,
): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = [];
  const report = (position: Position | undefined, message: string) =>
    diagnostics.push(at(lesson.file, position, message));

  const { first, last } = sectionTitles[language];
  const firstSection = lesson.sections[0];
  const lastSection = lesson.sections.at(-1);
  if (!sameTitle(firstSection?.text, first)) report(firstSection, `a lesson starts with "## ${first}"`);
  if (!sameTitle(lastSection?.text, last)) report(lastSection, `a lesson ends with "## ${last}"`);
  if (!lesson.components.some((component) => component.name === "Scenario")) {
    report(undefined, "a lesson has at least one <Scenario>");
  }

  for (const component of lesson.components) {
    const { attributes } = component;
    const text = (name: string) => {
      const value = attributes[name];
      return typeof value === "string" ? value.trim() : "";
    };
    switch (component.name) {
      case "Figure": {
        if (!text("alt")) report(component, "<Figure> needs a non-empty alt text");
        const src = text("src");
        if (!src) {
          report(component, "<Figure> needs a src");
          break;
        }
        const path = resolve(dirname(lesson.file), src);
        if (relative(moduleDir, path).startsWith("..")) {
          report(component, `<Figure src="${src}"> points outside the module folder`);
        } else if (!(await exists(path))) {
          report(component, `<Figure src="${src}">: file not found`);
        }
        break;
      }
      case "Cite": {
        const id = text("id");
        if (!referenceIds.has(id))
          report(component, `<Cite id="${id}">: no reference with this id in course.yaml`);
        break;
      }
      case "Callout":
        if (!calloutKinds.includes(text("kind"))) {
          report(component, `<Callout> needs kind="${calloutKinds.join('" | "')}"`);
        }
        break;
      case "Term":
        if (!text("def")) report(component, "<Term> needs a non-empty def");
        break;
    }
  }
  return diagnostics;
}

function sameTitle(actual: string | undefined, expected: string): boolean {
  return actual?.normalize("NFC").trim().toLowerCase() === expected.normalize("NFC").toLowerCase();
}

/** The two languages are one lesson: same sections, same components in the same order. */
function compareStructure(vi: LessonAnalysis, en: LessonAnalysis): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  if (vi.sections.length !== en.sections.length) {
    const [longer, shorter] = vi.sections.length > en.sections.length ? [vi, en] : [en, vi];
    diagnostics.push(
      at(
        longer.file,
        longer.sections[shorter.sections.length],
        `${longer.sections.length} "##" sections, but the ${describe(shorter)} version has ${shorter.sections.length}`,
      ),
    );
  }
  const length = Math.max(vi.components.length, en.components.length);
  for (let index = 0; index < length; index++) {
    const viComponent = vi.components[index];
    const enComponent = en.components[index];
    if (viComponent?.name === enComponent?.name) continue;
    // Report the first difference only: everything after it is shifted and would repeat it.
    if (viComponent && enComponent) {
      diagnostics.push(
        at(
          en.file,
          enComponent,
          `<${enComponent.name}> where the Vietnamese version has <${viComponent.name}> (component ${index + 1})`,
        ),
      );
    } else {
      const [extra, other] = viComponent ? [vi, en] : [en, vi];
      const component = extra.components[index];
      diagnostics.push(
        at(
          extra.file,
          component,
          `<${component?.name}> has no counterpart in the ${describe(other)} version`,
        ),
      );
    }
    break;
  }
  return diagnostics;
}

function describe(lesson: LessonAnalysis): string {
  return lesson.file.endsWith(".vi.mdx") ? languageNames.vi : languageNames.en;
}

/** Files under lessons/ and quizzes/ the manifest does not list: usually a renamed lesson. */
async function checkUnlistedFiles(scan: CourseScan, manifest: CourseManifest): Promise<Diagnostic[]> {
  const expected = new Set(
    manifest.lessons.flatMap((lesson) => [
      ...languages.map((language) => join(scan.dir, "lessons", `${lesson.id}.${language}.mdx`)),
      join(scan.dir, "quizzes", `${lesson.id}.quiz.yaml`),
    ]),
  );
  expected.add(join(scan.dir, manifest.assessment.quiz));
  const diagnostics: Diagnostic[] = [];
  for (const folder of ["lessons", "quizzes"]) {
    const dir = join(scan.dir, folder);
    const names = (await exists(dir)) ? await readdir(dir) : [];
    for (const name of names.sort()) {
      const file = join(dir, name);
      if (!expected.has(file)) {
        diagnostics.push(
          at(file, undefined, "not listed in course.yaml (is the lesson id spelled the same?)"),
        );
      }
    }
  }
  return diagnostics;
}

function checkKnowledgeCheck(file: QuizFile, quiz: QuizDefinition): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const { min, max } = contentRules.knowledgeCheckItems;
  if (quiz.items.length < min || quiz.items.length > max) {
    diagnostics.push(
      file.source.at(
        ["items"],
        `a knowledge check has ${min}–${max} items, this one has ${quiz.items.length}`,
      ),
    );
  }
  if (quiz.settings.feedback !== "immediate") {
    diagnostics.push(file.source.at(["settings", "feedback"], "a knowledge check gives feedback: immediate"));
  }
  return diagnostics;
}

function checkFinal(file: QuizFile, quiz: QuizDefinition): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const report = (path: (string | number)[], message: string) =>
    diagnostics.push(file.source.at(path, message));
  if (quiz.items.length < contentRules.finalMinItems) {
    report(
      ["items"],
      `the final pool has at least ${contentRules.finalMinItems} items, this one has ${quiz.items.length}`,
    );
  }
  const { min, max } = contentRules.finalDraw;
  const drawn = quiz.blueprint?.reduce((sum, rule) => sum + rule.count, 0);
  if (drawn === undefined) {
    report(["blueprint"], `the final assessment needs a blueprint drawing ${min}–${max} items`);
  } else if (drawn < min || drawn > max) {
    report(["blueprint"], `the blueprint draws ${drawn} items; it should draw ${min}–${max}`);
  }
  if (quiz.settings.passMark !== contentRules.passMark) {
    report(["settings", "passMark"], `the pass mark is ${contentRules.passMark}`);
  }
  const share = scenarioShare(quiz);
  if (share < contentRules.finalMinScenarioShare) {
    report(["items"], `at least a third of the final pool are scenario items; here ${formatShare(share)}`);
  }
  quiz.items.forEach((item, index) => {
    for (const [path, message] of missingFeedback(item)) report(["items", index, ...path], message);
  });
  return diagnostics;
}

/** Feedback a learner sees for each possible answer, by item type; as [path inside the item, message]. */
function missingFeedback(item: Item): [(string | number)[], string][] {
  const missing: [(string | number)[], string][] = [];
  switch (item.type) {
    case "single-choice":
    case "multiple-response":
      item.options.forEach((option, index) => {
        if (!option.feedback) missing.push([["options", index], `option "${option.id}" needs feedback`]);
      });
      break;
    case "true-false":
      if (!item.optionFeedback?.true || !item.optionFeedback.false) {
        missing.push([[], `item "${item.id}" needs optionFeedback for "true" and "false"`]);
      }
      break;
    case "scenario":
      item.steps.forEach((step, stepIndex) => {
        step.options.forEach((option, index) => {
          if (!option.feedback) {
            missing.push([["steps", stepIndex, "options", index], `option "${option.id}" needs feedback`]);
          }
        });
      });
      break;
    default:
      // Types without options to attach feedback to: the item's own correct/incorrect feedback.
      if (!item.feedback?.correct || !item.feedback.incorrect) {
        missing.push([[], `item "${item.id}" needs feedback: { correct, incorrect }`]);
      }
  }
  return missing;
}

function checkBank(file: QuizFile, quiz: QuizDefinition, manifest: CourseManifest): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const report = (path: (string | number)[], message: string) =>
    diagnostics.push(file.source.at(path, message));
  if (quiz.items.length < contentRules.certificationMinItems) {
    report(
      ["items"],
      `a certification bank has at least ${contentRules.certificationMinItems} items, this one has ${quiz.items.length}`,
    );
  }
  const covered = new Set(quiz.items.map((item) => item.objective));
  const uncovered = manifest.objectives.filter((objective) => !covered.has(objective.id)).map((o) => o.id);
  if (uncovered.length > 0) report(["items"], `no items for objective(s) ${uncovered.join(", ")}`);
  if (quiz.settings.timeLimitMinutes !== contentRules.certificationTimeLimitMinutes) {
    report(
      ["settings", "timeLimitMinutes"],
      `the certification exam lasts ${contentRules.certificationTimeLimitMinutes} minutes`,
    );
  }
  if (quiz.settings.passMark !== contentRules.passMark) {
    report(["settings", "passMark"], `the pass mark is ${contentRules.passMark}`);
  }
  return diagnostics;
}

/** Items may only name objectives and references the manifest defines. */
function checkItemLinks(file: QuizFile, manifest: CourseManifest): Diagnostic[] {
  if (!file.quiz) return [];
  const objectiveIds = new Set(manifest.objectives.map((objective) => objective.id));
  const referenceIds = new Set(manifest.references.map((reference) => reference.id));
  const diagnostics: Diagnostic[] = [];
  file.quiz.items.forEach((item, index) => {
    if (!objectiveIds.has(item.objective)) {
      diagnostics.push(
        file.source.at(
          ["items", index, "objective"],
          `unknown objective "${item.objective}" (not in course.yaml)`,
        ),
      );
    }
    item.references?.forEach((reference, referenceIndex) => {
      if (!referenceIds.has(reference)) {
        diagnostics.push(
          file.source.at(
            ["items", index, "references", referenceIndex],
            `unknown reference "${reference}" (not in course.yaml)`,
          ),
        );
      }
    });
  });
  return diagnostics;
}

/** Course and quiz ids name records and xAPI activities, so they are unique across all modules. */
function checkUniqueIds(root: string, scans: CourseScan[], quizzes: QuizFile[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const courses = new Map<string, string>();
  for (const scan of scans) {
    const id = scan.manifest?.id;
    if (!id) continue;
    const first = courses.get(id);
    if (first) diagnostics.push(scan.manifestSource.at(["id"], `course id "${id}" is also used by ${first}`));
    else courses.set(id, relative(root, scan.manifestFile));
  }
  const quizIds = new Map<string, string>();
  for (const file of quizzes) {
    const id = file.quiz?.id;
    if (!id) continue;
    const first = quizIds.get(id);
    if (first) diagnostics.push(file.source.at(["id"], `quiz id "${id}" is also used by ${first}`));
    else quizIds.set(id, relative(root, file.file));
  }
  return diagnostics;
}

function scenarioShare(quiz: QuizDefinition): number {
  if (quiz.items.length === 0) return 0;
  return quiz.items.filter((item) => item.type === "scenario").length / quiz.items.length;
}

export function formatShare(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function at(file: string, position: Position | undefined, message: string): Diagnostic {
  return { file, line: position?.line ?? 1, column: position?.column ?? 1, message };
}

function sortUnique(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics
    .filter((d) => {
      const key = `${d.file}\0${d.line}\0${d.column}\0${d.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort(
      (a, b) =>
        compare(a.file, b.file) || a.line - b.line || a.column - b.column || compare(a.message, b.message),
    );
}

/** Code-point order, not locale order: the output must not depend on the machine's locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
