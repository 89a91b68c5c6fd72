import { fileURLToPath } from "node:url";
import { type LoadedCourse, loadContent } from "@bvte/course-content/node";
import type { Logger } from "pino";

export const DEFAULT_CONTENT_DIR = fileURLToPath(new URL("../../../content", import.meta.url));

export interface CourseCatalog {
  courses: LoadedCourse[];
  find(courseId: string): LoadedCourse | undefined;
}

/** The course modules the server knows. Invalid modules are left out and logged; `npm test` fails on them. */
export async function loadCourseCatalog(contentDir: string, logger?: Logger): Promise<CourseCatalog> {
  const { courses, diagnostics } = await loadContent(contentDir);
  for (const diagnostic of diagnostics) logger?.warn({ msg: "content error", ...diagnostic });
  return { courses, find: (courseId) => courses.find((course) => course.manifest.id === courseId) };
}
