import { useId } from "react";
import { useTranslation } from "react-i18next";
import { formatDate, todayInVietnam } from "../i18n/index.ts";
import { useConsole } from "../store.ts";

/** Chooses the day every figure is shown for (the 6-month report "as of 20/05", say). */
export function AsOfPicker() {
  const { t } = useTranslation();
  const id = useId();
  const hintId = useId();
  const { asOf, setAsOf } = useConsole();
  return (
    <div className="as-of">
      <div className="no-print">
        <label htmlFor={id}>{t("asOf.label")}</label>
        <input
          id={id}
          type="date"
          value={asOf ?? ""}
          max={todayInVietnam()}
          aria-describedby={hintId}
          onChange={(event) => setAsOf(event.target.value || null)}
        />
        <button
          type="button"
          className="button secondary"
          onClick={() => setAsOf(null)}
          disabled={asOf === null}
        >
          {t("asOf.today")}
        </button>
        <span id={hintId} className="muted hint">
          {t("asOf.hint")}
        </span>
      </div>
      <p className="as-of-showing" data-testid="as-of">
        {asOf ? t("asOf.showing", { date: formatDate(asOf) }) : t("asOf.now")}
      </p>
    </div>
  );
}
