import { useTranslation } from "react-i18next";

/** Paged quizzes with at most this many questions show the question grid open. */
const OPEN_UP_TO = 12;

/** Jump to any question of a paged quiz; each button says whether its question is answered. */
export function QuestionNav({
  count,
  current,
  answered,
  onGo,
}: {
  count: number;
  current: number;
  answered: (index: number) => boolean;
  onGo: (index: number) => void;
}) {
  const { t } = useTranslation();
  const done = Array.from({ length: count }, (_, index) => answered(index)).filter(Boolean).length;
  return (
    <nav className="question-nav" aria-label={t("quiz.questions")}>
      {/* A long exam's grid would push the question below the fold on a phone: it folds away. */}
      <details open={count <= OPEN_UP_TO}>
        <summary>{t("quiz.answeredCount", { done, total: count })}</summary>
        <ol>
          {Array.from({ length: count }, (_, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: questions are positions in a fixed form.
            <li key={index}>
              <button
                type="button"
                className={`question-dot${answered(index) ? " answered" : ""}`}
                aria-current={index === current ? "step" : undefined}
                aria-label={t(answered(index) ? "quiz.goToAnswered" : "quiz.goToUnanswered", {
                  number: index + 1,
                })}
                onClick={() => onGo(index)}
              >
                {index + 1}
              </button>
            </li>
          ))}
        </ol>
      </details>
    </nav>
  );
}

/** Previous / next buttons under a paged question. */
export function PageButtons({
  index,
  count,
  onGo,
}: {
  index: number;
  count: number;
  onGo: (index: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="page-buttons">
      <button
        type="button"
        className="button button-secondary"
        disabled={index === 0}
        onClick={() => onGo(index - 1)}
      >
        ← {t("quiz.previous")}
      </button>
      <button
        type="button"
        className="button button-secondary"
        disabled={index === count - 1}
        onClick={() => onGo(index + 1)}
      >
        {t("quiz.next")} →
      </button>
    </div>
  );
}
