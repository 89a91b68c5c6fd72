import type { CohortDashboard } from "@bvte/api";
import type { TFunction } from "i18next";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { query } from "../api.ts";
import { AsOfPicker } from "../components/AsOfPicker.tsx";
import { ExportLinks } from "../components/ExportLinks.tsx";
import { MemberList } from "../components/MemberList.tsx";
import { PageTitle } from "../components/PageTitle.tsx";
import { Failure, Loading } from "../components/Status.tsx";
import { UnitTree } from "../components/UnitTree.tsx";
import { useApi } from "../components/useApi.ts";
import { formatDate, formatNumber, formatPercent } from "../i18n/index.ts";
import { useConsole } from "../store.ts";

const TrendChart = lazy(() => import("../components/charts/TrendChart.tsx"));
const FunnelChart = lazy(() => import("../components/charts/FunnelChart.tsx"));

export default function Cohort({ cohortId }: { cohortId: string }) {
  const { t } = useTranslation();
  const { language, asOf } = useConsole();
  const { data, error } = useApi<CohortDashboard>(`/api/cohorts/${cohortId}/dashboard${query({ asOf })}`);

  if (error) return <Failure error={error} notFound={t("cohort.notFound")} />;
  if (!data) return <Loading />;
  const { cohort, forecast, courses } = data;
  const { figures } = cohort;
  const title = (courseId: string) =>
    courses.find((course) => course.id === courseId)?.title[language] ?? courseId;
  const segments = [
    { key: "trained", value: figures.trained, label: t("cohort.trained") },
    { key: "in-progress", value: figures.inProgress, label: t("cohort.inProgress") },
    { key: "not-started", value: figures.notStarted, label: t("cohort.notStarted") },
  ];
  const views = [
    { id: "summary", label: t("cohort.headline") },
    { id: "units", label: t("units.title") },
    { id: "courses", label: t("funnel.title") },
    { id: "trend", label: t("trend.title") },
    { id: "not-trained", label: t("lists.notTrained") },
    { id: "expiring", label: t("lists.expiring") },
  ];

  return (
    <article className="dashboard">
      <p className="no-print">
        <Link href="/">← {t("cohort.back")}</Link>
      </p>
      <PageTitle>{cohort.name}</PageTitle>
      <p className="muted">
        {cohort.scopeUnit.name}
        {cohort.startDate && ` · ${t("cohort.start", { date: formatDate(cohort.startDate) })}`}
        {cohort.deadline && ` · ${t("cohort.deadline", { date: formatDate(cohort.deadline) })}`}
        {" · "}
        {cohort.validityMonths
          ? t("cohort.validity", { count: cohort.validityMonths })
          : t("cohort.noValidity")}
        {" · "}
        {t("cohort.courses")}: {cohort.requiredCourses.map(title).join("; ")}
      </p>
      <nav className="actions no-print" aria-label={t("cohort.actions")}>
        <Link href={`/cohorts/${cohort.id}/members`}>{t("cohort.manageMembers")}</Link>
        <Link href={`/cohorts/${cohort.id}/roster`}>{t("cohort.importRoster")}</Link>
        <Link href={`/cohorts/${cohort.id}/join-codes`}>{t("cohort.joinCodes")}</Link>
        <Link href={`/cohorts/${cohort.id}/edit`}>{t("cohort.edit")}</Link>
        <Link href={`/quality?cohortId=${cohort.id}`}>{t("cohort.quality")}</Link>
      </nav>
      <AsOfPicker />
      <ExportLinks path={`/api/reports/cohorts/${cohort.id}`} views={views} />

      <section className="headline card" aria-labelledby="headline-title" data-testid="cohort-headline">
        <h2 id="headline-title" className="visually-hidden">
          {t("cohort.headline")}
        </h2>
        <p className="big">
          <span data-testid="trained">{formatNumber(figures.trained, language)}</span>/
          <span data-testid="members">{formatNumber(figures.members, language)}</span>
          {" · "}
          <span data-testid="rate">{formatPercent(figures.rate, language)}</span>
          <span className="muted small">
            {" "}
            ({t("cohort.target", { target: formatPercent(figures.targetShare, language) })})
          </span>
        </p>
        <p className={figures.targetMet ? "ok" : "behind"} data-testid="gap">
          {figures.targetMet
            ? t("cohort.targetMet", { target: formatPercent(figures.targetShare, language) })
            : t("cohort.gap", { count: figures.gap, formattedCount: formatNumber(figures.gap, language) })}
        </p>
        <dl className="funnel">
          {segments.map((segment) => (
            <div key={segment.key} className={`segment segment-${segment.key}`}>
              <dt>{segment.label}</dt>
              <dd data-testid={`count-${segment.key}`}>{formatNumber(segment.value, language)}</dd>
            </div>
          ))}
        </dl>
        <p data-testid="forecast">
          <strong>{t("forecast.title")}: </strong>
          {forecastText(forecast, t)}{" "}
          {forecast.status !== "no-members" && forecast.status !== "met" && (
            <span className="muted">
              {t("forecast.pace", {
                pace: formatNumber(forecast.pacePer30Days, language, 1),
                days: forecast.windowDays,
              })}
            </span>
          )}
        </p>
      </section>

      <section aria-labelledby="trend-title">
        <h2 id="trend-title">{t("trend.title")}</h2>
        <Suspense fallback={<p role="status">{t("trend.loading")}</p>}>
          <TrendChart trend={data.trend} forecast={forecast} />
        </Suspense>
        <details>
          <summary className="no-print">{t("trend.showTable")}</summary>
          <div className="table-wrap">
            <table>
              <caption>{t("trend.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("trend.date")}</th>
                  <th scope="col" className="num">
                    {t("trend.members")}
                  </th>
                  <th scope="col" className="num">
                    {t("trend.trained")}
                  </th>
                  <th scope="col" className="num">
                    {t("trend.rate")}
                  </th>
                  <th scope="col" className="num">
                    {t("trend.required")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.trend.map((point) => (
                  <tr key={point.date}>
                    <th scope="row">{formatDate(point.date)}</th>
                    <td className="num">{formatNumber(point.members, language)}</td>
                    <td className="num">{formatNumber(point.trained, language)}</td>
                    <td className="num">{formatPercent(point.rate, language)}</td>
                    <td className="num">{formatNumber(point.required, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </section>

      <section aria-labelledby="funnel-title">
        <h2 id="funnel-title">{t("funnel.title")}</h2>
        <Suspense fallback={<p role="status">{t("trend.loading")}</p>}>
          <FunnelChart funnel={data.byCourse} courses={courses} />
        </Suspense>
        <div className="table-wrap">
          <table data-testid="funnel-table">
            <caption>{t("funnel.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("funnel.course")}</th>
                <th scope="col" className="num">
                  {t("cohort.notStarted")}
                </th>
                <th scope="col" className="num">
                  {t("cohort.inProgress")}
                </th>
                <th scope="col" className="num">
                  {t("cohort.completed")}
                </th>
                <th scope="col" className="num">
                  {t("cohort.passed")}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.byCourse.map((course) => (
                <tr key={course.courseId}>
                  <th scope="row">{title(course.courseId)}</th>
                  <td className="num">{formatNumber(course.notStarted, language)}</td>
                  <td className="num">{formatNumber(course.inProgress, language)}</td>
                  <td className="num">{formatNumber(course.completed, language)}</td>
                  <td className="num">{formatNumber(course.passed, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="units-title">
        <h2 id="units-title">{t("units.title")}</h2>
        <UnitTree units={data.byUnit} />
      </section>

      <section aria-labelledby="not-trained-title">
        <h2 id="not-trained-title">{t("lists.notTrained")}</h2>
        <MemberList cohortId={cohort.id} filter="not-trained" courses={courses} />
      </section>

      <section aria-labelledby="expiring-title">
        <h2 id="expiring-title">{t("lists.expiring")}</h2>
        <MemberList cohortId={cohort.id} filter="expiring" courses={courses} />
      </section>
    </article>
  );
}

function forecastText(forecast: CohortDashboard["forecast"], t: TFunction): string {
  const date = forecast.projectedDate ? formatDate(forecast.projectedDate) : "";
  switch (forecast.status) {
    case "on-track":
      return t("forecast.on-track", { date });
    case "after-deadline":
      return forecast.deadline
        ? t("forecast.after-deadline", { date, deadline: formatDate(forecast.deadline) })
        : t("forecast.after-deadline-no-date");
    case "no-progress":
      return t("forecast.no-progress", { days: forecast.windowDays });
    default:
      return t(`forecast.${forecast.status}`);
  }
}
