/**
 * Activity ids are IRIs independent of where a server is deployed, so statements keep their meaning
 * when they move between learning record stores.
 */
export const ACTIVITY_BASE = "https://bvte.academy/xapi/activities";

export type ActivityRef =
  | { courseId: string; lessonId?: undefined; assessment?: undefined }
  | { courseId: string; lessonId: string; assessment?: undefined }
  | { courseId: string; lessonId?: undefined; assessment: "final" | "certification" };

const idPart = "([a-z0-9][a-z0-9-]*)";
const pattern = new RegExp(
  `^${ACTIVITY_BASE.replaceAll(".", "\\.")}/courses/${idPart}(?:/lessons/${idPart}|/(final|certification))?$`,
);

export function activityId(ref: ActivityRef): string {
  const course = `${ACTIVITY_BASE}/courses/${ref.courseId}`;
  if (ref.lessonId) return `${course}/lessons/${ref.lessonId}`;
  if (ref.assessment) return `${course}/${ref.assessment}`;
  return course;
}

/** The course (and lesson or assessment) an activity id names, or undefined for foreign activities. */
export function parseActivityId(iri: string): ActivityRef | undefined {
  const match = pattern.exec(iri);
  if (!match?.[1]) return undefined;
  const [, courseId, lessonId, assessment] = match;
  if (lessonId) return { courseId, lessonId };
  if (assessment === "final" || assessment === "certification") return { courseId, assessment };
  return { courseId };
}
