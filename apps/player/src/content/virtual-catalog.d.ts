declare module "virtual:bvte/catalog" {
  import type { CatalogCourse } from "./catalog.ts";
  export const courses: CatalogCourse[];
  export const lessonLoaders: Record<
    string,
    () => Promise<{ default: import("react").ComponentType<{ components?: Record<string, unknown> }> }>
  >;
  export const quizLoaders: Record<
    string,
    () => Promise<{
      knowledgeChecks: Record<string, import("@bvte/quiz-engine").QuizDefinition>;
      finalQuiz: import("@bvte/quiz-engine").QuizDefinition | null;
    }>
  >;
  export const assets: Record<string, { url: string; size: { width: number; height: number } | null }>;
}
