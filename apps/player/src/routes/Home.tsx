import { useLiveQuery } from "dexie-react-hooks";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { catalog } from "../content/catalog.ts";
import { db, type Profile } from "../db/player-db.ts";
import { courseState } from "../db/progress.ts";
import { formatDate } from "../i18n/index.ts";
import { useUi } from "../store.ts";

export default function Home({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const language = useUi((state) => state.language);
  const requirements = useLiveQuery(
    () => db.requirements.where("personId").equals(profile.id).toArray(),
    [profile.id],
  );
  const progress = useLiveQuery(
    () => db.lessonProgress.where("personId").equals(profile.id).toArray(),
    [profile.id],
  );
  const serverStatus = useLiveQuery(
    () => db.serverStatus.where("personId").equals(profile.id).toArray(),
    [profile.id],
  );
  const lastLesson = progress
    ?.toSorted((a, b) => b.updatedAt - a.updatedAt)
    .find((row) => row.status === "started");
  const lastCourse = lastLesson && catalog.find((course) => course.id === lastLesson.courseId);

  const stateOf = (courseId: string) => {
    const course = catalog.find((candidate) => candidate.id === courseId);
    return courseState(
      course?.lessons.map((lesson) => lesson.id) ?? [],
      progress?.filter((row) => row.courseId === courseId) ?? [],
      serverStatus?.find((row) => row.courseId === courseId),
    );
  };

  return (
    <>
      <h1>{t("home.greeting", { name: profile.displayName })}</h1>
      {lastLesson && lastCourse && (
        <p>
          <Link className="button" href={`/courses/${lastLesson.courseId}/lessons/${lastLesson.lessonId}`}>
            {t("home.continue")}:{" "}
            {lastCourse.lessons.find((lesson) => lesson.id === lastLesson.lessonId)?.title[language]}
          </Link>
        </p>
      )}
      <section aria-labelledby="required-title">
        <h2 id="required-title">{t("home.required")}</h2>
        {requirements && requirements.length === 0 && <p>{t("home.noRequirements")}</p>}
        <ul className="cards">
          {requirements?.map((requirement) => {
            const course = catalog.find((candidate) => candidate.id === requirement.courseId);
            if (!course) return null;
            return (
              <li key={`${requirement.cohortId}/${requirement.courseId}`} className="card">
                <Link href={`/courses/${course.id}`}>{course.title[language]}</Link>
                <p className="muted">{requirement.cohortName}</p>
                <p>
                  {requirement.deadline
                    ? t("home.deadline", { date: formatDate(requirement.deadline) })
                    : t("home.noDeadline")}
                  {" · "}
                  <span className={`status status-${stateOf(course.id)}`}>
                    {t(`course.status.${stateOf(course.id)}`)}
                  </span>
                </p>
              </li>
            );
          })}
        </ul>
      </section>
      <section aria-labelledby="all-title">
        <h2 id="all-title">{t("home.allCourses")}</h2>
        <ul className="cards">
          {catalog.map((course) => (
            <li key={course.id} className="card">
              <Link href={`/courses/${course.id}`}>{course.title[language]}</Link>
              <p className="muted">
                {t("home.minutes", { count: course.estimatedMinutes })} ·{" "}
                <span className={`status status-${stateOf(course.id)}`}>
                  {t(`course.status.${stateOf(course.id)}`)}
                </span>
              </p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
