import { useTranslation } from "react-i18next";
import type { ApiError } from "../api.ts";

/** Loading and failure messages, announced to screen readers. */
export function Loading() {
  const { t } = useTranslation();
  return <p role="status">{t("loading")}</p>;
}

export function Failure({ error, notFound }: { error: ApiError; notFound?: string }) {
  const { t } = useTranslation();
  if (error.status === 404 && notFound) return <p role="alert">{notFound}</p>;
  if (error.status === 403) return <p role="alert">{t("errors.forbidden")}</p>;
  return (
    <p role="alert" className="error">
      {t("loadFailed")}
    </p>
  );
}
