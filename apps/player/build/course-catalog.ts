import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { formatDiagnostic, loadContent } from "@bvte/course-content/node";
import type { Plugin } from "vite";

const CATALOG_ID = "virtual:bvte/catalog";
const QUIZZES_PREFIX = "virtual:bvte/quizzes/";
const resolved = (id: string) => `\0${id}`;

/**
 * Turns content/ into modules the player imports: a small catalogue of course manifests, one lazily
 * loaded chunk of practice quizzes per course, and one lazy chunk per lesson and language. The
 * certification bank is never read here, so its keys cannot reach the bundle.
 */
export function courseCatalog({ contentDir }: { contentDir: string }): Plugin {
  let content: Awaited<ReturnType<typeof loadContent>> | undefined;
  const load = async () => {
    content ??= await loadContent(contentDir);
    return content;
  };

  return {
    name: "bvte-course-catalog",
    resolveId(id) {
      if (id === CATALOG_ID || id.startsWith(QUIZZES_PREFIX)) return resolved(id);
      return undefined;
    },
    async buildStart() {
      const { courses, diagnostics } = await load();
      if (diagnostics.length > 0) {
        const report = diagnostics
          .map((diagnostic) => formatDiagnostic(diagnostic, process.cwd()))
          .join("\n");
        this.error(`Content has errors (run the content check):\n${report}`);
      }
      for (const course of courses) {
        this.addWatchFile(course.manifestFile);
        for (const lesson of course.lessons) this.addWatchFile(lesson.knowledgeCheckFile);
      }
    },
    async load(id) {
      if (id === resolved(CATALOG_ID)) {
        const { courses } = await load();
        const imports: string[] = [];
        const assetEntries: string[] = [];
        const catalog = courses.map((course) => ({
          id: course.manifest.id,
          version: course.manifest.version,
          title: course.manifest.title,
          summary: course.manifest.summary,
          audience: course.manifest.audience,
          estimatedMinutes: course.manifest.estimatedMinutes,
          validityMonths: course.manifest.validityMonths,
          objectives: course.manifest.objectives,
          lessons: course.manifest.lessons,
          assessment: { kind: course.manifest.assessment.kind },
          hasCertification: course.certificationBankFile !== null,
          references: course.manifest.references,
        }));
        const lessonLoaders = courses.flatMap((course) =>
          course.lessons.flatMap((lesson) =>
            (["vi", "en"] as const).map(
              (language) =>
                `${JSON.stringify(`${course.manifest.id}/${lesson.ref.id}/${language}`)}: () => import(${JSON.stringify(lesson.mdx[language])})`,
            ),
          ),
        );
        const quizLoaders = courses.map(
          (course) =>
            `${JSON.stringify(course.manifest.id)}: () => import(${JSON.stringify(`${QUIZZES_PREFIX}${course.manifest.id}`)})`,
        );
        for (const course of courses) {
          const assetsDir = join(course.dir, "assets");
          const files = await readdir(assetsDir).catch(() => [] as string[]);
          for (const file of files) {
            const name = `asset${imports.length}`;
            imports.push(`import ${name} from ${JSON.stringify(`${join(assetsDir, file)}?url`)};`);
            const size = file.endsWith(".svg")
              ? svgSize(await readFile(join(assetsDir, file), "utf8"))
              : null;
            assetEntries.push(
              `${JSON.stringify(`${course.manifest.id}/${relative(course.dir, join(assetsDir, file))}`)}: { url: ${name}, size: ${JSON.stringify(size)} }`,
            );
          }
        }
        return [
          ...imports,
          `export const courses = ${JSON.stringify(catalog)};`,
          `export const lessonLoaders = {${lessonLoaders.join(",")}};`,
          `export const quizLoaders = {${quizLoaders.join(",")}};`,
          `export const assets = {${assetEntries.join(",")}};`,
        ].join("\n");
      }
      if (id.startsWith(resolved(QUIZZES_PREFIX))) {
        const courseId = id.slice(resolved(QUIZZES_PREFIX).length);
        const course = (await load()).courses.find((candidate) => candidate.manifest.id === courseId);
        if (!course) return undefined;
        const knowledgeChecks = Object.fromEntries(
          course.lessons.map((lesson) => [lesson.ref.id, lesson.knowledgeCheck]),
        );
        // A final assessment graded on the server stays on the server, like the certification bank.
        const finalQuiz = course.manifest.assessment.kind === "practice" ? course.finalQuiz : null;
        return `export const knowledgeChecks = ${JSON.stringify(knowledgeChecks)};\nexport const finalQuiz = ${JSON.stringify(finalQuiz)};`;
      }
      return undefined;
    },
  };
}

/**
 * An SVG figure's intrinsic size (its width and height, else its viewBox), so the lesson can give the
 * image its shape before it loads and the text below does not jump.
 */
export function svgSize(svg: string): { width: number; height: number } | null {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0];
  if (!root) return null;
  const number = (name: string) => Number(new RegExp(`\\s${name}="([\\d.]+)(px)?"`).exec(root)?.[1]);
  const [width, height] = [number("width"), number("height")];
  if (width > 0 && height > 0) return { width, height };
  const box = /\sviewBox="([^"]+)"/
    .exec(root)?.[1]
    ?.trim()
    .split(/[\s,]+/)
    .map(Number);
  if (box?.length === 4 && (box[2] as number) > 0 && (box[3] as number) > 0) {
    return { width: box[2] as number, height: box[3] as number };
  }
  return null;
}
