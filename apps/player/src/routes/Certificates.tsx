import { useLiveQuery } from "dexie-react-hooks";
import { useTranslation } from "react-i18next";
import { findCourse } from "../content/catalog.ts";
import { db, type Profile } from "../db/player-db.ts";
import { formatDate } from "../i18n/index.ts";
import { useUi } from "../store.ts";

/** The learner's certificates (the list is kept on the device; the PDF comes from the server). */
export default function Certificates({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const language = useUi((state) => state.language);
  const certificates = useLiveQuery(
    () => db.certificates.where("personId").equals(profile.id).reverse().sortBy("issuedAt"),
    [profile.id],
  );
  return (
    <>
      <h1>{t("certificates.title")}</h1>
      {certificates && certificates.length === 0 && <p>{t("certificates.none")}</p>}
      <ul className="cards">
        {certificates?.map((certificate) => (
          <li key={certificate.id} className="card" data-testid="certificate">
            <p className="card-title">
              {findCourse(certificate.courseId)?.title[language] ?? certificate.courseId}
            </p>
            <p>
              <span className={`status status-certificate-${certificate.status}`}>
                {t(`certificates.status.${certificate.status}`)}
              </span>
              {certificate.percentage !== null &&
                ` · ${t("certificates.score", { percent: certificate.percentage })}`}
            </p>
            <p>
              {t("certificates.issued", { date: formatDate(certificate.issuedAt) })}
              {" · "}
              {certificate.expiresAt
                ? t("certificates.expires", { date: formatDate(certificate.expiresAt) })
                : t("certificates.noExpiry")}
            </p>
            <p className="muted small">
              {t("certificates.number")}: <span className="mono">{certificate.id}</span>
            </p>
            <p className="button-row">
              <a className="button" href={certificate.pdfUrl} download>
                {t("certificates.download")}
              </a>
              <a href={certificate.verifyUrl} target="_blank" rel="noopener noreferrer">
                {t("certificates.verify")}
              </a>
            </p>
          </li>
        ))}
      </ul>
      <p className="muted">{t("certificates.needsConnection")}</p>
    </>
  );
}
