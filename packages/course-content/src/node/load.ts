import { access, readdir } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import type { QuizDefinition } from "@bvte/quiz-engine";
import type { Diagnostic } from "../diagnostic.ts";
import type { CourseManifest, LessonRef } from "../schema.ts";
import { readManifest } from "./manifest.ts";
import { type QuizFile, readQuiz } from "./quiz.ts";
import type { YamlSource } from "./yaml-source.ts";

export const languages = ["vi", "en"] as const;
export type Language = (typeof languages)[number];
const languageNames: Record<Language, string> = { vi: "Vietnamese", en: "English" };

export interface LoadedLesson {
  ref: LessonRef;
  /** Absolute paths of the lesson body in each language. */
  mdx: Record<Language, string>;
  knowledgeCheck: QuizDefinition;
  knowledgeCheckFile: string;
}

export interface LoadedCourse {
  /** Absolute path of the module folder. */
  dir: string;
  manifestFile: string;
  manifest: CourseManifest;
  lessons: LoadedLesson[];
  finalQuiz: QuizDefinition;
  finalQuizFile: string;
  /**
   * Path only: the bank holds certification answer keys, which must never reach the player bundle.
   * The server reads it with `loadCertificationBank`.
   */
  certificationBankFile: string | null;
}

export interface LoadResult {
  /** Modules that loaded without a single diagnostic. */
  courses: LoadedCourse[];
  diagnostics: Diagnostic[];
}

/** Everything found in one module folder, complete or not, so the check can report all it can. */
export interface CourseScan {
  dir: string;
  manifestFile: string;
  manifestSource: YamlSource;
  manifest?: CourseManifest;
  lessons: ScannedLesson[];
  finalQuiz: QuizFile | null;
  certificationBankFile: string | null;
  diagnostics: Diagnostic[];
}

export interface ScannedLesson {
  ref: LessonRef;
  /** Position of the lesson in `lessons`, for pointing at it in course.yaml. */
  index: number;
  /** Only the languages whose file exists. */
  mdx: Partial<Record<Language, string>>;
  knowledgeCheck: QuizFile | null;
}

/** Loads every module under `contentDir` (each folder holding a course.yaml). */
export async function loadContent(contentDir: string): Promise<LoadResult> {
  const scans = await scanContent(contentDir);
  const courses: LoadedCourse[] = [];
  for (const scan of scans) {
    const course = completeCourse(scan);
    if (course) courses.push(course);
  }
  return { courses, diagnostics: scans.flatMap((scan) => scan.diagnostics) };
}

export async function scanContent(contentDir: string): Promise<CourseScan[]> {
  const modules = await findModules(resolve(contentDir));
  return Promise.all(modules.map(scanCourse));
}

export async function findModules(contentDir: string): Promise<string[]> {
  const entries = await readdir(contentDir, { withFileTypes: true });
  const dirs = entries
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith(".") && entry.name !== "node_modules")
    .map((entry) => join(contentDir, entry.name))
    .sort();
  const withManifest = await Promise.all(dirs.map((dir) => exists(join(dir, "course.yaml"))));
  return dirs.filter((_, index) => withManifest[index]);
}

export async function scanCourse(dir: string): Promise<CourseScan> {
  const manifestFile = join(dir, "course.yaml");
  const { manifest, source, diagnostics } = await readManifest(manifestFile);
  const scan: CourseScan = {
    dir,
    manifestFile,
    manifestSource: source,
    lessons: [],
    finalQuiz: null,
    certificationBankFile: null,
    diagnostics: [...diagnostics],
  };
  if (!manifest) return scan;
  scan.manifest = manifest;

  const expectFile = async (path: string, at: (string | number)[], what: string) => {
    if (await exists(path)) return true;
    scan.diagnostics.push(source.at(at, `${what} not found: ${relative(dir, path)}`));
    return false;
  };

  scan.lessons = await Promise.all(
    manifest.lessons.map(async (ref, index): Promise<ScannedLesson> => {
      const at = ["lessons", index, "id"];
      const mdx: Partial<Record<Language, string>> = {};
      for (const language of languages) {
        const path = join(dir, "lessons", `${ref.id}.${language}.mdx`);
        if (await expectFile(path, at, `lesson "${ref.id}": ${languageNames[language]} file`))
          mdx[language] = path;
      }
      const quizPath = join(dir, "quizzes", `${ref.id}.quiz.yaml`);
      const found = await expectFile(quizPath, at, `lesson "${ref.id}": knowledge check`);
      return { ref, index, mdx, knowledgeCheck: found ? await readQuiz(quizPath) : null };
    }),
  );
  for (const lesson of scan.lessons) scan.diagnostics.push(...(lesson.knowledgeCheck?.diagnostics ?? []));

  const finalPath = join(dir, manifest.assessment.quiz);
  if (await expectFile(finalPath, ["assessment", "quiz"], "final assessment")) {
    scan.finalQuiz = await readQuiz(finalPath);
    scan.diagnostics.push(...scan.finalQuiz.diagnostics);
  }

  if (manifest.certification) {
    const bankPath = join(dir, manifest.certification.bank);
    if (await expectFile(bankPath, ["certification", "bank"], "certification bank")) {
      scan.certificationBankFile = bankPath;
    }
  }
  return scan;
}

function completeCourse(scan: CourseScan): LoadedCourse | null {
  const { manifest, finalQuiz } = scan;
  if (scan.diagnostics.length > 0 || !manifest || !finalQuiz?.quiz) return null;
  const lessons: LoadedLesson[] = [];
  for (const lesson of scan.lessons) {
    const { vi, en } = lesson.mdx;
    const knowledgeCheck = lesson.knowledgeCheck?.quiz;
    if (!vi || !en || !lesson.knowledgeCheck || !knowledgeCheck) return null;
    lessons.push({
      ref: lesson.ref,
      mdx: { vi, en },
      knowledgeCheck,
      knowledgeCheckFile: lesson.knowledgeCheck.file,
    });
  }
  return {
    dir: scan.dir,
    manifestFile: scan.manifestFile,
    manifest,
    lessons,
    finalQuiz: finalQuiz.quiz,
    finalQuizFile: finalQuiz.file,
    certificationBankFile: scan.certificationBankFile,
  };
}

export async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
