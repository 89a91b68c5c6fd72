import {
  type Attempt,
  canStartAttempt,
  type Item,
  type ItemView,
  itemView,
  type Lang,
  localize,
  type QuizDefinition,
  type Response,
  type Text,
} from "@bvte/quiz-engine";
import { useLiveQuery } from "dexie-react-hooks";
import { type RefObject, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CatalogCourse } from "../content/catalog.ts";
import { actOnAttempt, attemptsOf, byAttemptNumber, startPracticeAttempt } from "../db/attempts.ts";
import type { PracticeAttempt, QuizKey } from "../db/player-db.ts";
import { formatDateTime } from "../i18n/index.ts";
import { useUi } from "../store.ts";
import { Countdown } from "./Countdown.tsx";
import { describeResponse, practiceItemModel } from "./item-model.ts";
import { ItemInput } from "./items/index.tsx";
import { PageButtons, QuestionNav } from "./QuestionNav.tsx";

export interface PracticeQuizProps {
  course: CatalogCourse;
  quizKey: QuizKey;
  quiz: QuizDefinition;
  personId: string;
  /** "all": every question on the page (short knowledge checks); "paged": one at a time. */
  layout: "all" | "paged";
  headingLevel: 1 | 2;
}

/**
 * A practice quiz graded on the device by the quiz engine. The attempt lives in Dexie: every answer
 * is an engine action saved at once, so a reload resumes the same form at the same place.
 */
export function PracticeQuiz({ course, quizKey, quiz, personId, layout, headingLevel }: PracticeQuizProps) {
  const { t } = useTranslation();
  const lang = useUi((state) => state.language);
  const records = useLiveQuery(
    () => attemptsOf(personId, course.id, quizKey),
    [personId, course.id, quizKey],
  );
  const [startError, setStartError] = useState<string | null>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const firstQuestion = useRef<HTMLDivElement>(null);
  const focusOnChange = useRef<"result" | "question" | null>(null);
  const Heading = headingLevel === 1 ? "h1" : "h2";

  const attempts = byAttemptNumber(records ?? []);
  const current = attempts.at(-1);

  useEffect(() => {
    if (focusOnChange.current === "result") resultHeading.current?.focus();
    if (focusOnChange.current === "question") firstQuestion.current?.focus();
    focusOnChange.current = null;
  });

  if (!records) return <p role="status">{t("quiz.loading")}</p>;

  const start = async () => {
    setStartError(null);
    const started = await startPracticeAttempt({ personId, courseId: course.id, quizKey, quiz });
    if (started.ok) focusOnChange.current = "question";
    else setStartError(refusalText(t, started));
  };
  const act = async (record: PracticeAttempt, action: Parameters<typeof actOnAttempt>[1]) => {
    const updated = await actOnAttempt(record.id, action);
    if (record.attempt.status === "in-progress" && updated?.attempt.status === "graded")
      focusOnChange.current = "result";
  };

  const settings = quiz.settings;
  const canStart = canStartAttempt(
    settings,
    attempts.map((record) => record.attempt),
    Date.now(),
  );

  return (
    <section className={`quiz quiz-${layout}`} aria-labelledby={`quiz-${quiz.id}`}>
      <Heading id={`quiz-${quiz.id}`}>{localize(quiz.title, lang)}</Heading>
      <QuizRules quiz={quiz} />
      {current?.attempt.status === "in-progress" ? (
        <AttemptView
          record={current}
          course={course}
          layout={layout}
          lang={lang}
          onAct={(action) => act(current, action)}
          firstQuestion={firstQuestion}
        />
      ) : (
        <>
          {current && <ResultView record={current} course={course} lang={lang} headingRef={resultHeading} />}
          {canStart.ok ? (
            <p>
              <button type="button" className="button" onClick={() => void start()}>
                {current ? t("quiz.retry") : t("quiz.start")}
              </button>
            </p>
          ) : (
            <p className="notice">{refusalText(t, canStart)}</p>
          )}
          {startError && (
            <p className="error" role="alert">
              {startError}
            </p>
          )}
        </>
      )}
      {layout === "paged" && attempts.some((record) => record.attempt.result) && (
        <AttemptHistory attempts={attempts} />
      )}
    </section>
  );
}

