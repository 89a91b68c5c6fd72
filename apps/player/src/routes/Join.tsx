import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { ApiError, describeJoinCode, type JoinedCohort, joinCohort } from "../api.ts";
import type { Profile } from "../db/player-db.ts";

const ERRORS: Record<string, string> = {
  unknown_code: "join.unknown",
  code_expired: "join.expired",
  code_revoked: "join.revoked",
  code_used_up: "join.usedUp",
  outside_unit: "join.outsideUnit",
  invalid_body: "join.invalid",
  too_many_attempts: "join.tooMany",
};

type Translate = ReturnType<typeof useTranslation>["t"];

function errorText(t: Translate, failure: unknown): string {
  if (failure instanceof ApiError) {
    const key = failure.code ? ERRORS[failure.code] : undefined;
    if (key) return t(key);
    return failure.status === 401 ? t("join.signInAgain") : t("join.failed");
  }
  return t("join.offline");
}

/** /join/<code> (the link a trainer hands out) or a code typed on the home page: confirm, then join. */
export default function Join({ code, profile }: { code: string; profile: Profile }) {
  const { t } = useTranslation();
  const display = decodeURIComponent(code).toUpperCase();
  const [target, setTarget] = useState<JoinedCohort | null>(null);
  const [joined, setJoined] = useState<JoinedCohort | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Say which group the code leads to before the learner commits; a bad code is reported at once.
  useEffect(() => {
    let cancelled = false;
    setTarget(null);
    setError(null);
    describeJoinCode(display).then(
      (found) => {
        if (!cancelled) setTarget(found);
      },
      (failure: unknown) => {
        if (!cancelled) setError(errorText(t, failure));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [display, t]);

  async function join() {
    setBusy(true);
    setError(null);
    try {
      setJoined(await joinCohort(display, profile.id));
    } catch (failure) {
      setError(errorText(t, failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card narrow" aria-labelledby="join-page-title">
      <h1 id="join-page-title">{t("join.title")}</h1>
      {joined ? (
        <>
          <p className="success" role="status">
            {joined.alreadyMember
              ? t("join.alreadyMember", { cohort: joined.cohortName })
              : t("join.joined", { cohort: joined.cohortName, unit: joined.unitName })}
          </p>
          <Link className="button" href="/">
            {t("join.toHome")}
          </Link>
        </>
      ) : (
        <>
          <p>
            {target
              ? t("join.confirmCohort", { cohort: target.cohortName, unit: target.unitName, code: display })
              : t("join.confirm", { code: display })}
          </p>
          {target?.alreadyMember && (
            <p className="notice">{t("join.alreadyMember", { cohort: target.cohortName })}</p>
          )}
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <button type="button" className="button" disabled={busy} onClick={() => void join()}>
            {busy ? t("join.joining") : t("join.submit")}
          </button>
        </>
      )}
    </section>
  );
}
