import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { query } from "../api.ts";
import { useConsole } from "../store.ts";

/**
 * Downloads of a report (the same figures as the screen, computed by the same server code) and
 * printing on A4. `views` are the CSV tables to choose from; a workbook holds them all.
 */
export function ExportLinks({
  path,
  views,
  extra = {},
}: {
  path: string;
  views?: { id: string; label: string }[];
  extra?: Record<string, string | number>;
}) {
  const { t } = useTranslation();
  const viewId = useId();
  const { asOf, language } = useConsole();
  const [view, setView] = useState(views?.[0]?.id ?? "");
  const params = { asOf, lang: language, ...extra };
  return (
    <section className="export no-print" aria-label={t("export.label")}>
      <a className="button secondary" href={`${path}${query({ ...params, format: "xlsx" })}`} download>
        {t("export.xlsx")}
      </a>
      {views && views.length > 1 && (
        <>
          <label htmlFor={viewId} className="visually-hidden">
            {t("export.csvView")}
          </label>
          <select id={viewId} value={view} onChange={(event) => setView(event.target.value)}>
            {views.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </select>
        </>
      )}
      <a
        className="button secondary"
        href={`${path}${query({ ...params, format: "csv", view: view || undefined })}`}
        download
        title={t("export.csvHint")}
      >
        {t("export.csv")}
      </a>
      <button type="button" className="button secondary" onClick={() => window.print()}>
        {t("export.print")}
      </button>
    </section>
  );
}
