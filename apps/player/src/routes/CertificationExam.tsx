import { localize, type PublicItem } from "@bvte/quiz-engine";
import { useLiveQuery } from "dexie-react-hooks";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import {
  ApiError,
  type CertificationStatus,
  certificationStatus,
  nextCertificationScenarioStep,
  startCertification,
} from "../api.ts";
import {
  requestSubmission,
  saveAnswer,
  saveScenarioReveal,
  saveStartedExam,
} from "../certification/exam-store.ts";
import { findCourse } from "../content/catalog.ts";
import { type CertificationAttempt, db, type Profile } from "../db/player-db.ts";
import { formatDateTime } from "../i18n/index.ts";
import { Countdown } from "../quiz/Countdown.tsx";
import { publicItemModel } from "../quiz/item-model.ts";
import { ItemInput } from "../quiz/items/index.tsx";
import { PageButtons, QuestionNav } from "../quiz/QuestionNav.tsx";
import { useUi } from "../store.ts";

/** The server's reasons for not starting an exam, as the learner reads them. */
const START_ERRORS: Record<string, string> = {
  forbidden: "exam.notEligible",
  max_attempts: "exam.maxAttempts",
  cooldown: "exam.cooldown",
  in_progress: "exam.alreadyOpen",
  already_certified: "exam.alreadyCertified",
  no_certification: "exam.noCertification",
};

/**
 * The certification exam. Starting needs the server (the form comes from it, without keys); from
 * then on every answer is saved on the device as it is given, and handing in queues the answers for
 * the sync engine, which delivers them whenever the connection allows. The server grades and
 * enforces the time limit.
 */
