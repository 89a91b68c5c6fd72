import type { CohortSummary, RosterPreview, RosterProblem } from "@bvte/api";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { ApiError, upload } from "../api.ts";
import { PageTitle } from "../components/PageTitle.tsx";
import { Failure, Loading } from "../components/Status.tsx";
import { useApi } from "../components/useApi.ts";

/** Rows of the preview shown on screen; the import itself takes the whole file. */
const PREVIEW_ROWS = 200;

interface ImportResult {
  created: number;
  added: number;
  alreadyMembers: number;
}

export default function RosterImport({ cohortId }: { cohortId: string }) {
  const { t } = useTranslation();
  const fileId = useId();
  const input = useRef<HTMLInputElement>(null);
  // The outcome of a check takes focus, so a screen reader reads "4 problems…" or "The file is clean…".
  const outcome = useRef<HTMLHeadingElement>(null);
  const cohort = useApi<CohortSummary>(`/api/cohorts/${cohortId}`);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<RosterPreview | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState<"checking" | "importing" | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    if (preview) outcome.current?.focus();
  }, [preview]);

  if (cohort.error) return <Failure error={cohort.error} notFound={t("cohort.notFound")} />;
  if (!cohort.data) return <Loading />;
  const name = cohort.data.name;

  const explain = (error: unknown) =>
    t("errors.generic", { message: error instanceof Error ? error.message : String(error) });

  async function check(event: FormEvent) {
    event.preventDefault();
    const chosen = input.current?.files?.[0] ?? null;
    setFile(chosen);
    setResult(null);
    setFailure(null);
    setPreview(null);
    if (!chosen) return;
    setBusy("checking");
    try {
      setPreview(await upload<RosterPreview>(`/api/cohorts/${cohortId}/roster/preview`, chosen));
    } catch (error) {
      setFailure(explain(error));
    } finally {
      setBusy(null);
    }
  }

  async function importFile() {
    if (!file) return;
    setBusy("importing");
    setFailure(null);
    try {
      setResult(await upload<ImportResult>(`/api/cohorts/${cohortId}/roster/import`, file));
      setPreview(null);
    } catch (error) {
      // The file changed or someone else changed the accounts meanwhile: show the new problems.
      if (error instanceof ApiError && error.code === "roster_invalid")
        setPreview(error.details as RosterPreview);
      else setFailure(explain(error));
    } finally {
      setBusy(null);
    }
  }

  const columnName = (problem: RosterProblem) =>
    problem.column ? t(`roster.columns.${problem.column}`) : t("roster.wholeFile");
  const problemText = (problem: RosterProblem) =>
    t(`roster.codes.${problem.code}`, { otherRow: problem.otherRow, defaultValue: problem.message });
  const cell = (problem: RosterProblem) => {
    const row = preview?.rows.find((candidate) => candidate.row === problem.row);
    if (!row || !problem.column) return "";
    const value = {
      name: row.name,
      login: row.login,
      role: null,
      unit: row.unitId,
      phone: row.phone,
      email: row.email,
    }[problem.column];
    return value ? ` “${value}”` : "";
  };
  const statusText = {
    new: t("roster.statusNew"),
    existing: t("roster.statusExisting"),
    member: t("roster.statusMember"),
  };

  return (
    <>
      <p className="no-print">
        <Link href={`/cohorts/${cohortId}`}>← {name}</Link>
      </p>
      <PageTitle>{t("roster.title", { name })}</PageTitle>
      <div className="card prose">
        <p>{t("roster.intro")}</p>
        <ul>
          <li>{t("roster.encodingHint")}</li>
          <li>{t("roster.rolesHint")}</li>
          <li>{t("roster.rerunHint")}</li>
        </ul>
      </div>
      <form className="card inline-form" onSubmit={check}>
        <label htmlFor={fileId}>{t("roster.file")}</label>
        <input
          id={fileId}
          ref={input}
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={() => {
            setPreview(null);
            setResult(null);
          }}
        />
        <button type="submit" className="button" disabled={busy !== null}>
          {busy === "checking" ? t("roster.checking") : t("roster.check")}
        </button>
      </form>

      <div role="status" aria-live="polite">
        {result && (
          <p className="ok" data-testid="roster-result">
            {t("roster.done", { ...result })}{" "}
            <Link href={`/cohorts/${cohortId}/members`}>{t("cohort.manageMembers")}</Link>
          </p>
        )}
      </div>
      {failure && (
        <p role="alert" className="error">
          {failure}
        </p>
      )}

      {preview &&
        (preview.problems.length > 0 ? (
          <section aria-labelledby="problems-title">
            <h2 id="problems-title" className="behind" ref={outcome} tabIndex={-1}>
              {t("roster.problems", { count: preview.problems.length })}
            </h2>
            <div className="table-wrap">
              <table data-testid="roster-problems">
                <caption>{t("roster.problemsCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t("roster.row")}
                    </th>
                    <th scope="col">{t("roster.column")}</th>
                    <th scope="col">{t("roster.problem")}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.problems.map((problem) => (
                    <tr key={`${problem.row}-${problem.column}-${problem.code}`} data-testid="roster-problem">
                      <th scope="row" className="num">
                        {problem.row ?? "–"}
                      </th>
                      <td>
                        {columnName(problem)}
                        {cell(problem)}
                      </td>
                      <td>{problemText(problem)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ) : (
          <section aria-labelledby="clean-title">
            <h2 id="clean-title" className="ok" ref={outcome} tabIndex={-1}>
              {t("roster.clean", { ...preview.counts })}
            </h2>
            <button
              type="button"
              className="button"
              disabled={busy !== null}
              onClick={() => void importFile()}
            >
              {busy === "importing"
                ? t("roster.importing")
                : t("roster.import", { count: preview.counts.new + preview.counts.existing })}
            </button>
          </section>
        ))}

      {preview && preview.rows.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption>{t("roster.previewCaption")}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t("roster.row")}
                </th>
                <th scope="col">{t("roster.columns.name")}</th>
                <th scope="col">{t("roster.columns.login")}</th>
                <th scope="col">{t("roster.columns.role")}</th>
                <th scope="col">{t("roster.columns.unit")}</th>
                <th scope="col">{t("roster.status")}</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.slice(0, PREVIEW_ROWS).map((row) => (
                <tr key={row.row}>
                  <td className="num">{row.row}</td>
                  <th scope="row">{row.name}</th>
                  <td>{row.login}</td>
                  <td>{row.role ? t(`roles.${row.role}`) : "–"}</td>
                  <td>
                    {row.unitName ?? row.unitId}
                    {row.unitName && <span className="muted small"> ({row.unitId})</span>}
                  </td>
                  <td>{row.status ? statusText[row.status] : "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
