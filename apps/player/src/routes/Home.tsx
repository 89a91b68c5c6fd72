import { useLiveQuery } from "dexie-react-hooks";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "wouter";
import { type CatalogCourse, catalog } from "../content/catalog.ts";
import { db, FINAL_QUIZ, type Profile } from "../db/player-db.ts";
import { courseState, nextLesson } from "../db/progress.ts";
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
  const finalsPassed = useLiveQuery(
    async () =>
      new Set(
        (await db.attempts.where("personId").equals(profile.id).toArray())
          .filter((record) => record.quizKey === FINAL_QUIZ && record.attempt.result?.passed)
          .map((record) => record.courseId),
      ),
    [profile.id],
  );

  const rowsOf = (courseId: string) => progress?.filter((row) => row.courseId === courseId) ?? [];
  const stateOf = (course: CatalogCourse) =>
    courseState(
      course.lessons.map((lesson) => lesson.id),
      rowsOf(course.id),
      serverStatus?.find((row) => row.courseId === course.id),
      finalsPassed?.has(course.id) ?? false,
    );

  // Continue where the learner stopped: the course touched most recently, at its next lesson.
  const latest = progress?.toSorted((a, b) => b.updatedAt - a.updatedAt)[0];
  const latestCourse = latest && catalog.find((course) => course.id === latest.courseId);
  const continueLesson =
    latestCourse &&
    nextLesson(
      latestCourse.lessons.map((lesson) => lesson.id),
      rowsOf(latestCourse.id),
    );
  const continueTitle = latestCourse?.lessons.find((lesson) => lesson.id === continueLesson)?.title[language];

  const greeting = <h1>{t("home.greeting", { name: profile.displayName })}</h1>;
  // The rest waits for every record read from the device, so it appears at once instead of moving
  // down as each arrives.
  if (!requirements || !progress || !serverStatus || !finalsPassed) return greeting;

  return (
    <>
      {greeting}
      {latestCourse && continueLesson && continueTitle && (
        <p>
          <Link className="button" href={`/courses/${latestCourse.id}/lessons/${continueLesson}`}>
            {t("home.continue")}: {continueTitle}
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
            const state = stateOf(course);
            return (
              <li key={`${requirement.cohortId}/${requirement.courseId}`} className="card">
                <Link href={`/courses/${course.id}`}>{course.title[language]}</Link>
                {/* Cohort names are the trainers' own words, in Vietnamese whatever the app's language. */}
                <p className="muted" lang="vi">
                  {requirement.cohortName}
                </p>
                <p>
                  {requirement.deadline
                    ? t("home.deadline", { date: formatDate(requirement.deadline) })
                    : t("home.noDeadline")}
                  {" · "}
                  <span className={`status status-${state}`}>{t(`course.status.${state}`)}</span>
                </p>
                <CourseProgress course={course} done={completedCount(rowsOf(course.id))} />
              </li>
            );
          })}
        </ul>
      </section>
      <section aria-labelledby="all-title">
        <h2 id="all-title">{t("home.allCourses")}</h2>
        <ul className="cards">
          {catalog.map((course) => {
            const state = stateOf(course);
            return (
              <li key={course.id} className="card">
                <Link href={`/courses/${course.id}`}>{course.title[language]}</Link>
                <p className="muted">
                  {t("home.minutes", { count: course.estimatedMinutes })} ·{" "}
                  <span className={`status status-${state}`}>{t(`course.status.${state}`)}</span>
                </p>
                <CourseProgress course={course} done={completedCount(rowsOf(course.id))} />
              </li>
            );
          })}
        </ul>
      </section>
      <JoinForm />
    </>
  );
}

function completedCount(rows: { status: string }[]): number {
  return rows.filter((row) => row.status === "completed").length;
}

function CourseProgress({ course, done }: { course: CatalogCourse; done: number }) {
  const { t } = useTranslation();
  const total = course.lessons.length;
  return (
    <p className="course-progress">
      <progress className="progress" max={total} value={done} aria-hidden="true" />
      <span>{t("course.lessonsDone", { done, total })}</span>
    </p>
  );
}

/** Joining a cohort by the code a trainer hands out; the link form /join/<code> lands on the same page. */
function JoinForm() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [code, setCode] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (code.trim()) navigate(`/join/${encodeURIComponent(code.trim())}`);
  };
  return (
    <section className="card join" aria-labelledby="join-title">
      <h2 id="join-title">{t("join.title")}</h2>
      <form onSubmit={submit} className="inline-form">
        <label htmlFor="join-code">{t("join.codeLabel")}</label>
        <div className="inline-row">
          <input
            id="join-code"
            name="code"
            autoCapitalize="characters"
            autoComplete="off"
            placeholder="K7QM-X4PR"
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
          <button type="submit" className="button">
            {t("join.continue")}
          </button>
        </div>
      </form>
    </section>
  );
}
