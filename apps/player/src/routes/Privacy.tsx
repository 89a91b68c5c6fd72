import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, giveConsent } from "../api.ts";
import type { PrivacyNotice, Profile } from "../db/player-db.ts";
import { useUi } from "../store.ts";

/** The server's notice, in the learner's language (Vietnamese unless they chose English). */
function Notice({ notice, headingId }: { notice: PrivacyNotice; headingId: string }) {
  const language = useUi((state) => state.language);
  return (
    <>
      <h1 id={headingId}>{notice.title[language]}</h1>
      {notice.sections.map((section) => (
        <section key={section.heading.vi} className="notice-section">
          <h2>{section.heading[language]}</h2>
          <p>{section.body[language]}</p>
        </section>
      ))}
    </>
  );
}

/** The privacy notice a learner accepts once, at the first sign-in, before learning starts. */
export function ConsentNotice({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const notice = profile.privacyNotice;
  if (!notice) return null;
  async function accept(version: string) {
    setBusy(true);
    setError(null);
    try {
      await giveConsent(version);
      // The home page replaces the notice at the same address: start it at the top, not where the
      // long notice was scrolled to.
      window.scrollTo(0, 0);
    } catch (failure) {
      setError(
        failure instanceof ApiError && failure.code === "stale_notice"
          ? t("privacy.stale")
          : t("privacy.failed"),
      );
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="card consent" aria-labelledby="privacy-title">
      <Notice notice={notice} headingId="privacy-title" />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="button" className="button" disabled={busy} onClick={() => void accept(notice.version)}>
        {t("privacy.accept")}
      </button>
    </section>
  );
}

/** The notice again, and the learner's own data to download. */
export default function Privacy({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  return (
    <>
      {profile.privacyNotice ? (
        <Notice notice={profile.privacyNotice} headingId="privacy-title" />
      ) : (
        <h1>{t("privacy.link")}</h1>
      )}
      <p>
        <a className="button" href="/api/me/export" download>
          {t("privacy.export")}
        </a>
      </p>
      <p className="muted">{t("privacy.exportNeedsConnection")}</p>
    </>
  );
}
