import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { findCourse } from "../content/catalog.ts";
import { FINAL_QUIZ, type Profile } from "../db/player-db.ts";
import { PracticeQuiz } from "../quiz/PracticeQuiz.tsx";
import { useCourseQuizzes } from "../quiz/use-quizzes.ts";
import { useUi } from "../store.ts";

export default function FinalAssessment({ courseId, profile }: { courseId: string; profile: Profile }) {
  const { t } = useTranslation();
  const language = useUi((state) => state.language);
  const course = findCourse(courseId);
  const quizzes = useCourseQuizzes(courseId);
  if (!course) return <p>{t("course.notFound")}</p>;
  return (
    <>
      <p>
        <Link href={`/courses/${course.id}`}>← {course.title[language]}</Link>
      </p>
      {!quizzes ? (
        <p role="status">{t("quiz.loading")}</p>
      ) : quizzes.finalQuiz ? (
        <PracticeQuiz
          course={course}
          quizKey={FINAL_QUIZ}
          quiz={quizzes.finalQuiz}
          personId={profile.id}
          layout="paged"
          headingLevel={1}
        />
      ) : (
        <p>{t("course.noFinal")}</p>
      )}
    </>
  );
}
