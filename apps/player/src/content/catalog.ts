import { assets, courses, lessonLoaders, quizLoaders } from "virtual:bvte/catalog";
import type { CourseManifest } from "@bvte/course-content";

export type Language = "vi" | "en";

export type CatalogCourse = Pick<
  CourseManifest,
  | "id"
  | "version"
  | "title"
  | "summary"
  | "audience"
  | "estimatedMinutes"
  | "validityMonths"
  | "objectives"
  | "lessons"
  | "references"
> & { assessment: { kind: CourseManifest["assessment"]["kind"] }; hasCertification: boolean };

export const catalog: CatalogCourse[] = courses;

export function findCourse(courseId: string): CatalogCourse | undefined {
  return catalog.find((course) => course.id === courseId);
}

export function loadLesson(courseId: string, lessonId: string, language: Language) {
  const loader = lessonLoaders[`${courseId}/${lessonId}/${language}`];
  if (!loader) throw new Error(`No lesson ${courseId}/${lessonId}`);
  return loader();
}

export function loadQuizzes(courseId: string) {
  const loader = quizLoaders[courseId];
  if (!loader) throw new Error(`No quizzes for ${courseId}`);
  return loader();
}

/**
 * A lesson figure's bundled URL and, for SVGs, its intrinsic size, given the `src` written in the MDX
 * (relative to lessons/).
 */
export function findAsset(courseId: string, src: string) {
  const path = src.replace(/^\.\.\//, "");
  return assets[`${courseId}/${path}`];
}
