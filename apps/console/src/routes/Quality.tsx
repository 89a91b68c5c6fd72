import type { CatalogCourse, CohortSummary, ItemAnalysis, QuizQuality, Text } from "@bvte/api";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearch } from "wouter";
import { query } from "../api.ts";
import { PageTitle } from "../components/PageTitle.tsx";
import { Failure, Loading } from "../components/Status.tsx";
import { useApi } from "../components/useApi.ts";
import { formatNumber, formatPercent } from "../i18n/index.ts";
import { useConsole } from "../store.ts";

export default function Quality() {
  const { t } = useTranslation();
  const language = useConsole((state) => state.language);
  const courseId = useId();
  const cohortFieldId = useId();
  const flaggedId = useId();
  const initialCohort = new URLSearchParams(useSearch()).get("cohortId") ?? "";
  const catalog = useApi<{ courses: CatalogCourse[] }>("/api/catalog");
  const cohorts = useApi<{ cohorts: CohortSummary[] }>("/api/cohorts");
  const [cohortId, setCohortId] = useState(initialCohort);
  const [course, setCourse] = useState<string | null>(null);
  const [onlyFlagged, setOnlyFlagged] = useState(false);
  const chosenCohort = cohorts.data?.cohorts.find((cohort) => cohort.id === cohortId);
  const selectedCourse = course ?? chosenCohort?.requiredCourses[0] ?? catalog.data?.courses[0]?.id ?? null;
  const analysis = useApi<{ courseId: string; title: Text; quizzes: QuizQuality[] }>(
    selectedCourse ? `/api/reports/item-analysis${query({ courseId: selectedCourse, cohortId })}` : null,
  );

  if (catalog.error) return <Failure error={catalog.error} />;
  if (!catalog.data) return <Loading />;

  return (
    <>
      <PageTitle>{t("quality.title")}</PageTitle>
      <p className="muted">{t("quality.intro")}</p>
      <div className="card filters">
        <label htmlFor={courseId}>{t("quality.course")}</label>
        <select
          id={courseId}
          value={selectedCourse ?? ""}
          onChange={(event) => setCourse(event.target.value)}
        >
          {catalog.data.courses.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {entry.title[language]}
            </option>
          ))}
        </select>
        <label htmlFor={cohortFieldId}>{t("quality.cohort")}</label>
        <select id={cohortFieldId} value={cohortId} onChange={(event) => setCohortId(event.target.value)}>
          <option value="">{t("quality.allCohorts")}</option>
          {cohorts.data?.cohorts.map((cohort) => (
            <option key={cohort.id} value={cohort.id}>
              {cohort.name}
            </option>
          ))}
        </select>
        <label className="check" htmlFor={flaggedId}>
          <input
            id={flaggedId}
            type="checkbox"
            checked={onlyFlagged}
            onChange={(event) => setOnlyFlagged(event.target.checked)}
          />
          {t("quality.onlyFlagged")}
        </label>
      </div>
      {analysis.error ? (
        <Failure error={analysis.error} />
      ) : !analysis.data || analysis.loading ? (
        <Loading />
      ) : (
        analysis.data.quizzes.map((quiz) => (
          <QuizSection key={quiz.key} quiz={quiz} onlyFlagged={onlyFlagged} />
        ))
      )}
    </>
  );
}

function QuizSection({ quiz, onlyFlagged }: { quiz: QuizQuality; onlyFlagged: boolean }) {
  const { t } = useTranslation();
  const language = useConsole((state) => state.language);
  const { analysis } = quiz;
  const items = analysis.items.filter((item) => !onlyFlagged || item.flags.length > 0);
  const summary = (itemId: string) => quiz.items.find((item) => item.id === itemId);
  const reliability =
    analysis.reliability.coefficient === null
      ? t("quality.reliabilityUnknown")
      : t("quality.reliability", {
          method: analysis.reliability.method === "kr20" ? "KR-20" : "Cronbach α",
          value: formatNumber(analysis.reliability.coefficient, language, 2),
        });
  const title =
    quiz.key === "final" ? `${t("quality.final")}: ${quiz.title[language]}` : quiz.title[language];
  return (
    <details className="quiz card" open={analysis.attempts > 0} data-testid={`quiz-${quiz.key}`}>
      <summary>
        <h2>{title}</h2>
        <span className="muted">
          {t("quality.attempts", { count: analysis.attempts })} · {reliability}
        </span>
      </summary>
      {analysis.attempts === 0 ? (
        <p className="muted">{t("quality.noData")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t("quality.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("quality.item")}</th>
                <th scope="col" className="num">
                  {t("quality.n")}
                </th>
                <th scope="col" className="num">
                  {t("quality.difficulty")}
                </th>
                <th scope="col" className="num">
                  {t("quality.discrimination")}
                </th>
                <th scope="col">{t("quality.options")}</th>
                <th scope="col">{t("quality.flags")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <ItemRow key={item.itemId} item={item} summary={summary(item.itemId)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}

function ItemRow({
  item,
  summary,
}: {
  item: ItemAnalysis;
  summary: QuizQuality["items"][number] | undefined;
}) {
  const { t } = useTranslation();
  const language = useConsole((state) => state.language);
  const options = Object.entries(item.optionCounts);
  return (
    <tr className={item.flags.length > 0 ? "flagged" : undefined}>
      <th scope="row">
        <span className="muted small">{item.itemId}</span> {summary?.stem[language]}
      </th>
      <td className="num">{formatNumber(item.n, language)}</td>
      <td className="num">
        {item.difficulty === null ? "–" : formatPercent(item.difficulty, language)}
        {item.difficulty !== null && (
          <span className="bar" aria-hidden="true">
            <span style={{ width: `${item.difficulty * 100}%` }} />
          </span>
        )}
      </td>
      <td className="num">
        {item.discrimination === null ? "–" : formatNumber(item.discrimination, language, 2)}
      </td>
      <td>
        <ul className="option-counts">
          {options.map(([key, count]) => {
            const option = summary?.options.find((candidate) => candidate.id === key);
            return (
              <li key={key}>
                {option ? `${option.text[language]}` : key}: {formatNumber(count, language)}
                {option?.correct && <span className="ok"> ({t("quality.correct")})</span>}
              </li>
            );
          })}
        </ul>
      </td>
      <td>
        {item.flags.map((flag) => (
          <span key={flag} className="badge warn">
            {t(`quality.flag.${flag}`)}
          </span>
        ))}
      </td>
    </tr>
  );
}