type Translate = ReturnType<typeof useTranslation>["t"];

function refusalText(
  t: Translate,
  check:
    | { ok: false; reason: "in-progress" | "max-attempts" }
    | { ok: false; reason: "cooldown"; retryAt: number },
): string {
  if (check.reason === "cooldown")
    return t("quiz.cooldown", { date: formatDateTime(new Date(check.retryAt)) });
  if (check.reason === "max-attempts") return t("quiz.maxAttempts");
  return t("quiz.inProgress");
}

function QuizRules({ quiz }: { quiz: QuizDefinition }) {
  const { t } = useTranslation();
  const { settings } = quiz;
  const rules = [
    t("quiz.rulePassMark", { percent: Math.round(settings.passMark * 100) }),
    settings.timeLimitMinutes === null
      ? t("quiz.ruleUntimed")
      : t("quiz.ruleTimed", { count: settings.timeLimitMinutes }),
    settings.maxAttempts === null
      ? t("quiz.ruleUnlimited")
      : t("quiz.ruleAttempts", { count: settings.maxAttempts }),
    settings.feedback === "immediate" ? t("quiz.ruleImmediate") : t("quiz.ruleDeferred"),
  ];
  return <p className="muted quiz-rules">{rules.join(" · ")}</p>;
}

function AttemptView({
  record,
  course,
  layout,
  lang,
  onAct,
  firstQuestion,
}: {
  record: PracticeAttempt;
  course: CatalogCourse;
  layout: "all" | "paged";
  lang: Lang;
  onAct: (action: Parameters<typeof actOnAttempt>[1]) => Promise<void>;
  firstQuestion: RefObject<HTMLDivElement | null>;
}) {
  const { t } = useTranslation();
  const { attempt } = record;
  const [page, setPage] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const pageTop = useRef<HTMLDivElement>(null);
  const total = attempt.items.length;
  const views = attempt.items.map((item) => itemView(attempt, item.id));
  const unanswered = views.filter((view) => view?.response === undefined).length;
  const goTo = (index: number) => {
    setPage(Math.max(0, Math.min(total - 1, index)));
    requestAnimationFrame(() => pageTop.current?.focus());
  };
  const shown = layout === "paged" ? [page] : attempt.items.map((_, index) => index);

  return (
    <div className="attempt">
      {attempt.deadline !== null && (
        <Countdown deadline={attempt.deadline} onExpire={() => void onAct({ type: "tick" })} />
      )}
      {layout === "paged" && (
        <QuestionNav
          count={total}
          current={page}
          answered={(index) => views[index]?.response !== undefined}
          onGo={goTo}
        />
      )}
      <div ref={pageTop} tabIndex={-1} className="page-top">
        <div ref={firstQuestion} tabIndex={-1}>
          {shown.map((index) => {
            const item = attempt.items[index];
            const view = views[index];
            if (!item || !view) return null;
            return (
              <PracticeItem
                key={item.id}
                attempt={attempt}
                index={index}
                item={item}
                view={view}
                course={course}
                lang={lang}
                onAct={onAct}
              />
            );
          })}
        </div>
      </div>
      {layout === "paged" && <PageButtons index={page} count={total} onGo={goTo} />}
      {attempt.settings.feedback === "deferred" && (
        <div className="submit-area">
          {confirming ? (
            <div className="confirm">
              <p>
                {unanswered > 0
                  ? t("quiz.confirmUnanswered", { count: unanswered })
                  : t("quiz.confirmSubmit")}
              </p>
              <button type="button" className="button" onClick={() => void onAct({ type: "submit" })}>
                {t("quiz.submitNow")}
              </button>
              <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
                {t("quiz.keepAnswering")}
              </button>
            </div>
          ) : (
            <button type="button" className="button" onClick={() => setConfirming(true)}>
              {t("quiz.submit")}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

function PracticeItem({
  attempt,
  index,
  item,
  view,
  course,
  lang,
  onAct,
}: {
  attempt: Attempt;
  index: number;
  item: Item;
  view: ItemView;
  course: CatalogCourse;
  lang: Lang;
  onAct: (action: Parameters<typeof actOnAttempt>[1]) => Promise<void>;
}) {
  const { t } = useTranslation();
  const formItem = attempt.form.items[index] ?? { itemId: item.id, order: {} };
  const model = practiceItemModel(item, formItem, view.response);
  const immediate = attempt.settings.feedback === "immediate";
  const hintsLeft = (item.hints?.length ?? 0) - view.hints.length;
  const stepFeedback =
    item.type === "scenario" && view.feedback
      ? (stepId: string) => {
          const step = item.steps.find((candidate) => candidate.id === stepId);
          const choice = view.response && "path" in view.response ? view.response.path : [];
          const chosen = choice.find((entry) => entry.step === stepId)?.choice;
          return step?.options.find((option) => option.id === chosen)?.feedback;
        }
      : undefined;

  return (
    <div className={`quiz-item quiz-item-${view.state}`} data-testid="quiz-item">
      <ItemInput
        item={model}
        response={view.response}
        lang={lang}
        locked={view.locked || attempt.status !== "in-progress"}
        legend={
          <>
            <span className="item-number">
              {t("quiz.question", { number: index + 1, total: attempt.items.length })}
            </span>
            <span className="stem">{localize(item.stem, lang)}</span>
          </>
        }
        onAnswer={(response) =>
          void onAct(
            response === undefined
              ? { type: "clear", itemId: item.id }
              : { type: "answer", itemId: item.id, response: response as Response },
          )
        }
        {...(stepFeedback ? { stepFeedback } : {})}
      />
      {view.hints.map((hint, hintIndex) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: hints are revealed in a fixed order.
        <p key={hintIndex} className="hint">
          {t("quiz.hint")}: {localize(hint, lang)}
        </p>
      ))}
      {immediate && attempt.status === "in-progress" && !view.locked && (
        <div className="item-actions">
          <button
            type="button"
            className="button"
            disabled={view.state !== "complete"}
            onClick={() => void onAct({ type: "check", itemId: item.id })}
          >
            {t("quiz.check")}
          </button>
          {hintsLeft > 0 && (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => void onAct({ type: "hint", itemId: item.id })}
            >
              {t("quiz.showHint")}
            </button>
          )}
        </div>
      )}
      <ItemFeedback item={item} view={view} course={course} lang={lang} />
    </div>
  );
}

const STATE_LABELS = {
  right: "quiz.stateRight",
  partial: "quiz.statePartial",
  wrong: "quiz.stateWrong",
  unanswered: "quiz.stateUnanswered",
} as const;

/** Marks, feedback, correct answer and explanation: exactly what the engine's itemView allows now. */
function ItemFeedback({
  item,
  view,
  course,
  lang,
}: {
  item: Item;
  view: ItemView;
  course: CatalogCourse;
  lang: Lang;
}) {
  const { t } = useTranslation();
  const text = (value: Text) => localize(value, lang);
  const hasSomething = view.grade || view.feedback || view.correctResponse || view.explanation;
  if (!hasSomething) return null;
  const feedbackTexts = [
    ...(view.feedback?.item ? [view.feedback.item] : []),
    // Scenario step feedback is already shown under each step.
    ...(item.type === "scenario" ? [] : (view.feedback?.responses ?? [])),
  ];
  const correct = view.correctResponse
    ? describeResponse(item, view.correctResponse, lang, { true: t("quiz.true"), false: t("quiz.false") })
    : [];
  const references = (view.references ?? []).flatMap(
    (id) => course.references.find((reference) => reference.id === id) ?? [],
  );
  return (
    <div className="item-feedback" aria-live="polite">
      {view.grade && view.state in STATE_LABELS && (
        <p className={`grade grade-${view.grade.state}`}>
          <strong>{t(STATE_LABELS[view.grade.state])}</strong>{" "}
          <span className="muted">
            ({t("quiz.points", { score: formatScore(view.grade.score), max: formatScore(view.grade.max) })})
          </span>
        </p>
      )}
      {feedbackTexts.map((feedback, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: feedback texts come in a fixed order.
        <p key={index} className="feedback-text">
          {text(feedback)}
        </p>
      ))}
      {correct.length > 0 && (
        <div className="correct-answer">
          <p>
            <strong>{t("quiz.correctAnswer")}:</strong>
          </p>
          <ul>
            {correct.map((line, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines of one answer, in order.
              <li key={index}>{line}</li>
            ))}
          </ul>
        </div>
      )}
      {view.explanation && (
        <p className="explanation">
          <strong>{t("quiz.explanation")}:</strong> {text(view.explanation)}
        </p>
      )}
      {references.length > 0 && (
        <p className="muted small">
          {t("lesson.reference")}:{" "}
          {references.map((reference, index) => (
            <span key={reference.id}>
              {index > 0 && "; "}
              <a href={reference.url} target="_blank" rel="noopener noreferrer">
                {reference.title}
              </a>
            </span>
          ))}
        </p>
      )}
    </div>
  );
}

function formatScore(value: number): string {
  return String(Math.round(value * 100) / 100).replace(".", ",");
}

function ResultView({
  record,
  course,
  lang,
  headingRef,
}: {
  record: PracticeAttempt;
  course: CatalogCourse;
  lang: Lang;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const { t } = useTranslation();
  const { attempt } = record;
  const result = attempt.result;
  if (!result) return null;
  return (
    <div className={`result ${result.passed ? "result-passed" : "result-failed"}`}>
      <h3 ref={headingRef} tabIndex={-1}>
        {t("quiz.result")}
      </h3>
      <p className="result-line" data-testid="quiz-result">
        {t("quiz.score", {
          score: formatScore(result.score),
          max: formatScore(result.max),
          percent: Math.round(result.percentage),
        })}{" "}
        — <strong>{result.passed ? t("quiz.passed") : t("quiz.failed")}</strong>
      </p>
      {!result.passed && (
        <p className="muted">{t("quiz.passMarkNeeded", { percent: Math.round(result.passMark * 100) })}</p>
      )}
      {attempt.endedBy === "timeout" && <p className="notice">{t("quiz.endedByTimeout")}</p>}
      {attempt.items.some((item) => itemView(attempt, item.id)?.display.marks) && (
        <details className="review" open>
          <summary>{t("quiz.review")}</summary>
          {attempt.items.map((item, index) => {
            const view = itemView(attempt, item.id);
            if (!view) return null;
            return (
              <PracticeItem
                key={item.id}
                attempt={attempt}
                index={index}
                item={item}
                view={view}
                course={course}
                lang={lang}
                onAct={async () => undefined}
              />
            );
          })}
        </details>
      )}
    </div>
  );
}

function AttemptHistory({ attempts }: { attempts: PracticeAttempt[] }) {
  const { t } = useTranslation();
  const finished = attempts.filter((record) => record.attempt.result);
  return (
    <section className="attempt-history" aria-labelledby="attempt-history">
      <h2 id="attempt-history">{t("quiz.history")}</h2>
      <ul>
        {finished.map(({ id, attempt }) => (
          <li key={id}>
            {t("quiz.attemptLine", {
              number: attempt.attemptNumber,
              date: formatDateTime(new Date(attempt.endedAt ?? attempt.startedAt)),
              percent: Math.round(attempt.result?.percentage ?? 0),
            })}{" "}
            — {attempt.result?.passed ? t("quiz.passed") : t("quiz.failed")}
          </li>
        ))}
      </ul>
    </section>
  );
}
