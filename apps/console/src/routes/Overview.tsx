import type { CohortSummary } from "@bvte/api";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { query } from "../api.ts";
import { AsOfPicker } from "../components/AsOfPicker.tsx";
import { type Column, DataTable } from "../components/DataTable.tsx";
import { ExportLinks } from "../components/ExportLinks.tsx";
import { PageTitle } from "../components/PageTitle.tsx";
import { Failure, Loading } from "../components/Status.tsx";
import { useApi } from "../components/useApi.ts";
import { formatDate, formatNumber, formatPercent } from "../i18n/index.ts";
import { useConsole } from "../store.ts";

export default function Overview() {
  const { t } = useTranslation();
  const { language, asOf, flash, setFlash } = useConsole();
  // A notice brought from the page before (a deleted cohort) is said once, then forgotten.
  useEffect(() => () => setFlash(null), [setFlash]);
  // The server sends the cohorts furthest behind first; the table keeps that order until sorted.
  const { data, error } = useApi<{ cohorts: CohortSummary[] }>(`/api/cohorts${query({ asOf })}`);

  const columns: Column<CohortSummary>[] = [
    {
      key: "name",
      header: t("overview.cohort"),
      value: (cohort) => cohort.name,
      render: (cohort) => <Link href={`/cohorts/${cohort.id}`}>{cohort.name}</Link>,
      rowHeader: true,
    },
    { key: "unit", header: t("overview.unit"), value: (cohort) => cohort.scopeUnit.name },
    {
      key: "members",
      header: t("overview.members"),
      value: (cohort) => cohort.figures.members,
      render: (cohort) => formatNumber(cohort.figures.members, language),
      numeric: true,
    },
    {
      key: "trained",
      header: t("overview.trained"),
      value: (cohort) => cohort.figures.trained,
      render: (cohort) => formatNumber(cohort.figures.trained, language),
      numeric: true,
    },
    {
      key: "rate",
      header: t("overview.rate"),
      value: (cohort) => cohort.figures.rate,
      render: (cohort) => (
        <span className="rate-cell">
          <span className="bar" aria-hidden="true">
            <span style={{ width: `${Math.min(100, cohort.figures.rate * 100)}%` }} />
            <span className="target-mark" style={{ left: `${cohort.figures.targetShare * 100}%` }} />
          </span>
          {formatPercent(cohort.figures.rate, language)}
        </span>
      ),
      numeric: true,
    },
    {
      key: "target",
      header: t("overview.target"),
      value: (cohort) => cohort.figures.targetShare,
      render: (cohort) => formatPercent(cohort.figures.targetShare, language),
      numeric: true,
    },
    {
      key: "gap",
      header: t("overview.gap"),
      value: (cohort) => cohort.figures.gap,
      render: (cohort) => formatNumber(cohort.figures.gap, language),
      numeric: true,
    },
    {
      key: "status",
      header: t("overview.status"),
      value: (cohort) => (cohort.figures.targetMet ? t("overview.met") : t("overview.notMet")),
      render: (cohort) =>
        cohort.figures.targetMet ? (
          <span className="ok">{t("overview.met")}</span>
        ) : (
          <span className="behind">{t("overview.notMet")}</span>
        ),
    },
    {
      key: "deadline",
      header: t("overview.deadline"),
      value: (cohort) => cohort.deadline,
      render: (cohort) => (cohort.deadline ? formatDate(cohort.deadline) : "–"),
    },
  ];

  return (
    <>
      <div className="page-head">
        <PageTitle>{t("overview.title")}</PageTitle>
        <Link href="/cohorts/new" className="button no-print">
          {t("overview.newCohort")}
        </Link>
      </div>
      <div role="status" className="notice">
        {flash}
      </div>
      <AsOfPicker />
      <ExportLinks path="/api/reports/overview" />
      {error ? (
        <Failure error={error} />
      ) : !data ? (
        <Loading />
      ) : data.cohorts.length === 0 ? (
        <p>{t("overview.empty")}</p>
      ) : (
        <DataTable
          caption={t("overview.caption")}
          columns={columns}
          rows={data.cohorts}
          rowKey={(cohort) => cohort.id}
          rowTestId="cohort-row"
        />
      )}
    </>
  );
}
