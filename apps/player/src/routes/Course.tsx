import { useLiveQuery } from "dexie-react-hooks";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { findCourse } from "../content/catalog.ts";
import { db, FINAL_QUIZ, type Profile } from "../db/player-db.ts";
import { courseState, nextLesson } from "../db/progress.ts";
import { formatDate } from "../i18n/index.ts";
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
  const finals = useLiveQuery(
    () =>
      db.attempts.where("[personId+courseId+quizKey]").equals([profile.id, courseId, FINAL_QUIZ]).toArray(),
    [profile.id, courseId],
  );
  const certificates = useLiveQuery(
    () =>
      db.certificates
        .where("personId")
        .equals(profile.id)
        .filter((certificate) => certificate.courseId === courseId)
        .toArray(),
    [profile.id, courseId],
  );
  if (!course) return <p>{t("course.notFound")}</p>;

  const lessonIds = course.lessons.map((lesson) => lesson.id);
  const graded = (finals ?? []).flatMap((record) => record.attempt.result ?? []);
  const best = graded.reduce<number | null>((top, result) => Math.max(top ?? 0, result.percentage), null);
  const state = courseState(
    lessonIds,
    progress ?? [],
    serverStatus,
    graded.some((result) => result.passed),
  );
  const done = (progress ?? []).filter((row) => row.status === "completed").length;
  const continueWith = nextLesson(lessonIds, progress ?? []);
  const finalInProgress = (finals ?? []).some((record) => record.attempt.status === "in-progress");

  return (
    <>
      <p>
        <Link href="/">← {t("course.back")}</Link>
      </p>
      <h1>{course.title[language]}</h1>
      <p>{course.summary[language]}</p>
      <p>
        <span className={`status status-${state}`}>{t(`course.status.${state}`)}</span>
        {" · "}
        {t("course.lessonsDone", { done, total: lessonIds.length })}
        {" · "}
        {t("home.minutes", { count: course.estimatedMinutes })}
      </p>
      <progress className="progress" max={lessonIds.length} value={done} aria-label={t("course.progress")} />
      {continueWith && (
        <p>
          <Link className="button" href={`/courses/${course.id}/lessons/${continueWith}`}>
            {done === 0 && !progress?.length ? t("course.start") : t("home.continue")}
          </Link>
        </p>
      )}

      <h2>{t("course.lessons")}</h2>
      <ol className="lesson-list">
        {course.lessons.map((lesson) => {
          const row = progress?.find((candidate) => candidate.lessonId === lesson.id);
          const status = row?.status === "completed" ? "done" : row ? "started" : "new";
          return (
            <li key={lesson.id} className={`lesson-row lesson-${status}`}>
              <Link href={`/courses/${course.id}/lessons/${lesson.id}`}>{lesson.title[language]}</Link>
              <span className="muted lesson-meta">
                {t("home.minutes", { count: lesson.minutes })}
                {" · "}
                <span className={`lesson-status lesson-status-${status}`}>
                  {t(`course.lessonStatus.${status}`)}
                </span>
              </span>
            </li>
          );
        })}
      </ol>

      <section className="card" aria-labelledby="final-title">
        <h2 id="final-title">{t("course.final")}</h2>
        <p>
          {graded.length === 0
            ? t("course.finalNotTaken")
            : t("course.finalBest", { percent: Math.round(best ?? 0), count: graded.length })}
          {serverStatus?.bestScore != null &&
            graded.length === 0 &&
            ` ${t("course.finalBestServer", { percent: Math.round(serverStatus.bestScore * 100) })}`}
        </p>
        <Link className="button" href={`/courses/${course.id}/final`}>
          {finalInProgress ? t("course.finalResume") : t("course.finalOpen")}
        </Link>
      </section>

      {course.hasCertification && (
        <section className="card" aria-labelledby="certification-title">
          <h2 id="certification-title">{t("course.certification")}</h2>
          <p>{t("course.certificationIntro")}</p>
          <Link className="button" href={`/courses/${course.id}/certification`}>
            {t("course.certificationOpen")}
          </Link>
        </section>
      )}

      {certificates && certificates.length > 0 && (
        <section className="card" aria-labelledby="certificate-title">
          <h2 id="certificate-title">{t("certificates.title")}</h2>
          <ul className="plain">
            {certificates.map((certificate) => (
              <li key={certificate.id}>
                {t("certificates.issued", { date: formatDate(certificate.issuedAt) })}{" "}
                <a href={certificate.pdfUrl} download>
                  {t("certificates.download")}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