export default function CertificationExam({ courseId, profile }: { courseId: string; profile: Profile }) {
  const { t } = useTranslation();
  const language = useUi((state) => state.language);
  const course = findCourse(courseId);
  const exams = useLiveQuery(
    () => db.certificationAttempts.where("[personId+courseId]").equals([profile.id, courseId]).toArray(),
    [profile.id, courseId],
  );
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  const [status, setStatus] = useState<CertificationStatus | null>(null);

  // The rules and attempts left come from the server when it can be reached (again after each
  // graded exam); offline the page still shows what this device knows.
  const graded = exams?.filter((exam) => exam.status === "graded" || exam.status === "refused").length ?? 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a newly graded exam changes what the server allows next.
  useEffect(() => {
    let cancelled = false;
    certificationStatus(courseId).then(
      (loaded) => {
        if (!cancelled) setStatus(loaded);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [courseId, graded]);

  if (!course?.hasCertification) return <p>{t("course.notFound")}</p>;
  if (!exams) return <p role="status">{t("quiz.loading")}</p>;

  const sorted = exams.toSorted((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
  const open = sorted.find((exam) => exam.status === "in-progress" || exam.status === "submitting");
  const finished = sorted.filter((exam) => exam.status === "graded" || exam.status === "refused");

  async function start() {
    setStarting(true);
    setStartError(null);
    try {
      const started = await startCertification(courseId);
      await saveStartedExam(profile.id, courseId, started);
    } catch (failure) {
      if (!(failure instanceof ApiError)) setStartError(t("exam.needsConnection"));
      else {
        const key = failure.code ? START_ERRORS[failure.code] : undefined;
        if (key) setStartError(t(key));
        else if (failure.status === 401) setStartError(t("exam.signInAgain"));
        else setStartError(t("exam.startFailed", { status: failure.status }));
        certificationStatus(courseId).then(setStatus, () => undefined);
      }
    } finally {
      setStarting(false);
    }
  }

  return (
    <>
      <p>
        <Link href={`/courses/${course.id}`}>← {course.title[language]}</Link>
      </p>
      {open?.status === "in-progress" ? (
        <ExamInProgress exam={open} />
      ) : (
        <>
          <h1>{t("exam.title", { course: course.title[language] })}</h1>
          {open?.status === "submitting" ? (
            <p className="notice" role="status" data-testid="exam-waiting">
              {t("exam.waitingToSend")}
            </p>
          ) : (
            <>
              <p>{t("exam.intro")}</p>
              {status && <ExamRules status={status} />}
              {status?.canStart !== false && (
                <p>
                  <button type="button" className="button" disabled={starting} onClick={() => void start()}>
                    {starting ? t("exam.starting") : t("exam.start")}
                  </button>
                </p>
              )}
              {startError && (
                <p className="error" role="alert">
                  {startError}
                </p>
              )}
            </>
          )}
        </>
      )}
      {finished.length > 0 && (
        <section aria-labelledby="exam-results">
          <h2 id="exam-results">{t("exam.results")}</h2>
          <ul className="cards">
            {finished.map((exam) => (
              <li key={exam.attemptId} className="card" data-testid="exam-result">
                <p className="muted">{formatDateTime(new Date(exam.startedAt))}</p>
                {exam.status === "refused" && (
                  <p className="error">{exam.refusal === "late" ? t("exam.late") : t("exam.refused")}</p>
                )}
                {exam.result && (
                  <p>
                    {t("exam.score", {
                      score: exam.result.score,
                      max: exam.result.maxScore,
                      percent: Math.round(exam.result.percentage),
                    })}{" "}
                    — <strong>{exam.result.passed ? t("quiz.passed") : t("quiz.failed")}</strong>
                  </p>
                )}
                {exam.result?.certificateId && <Link href="/certificates">{t("exam.seeCertificate")}</Link>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function ExamRules({ status }: { status: CertificationStatus }) {
  const { t } = useTranslation();
  const rules = [
    t("quiz.rulePassMark", { percent: Math.round(status.passMark * 100) }),
    status.timeLimitMinutes === null
      ? t("quiz.ruleUntimed")
      : t("quiz.ruleTimed", { count: status.timeLimitMinutes }),
    status.maxAttempts === null
      ? t("quiz.ruleUnlimited")
      : t("exam.attemptsUsed", { used: status.attemptsUsed, max: status.maxAttempts }),
  ];
  const reason = status.reason ? START_ERRORS[status.reason] : undefined;
  return (
    <>
      <p className="muted quiz-rules">{rules.join(" · ")}</p>
      {!status.canStart && (
        <p className="notice">
          {t(reason ?? "exam.cannotStart")}
          {status.retryAt && ` ${t("exam.retryAt", { date: formatDateTime(new Date(status.retryAt)) })}`}
        </p>
      )}
    </>
  );
}

function ExamInProgress({ exam }: { exam: CertificationAttempt }) {
  const { t } = useTranslation();
  const lang = useUi((state) => state.language);
  const [page, setPage] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [revealFailed, setRevealFailed] = useState<Record<string, boolean>>({});
  const pageTop = useRef<HTMLDivElement>(null);
  const items = exam.form.items;
  const total = items.length;
  const answered = (item: PublicItem | undefined) =>
    item !== undefined && exam.responses[item.id] !== undefined;
  const unanswered = items.filter((item) => !answered(item)).length;

  const handIn = useCallback(async () => {
    await requestSubmission(exam.attemptId);
    useUi.getState().requestSync();
  }, [exam.attemptId]);

  const reveal = useCallback(
    async (itemId: string, path: { step: string; choice: string }[]) => {
      try {
        const next = await nextCertificationScenarioStep(exam.attemptId, itemId, path);
        await saveScenarioReveal(exam.attemptId, itemId, next);
        setRevealFailed((failed) => ({ ...failed, [itemId]: false }));
      } catch {
        setRevealFailed((failed) => ({ ...failed, [itemId]: true }));
      }
    },
    [exam.attemptId],
  );

  // Scenarios whose next step could not be fetched (no connection) are asked again once back online.
  useEffect(() => {
    const retry = () => {
      for (const item of exam.form.items) {
        if (item.type !== "scenario" || exam.scenarioEnded[item.id]) continue;
        const path = pathOf(exam.responses[item.id]);
        if (path.length > 0 && path.length === 1 + (exam.scenarioSteps[item.id]?.length ?? 0))
          void reveal(item.id, path);
      }
    };
    window.addEventListener("online", retry);
    return () => window.removeEventListener("online", retry);
  }, [exam, reveal]);

  const goTo = (index: number) => {
    setPage(Math.max(0, Math.min(total - 1, index)));
    requestAnimationFrame(() => pageTop.current?.focus());
  };
  const item = items[page];

  return (
    <section className="quiz exam" aria-labelledby="exam-title">
      <h1 id="exam-title">{localize(exam.form.title, lang)}</h1>
      {exam.localDeadline !== null && (
        <Countdown deadline={exam.localDeadline} onExpire={() => void handIn()} />
      )}
      <p className="muted small">{t("exam.savedOnDevice")}</p>
      <QuestionNav count={total} current={page} answered={(index) => answered(items[index])} onGo={goTo} />
      <div ref={pageTop} tabIndex={-1} className="page-top">
        {item && (
          <div className="quiz-item" data-testid="quiz-item">
            <ItemInput
              key={item.id}
              item={publicItemModel(item, exam.scenarioSteps[item.id], exam.scenarioEnded[item.id] ?? false)}
              response={exam.responses[item.id]}
              lang={lang}
              locked={false}
              legend={
                <>
                  <span className="item-number">{t("quiz.question", { number: page + 1, total })}</span>
                  <span className="stem">{localize(item.stem, lang)}</span>
                </>
              }
              onAnswer={(response) => {
                void saveAnswer(exam.attemptId, item.id, response).then(() => {
                  if (item.type === "scenario") void reveal(item.id, pathOf(response));
                });
              }}
              scenarioNotice={
                revealFailed[item.id] ? (
                  <p className="notice">
                    {t("exam.nextStepNeedsConnection")}{" "}
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => void reveal(item.id, pathOf(exam.responses[item.id]))}
                    >
                      {t("exam.tryAgain")}
                    </button>
                  </p>
                ) : (
                  <p role="status">{t("exam.loadingStep")}</p>
                )
              }
            />
          </div>
        )}
      </div>
      <PageButtons index={page} count={total} onGo={goTo} />
      <div className="submit-area">
        {confirming ? (
          <div className="confirm">
            <p>
              {unanswered > 0 ? t("quiz.confirmUnanswered", { count: unanswered }) : t("quiz.confirmSubmit")}
            </p>
            <button type="button" className="button" onClick={() => void handIn()}>
              {t("quiz.submitNow")}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
              {t("quiz.keepAnswering")}
            </button>
          </div>
        ) : (
          <button type="button" className="button" onClick={() => setConfirming(true)}>
            {t("exam.submit")}
          </button>
        )}
      </div>
    </section>
  );
}

function pathOf(response: unknown): { step: string; choice: string }[] {
  const path = response && typeof response === "object" ? (response as { path?: unknown }).path : undefined;
  return Array.isArray(path) ? (path as { step: string; choice: string }[]) : [];
}
