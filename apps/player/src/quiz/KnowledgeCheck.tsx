import { useTranslation } from "react-i18next";
import type { CatalogCourse } from "../content/catalog.ts";
import { PracticeQuiz } from "./PracticeQuiz.tsx";
import { useCourseQuizzes } from "./use-quizzes.ts";

/** A lesson's knowledge check, shown after the lesson body; loaded with the quiz engine only when reached. */
export default function KnowledgeCheck({
  course,
  lessonId,
  personId,
}: {
  course: CatalogCourse;
  lessonId: string;
  personId: string;
}) {
  const { t } = useTranslation();
  const quizzes = useCourseQuizzes(course.id);
  if (!quizzes) return <p role="status">{t("quiz.loading")}</p>;
  const quiz = quizzes.knowledgeChecks[lessonId];
  if (!quiz) return null;
  return (
    <PracticeQuiz
      course={course}
      quizKey={lessonId}
      quiz={quiz}
      personId={personId}
      layout="all"
      headingLevel={2}
    />
  );
}
