import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { api, type CohortSummary } from "../api.ts";
import { formatDate, formatPercent } from "../i18n/index.ts";
import { useConsole } from "../store.ts";

/** Furthest behind first: the share still missing to reach the target, then the absolute gap. */
export function behindFirst(a: CohortSummary, b: CohortSummary): number {
  const shortfall = (cohort: CohortSummary) => cohort.figures.targetShare - cohort.figures.rate;
  return shortfall(b) - shortfall(a) || b.figures.gap - a.figures.gap || a.name.localeCompare(b.name, "vi");
}

export default function Overview() {
  const { t } = useTranslation();
  const language = useConsole((state) => state.language);
  const [cohorts, setCohorts] = useState<CohortSummary[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    api<{ cohorts: CohortSummary[] }>("/api/cohorts").then(
      (body) => setCohorts(body.cohorts.toSorted(behindFirst)),
      () => setFailed(true),
    );
  }, []);

  if (failed) return <p role="alert">{t("loadFailed")}</p>;
  if (!cohorts) return <p role="status">{t("loading")}</p>;
  return (
    <>
      <h1>{t("overview.title")}</h1>
      {cohorts.length === 0 ? (
        <p>{t("overview.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("overview.cohort")}</th>
                <th scope="col">{t("overview.unit")}</th>
                <th scope="col" className="num">
                  {t("overview.members")}
                </th>
                <th scope="col" className="num">
                  {t("overview.trained")}
                </th>
                <th scope="col" className="num">
                  {t("overview.rate")}
                </th>
                <th scope="col" className="num">
                  {t("overview.target")}
                </th>
                <th scope="col" className="num">
                  {t("overview.gap")}
                </th>
                <th scope="col">{t("overview.deadline")}</th>
              </tr>
            </thead>
            <tbody>
              {cohorts.map((cohort) => (
                <tr key={cohort.id} data-testid="cohort-row">
                  <th scope="row">
                    <Link href={`/cohorts/${cohort.id}`}>{cohort.name}</Link>
                  </th>
                  <td>{cohort.scopeUnit.name}</td>
                  <td className="num">{cohort.figures.members}</td>
                  <td className="num">{cohort.figures.trained}</td>
                  <td className="num">{formatPercent(cohort.figures.rate, language)}</td>
                  <td className="num">{formatPercent(cohort.figures.targetShare, language)}</td>
                  <td className="num">
                    {cohort.figures.targetMet ? (
                      <span className="ok">{t("overview.met")}</span>
                    ) : (
                      cohort.figures.gap
                    )}
                  </td>
                  <td>{cohort.deadline ? formatDate(cohort.deadline) : "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
