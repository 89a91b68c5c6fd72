import type { QuizDefinition } from "@bvte/quiz-engine";
import { useEffect, useState } from "react";
import { loadQuizzes } from "../content/catalog.ts";

export interface CourseQuizzes {
  knowledgeChecks: Record<string, QuizDefinition>;
  finalQuiz: QuizDefinition | null;
}

/** The course's practice quizzes, from their lazily loaded (and precached) chunk. */
export function useCourseQuizzes(courseId: string): CourseQuizzes | undefined {
  const [quizzes, setQuizzes] = useState<{ courseId: string; quizzes: CourseQuizzes }>();
  useEffect(() => {
    let cancelled = false;
    void loadQuizzes(courseId).then((loaded) => {
      if (!cancelled) setQuizzes({ courseId, quizzes: loaded });
    });
    return () => {
      cancelled = true;
    };
  }, [courseId]);
  return quizzes?.courseId === courseId ? quizzes.quizzes : undefined;
}
