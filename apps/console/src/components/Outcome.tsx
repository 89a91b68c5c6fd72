import { useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * What the last action on a page came to: a notice said politely, or an error said at once. Each
 * replaces the other, so a page never shows a success next to a failure.
 */
export function useOutcome() {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const say = (next: { notice?: string | null; error?: string | null }) => {
    setNotice(next.notice ?? null);
    setError(next.error ?? null);
  };
  return {
    notice,
    error,
    succeed: (message: string) => say({ notice: message }),
    refuse: (message: string) => say({ error: message }),
    /** A failed request or anything thrown, in the words of errors.generic. */
    fail: (problem: unknown) =>
      say({
        error: t("errors.generic", { message: problem instanceof Error ? problem.message : String(problem) }),
      }),
    clear: () => say({}),
  };
}

export function OutcomeMessages({ notice, error }: { notice: string | null; error: string | null }) {
  return (
    <>
      <div role="status" className="notice">
        {notice}
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </>
  );
}
