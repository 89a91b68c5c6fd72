import { useLiveQuery } from "dexie-react-hooks";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { findCourse } from "../content/catalog.ts";
import { db, type Profile } from "../db/player-db.ts";
import { courseState } from "../db/progress.ts";
import { useUi } from "../store.ts";

export default function Course({ courseId, profile }: { courseId: string; profile: Profile }) {
  const { t } = useTranslation();
  const language = useUi((state) => state.language);
  const course = findCourse(courseId);
  const progress = useLiveQuery(
    () => db.lessonProgress.where("[personId+courseId]").equals([profile.id, courseId]).toArray(),
    [profile.id, courseId],
  );
  const serverStatus = useLiveQuery(
    () => db.serverStatus.get([profile.id, courseId]),
    [profile.id, courseId],
  );
  if (!course) return <p>{t("course.notFound")}</p>;
  const state = courseState(
    course.lessons.map((lesson) => lesson.id),
    progress ?? [],
    serverStatus,
  );

  return (
    <>
      <p>
        <Link href="/">← {t("course.back")}</Link>
      </p>
      <h1>{course.title[language]}</h1>
      <p>{course.summary[language]}</p>
      <p>
        <span className={`status status-${state}`}>{t(`course.status.${state}`)}</span>
      </p>
      <h2>{t("course.lessons")}</h2>
      <ol className="lesson-list">
        {course.lessons.map((lesson) => {
          const row = progress?.find((candidate) => candidate.lessonId === lesson.id);
          return (
            <li key={lesson.id}>
              <Link href={`/courses/${course.id}/lessons/${lesson.id}`}>{lesson.title[language]}</Link>
              <span className="muted">
                {" "}
                · {t("home.minutes", { count: lesson.minutes })}
                {row &&
                  ` · ${row.status === "completed" ? t("course.lessonDone") : t("course.lessonStarted")}`}
              </span>
            </li>
          );
        })}
      </ol>
    </>
  );
}
