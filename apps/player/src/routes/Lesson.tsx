import { MDXProvider } from "@mdx-js/react";
import { useLiveQuery } from "dexie-react-hooks";
import { type ComponentType, lazy, Suspense, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { LessonCourseContext, mdxComponents } from "../components/mdx/index.tsx";
import { findCourse, loadLesson } from "../content/catalog.ts";
import { db, type Profile } from "../db/player-db.ts";
import { completeLesson, openLesson, saveLessonPosition } from "../db/progress.ts";
import { useUi } from "../store.ts";

type LessonBody = ComponentType<{ components?: Record<string, unknown> }>;

// The quiz engine and the course's quizzes load only when a lesson is open, not with the app shell.
const KnowledgeCheck = lazy(() => import("../quiz/KnowledgeCheck.tsx"));

export default function Lesson({
  courseId,
  lessonId,
  profile,
}: {
  courseId: string;
  lessonId: string;
  profile: Profile;
}) {
  const { t } = useTranslation();
  const language = useUi((state) => state.language);
  const course = findCourse(courseId);
  const index = course?.lessons.findIndex((lesson) => lesson.id === lessonId) ?? -1;
  const lesson = course?.lessons[index];
  const [Body, setBody] = useState<{ component: LessonBody } | null>(null);
  const progress = useLiveQuery(
    () => db.lessonProgress.get([profile.id, courseId, lessonId]),
    [profile.id, courseId, lessonId],
  );
  const restored = useRef(false);

  useEffect(() => {
    if (!lesson) return;
    let cancelled = false;
    setBody(null);
    restored.current = false;
    void openLesson(profile.id, courseId, lessonId);
    loadLesson(courseId, lessonId, language).then((module) => {
      if (!cancelled) setBody({ component: module.default });
    });
    return () => {
      cancelled = true;
    };
  }, [courseId, lessonId, language, lesson, profile.id]);

  // Resume where the learner stopped reading, once the body and the saved position are both known.
  useEffect(() => {
    if (!Body || progress === undefined || restored.current) return;
    restored.current = true;
    const position = progress?.position ?? 0;
    const top =
      position > 0 && position < 1
        ? position * (document.documentElement.scrollHeight - window.innerHeight)
        : 0;
    window.scrollTo({ top });
  }, [Body, progress]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onScroll = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const scrollable = document.documentElement.scrollHeight - window.innerHeight;
        // Until the saved position is restored, the page is still scrolled as the previous lesson was.
        if (restored.current && scrollable > 0)
          void saveLessonPosition(profile.id, courseId, lessonId, Math.min(1, window.scrollY / scrollable));
      }, 500);
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      clearTimeout(timer);
      window.removeEventListener("scroll", onScroll);
    };
  }, [profile.id, courseId, lessonId]);

  if (!course || !lesson) return <p>{t("lesson.notFound")}</p>;
  const previous = course.lessons[index - 1];
  const next = course.lessons[index + 1];
  const completed = progress?.status === "completed";

  return (
    <article className="lesson" lang={language}>
      <p>
        <Link href={`/courses/${course.id}`}>← {course.title[language]}</Link>
      </p>
      <h1>{lesson.title[language]}</h1>
      <p className="muted">{t("home.minutes", { count: lesson.minutes })}</p>
      {Body ? (
        <LessonCourseContext.Provider value={course}>
          <MDXProvider components={mdxComponents}>
            <Body.component />
          </MDXProvider>
        </LessonCourseContext.Provider>
      ) : (
        <p role="status">{t("lesson.loading")}</p>
      )}
      {/* The actions come with the text, so they do not jump down when it arrives. */}
      {Body && (
        <>
          <Suspense fallback={<p role="status">{t("quiz.loading")}</p>}>
            <KnowledgeCheck course={course} lessonId={lesson.id} personId={profile.id} />
          </Suspense>
          <div className="lesson-actions">
            {completed ? (
              <p className="success" role="status">
                {t("lesson.completed")}
              </p>
            ) : (
              <button
                className="button"
                type="button"
                onClick={() =>
                  void completeLesson(
                    profile.id,
                    { id: course.id, lessonIds: course.lessons.map((entry) => entry.id) },
                    lessonId,
                  )
                }
              >
                {t("lesson.complete")}
              </button>
            )}
          </div>
          <nav className="lesson-nav" aria-label={t("course.lessons")}>
            {previous ? (
              <Link href={`/courses/${course.id}/lessons/${previous.id}`}>← {t("lesson.previous")}</Link>
            ) : (
              <span />
            )}
            {next ? (
              <Link href={`/courses/${course.id}/lessons/${next.id}`}>{t("lesson.next")} →</Link>
            ) : (
              <Link href={`/courses/${course.id}/final`}>{t("lesson.toFinal")} →</Link>
            )}
          </nav>
        </>
      )}
    </article>
  );
}
