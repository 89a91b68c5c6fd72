import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { ApiError, api, type CohortSummary } from "../api.ts";
import { formatDate, formatPercent } from "../i18n/index.ts";
import { useConsole } from "../store.ts";

export default function Cohort({ cohortId }: { cohortId: string }) {
  const { t } = useTranslation();
  const language = useConsole((state) => state.language);
  const [cohort, setCohort] = useState<CohortSummary | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<CohortSummary>(`/api/cohorts/${cohortId}`).then(setCohort, (failure) =>
      setError(
        failure instanceof ApiError && failure.status === 404 ? t("cohort.notFound") : t("loadFailed"),
      ),
    );
  }, [cohortId, t]);

  if (error) return <p role="alert">{error}</p>;
  if (!cohort) return <p role="status">{t("loading")}</p>;
  const { figures } = cohort;
  const segments = [
    { key: "trained", value: figures.trained, label: t("cohort.trained") },
    { key: "in-progress", value: figures.inProgress, label: t("cohort.inProgress") },
    { key: "not-started", value: figures.notStarted, label: t("cohort.notStarted") },
  ];
  return (
    <>
      <p>
        <Link href="/">← {t("cohort.back")}</Link>
      </p>
      <h1>{cohort.name}</h1>
      <p className="muted">
        {cohort.scopeUnit.name}
        {cohort.deadline && ` · ${t("overview.deadline")}: ${formatDate(cohort.deadline)}`}
        {" · "}
        {cohort.validityMonths
          ? t("cohort.validity", { count: cohort.validityMonths })
          : t("cohort.noValidity")}
      </p>
      <div className="headline" data-testid="cohort-headline">
        <p className="big">
          <span data-testid="trained">{figures.trained}</span>/
          <span data-testid="members">{figures.members}</span>
          {" · "}
          {formatPercent(figures.rate, language)}
        </p>
        <p className={figures.targetMet ? "ok" : "behind"} data-testid="gap">
          {figures.targetMet
            ? t("cohort.targetMet", { target: formatPercent(figures.targetShare, language) })
            : t("cohort.gap", { count: figures.gap })}
        </p>
      </div>
      <dl className="funnel">
        {segments.map((segment) => (
          <div key={segment.key} className={`segment segment-${segment.key}`}>
            <dt>{segment.label}</dt>
            <dd data-testid={`count-${segment.key}`}>{segment.value}</dd>
          </div>
        ))}
      </dl>
      <h2>{t("cohort.courses")}</h2>
      <ul>
        {cohort.requiredCourses.map((course) => (
          <li key={course}>{course}</li>
        ))}
      </ul>
    </>
  );
}
