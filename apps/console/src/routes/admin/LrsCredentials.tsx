import type { LrsCredential } from "@bvte/api";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api.ts";
import { useOutcome } from "../../components/Outcome.tsx";
import { Loading } from "../../components/Status.tsx";
import { useApi } from "../../components/useApi.ts";
import { formatVietnamDay } from "../../i18n/index.ts";

/** Credentials other systems use for HTTP Basic access to /xapi (the API is issue 6's). */
export default function LrsCredentials() {
  const { t } = useTranslation();
  const id = useId();
  const credentials = useApi<{ credentials: LrsCredential[] }>("/api/admin/lrs-credentials");
  const [label, setLabel] = useState("");
  const [secret, setSecret] = useState<{ key: string; secret: string } | null>(null);
  const outcome = useOutcome();

  async function create(event: FormEvent) {
    event.preventDefault();
    outcome.clear();
    try {
      const created = await api<{ id: string; key: string; secret: string }>("/api/admin/lrs-credentials", {
        method: "POST",
        body: { label: label.trim() },
      });
      setSecret({ key: created.key, secret: created.secret });
      setLabel("");
      credentials.reload();
    } catch (failure) {
      outcome.fail(failure);
    }
  }

  async function revoke(credential: LrsCredential) {
    try {
      await api(`/api/admin/lrs-credentials/${credential.id}`, { method: "DELETE" });
      credentials.reload();
    } catch (failure) {
      outcome.fail(failure);
    }
  }

  return (
    <section aria-labelledby="lrs-heading">
      <h2 id="lrs-heading">{t("admin.lrs")}</h2>
      <p className="muted">{t("admin.lrsIntro")}</p>
      {credentials.error ? (
        <p role="alert" className="error">
          {credentials.error.status === 404 ? t("admin.lrsUnavailable") : t("loadFailed")}
        </p>
      ) : !credentials.data ? (
        <Loading />
      ) : (
        <>
          <form className="card inline-form" onSubmit={create}>
            <label htmlFor={id}>{t("admin.label")}</label>
            <input id={id} value={label} required onChange={(event) => setLabel(event.target.value)} />
            <button type="submit" className="button">
              {t("admin.addCredential")}
            </button>
          </form>
          {secret && (
            <div className="card secret" role="alert">
              <p>{t("admin.secretOnce", { key: secret.key })}</p>
              <p>
                <code data-testid="lrs-secret">{secret.secret}</code>
              </p>
              <button type="button" className="button secondary" onClick={() => setSecret(null)}>
                {t("common.close")}
              </button>
            </div>
          )}
          {outcome.error && (
            <p role="alert" className="error">
              {outcome.error}
            </p>
          )}
          <div className="table-wrap">
            <table>
              <caption>{t("admin.lrsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("admin.label")}</th>
                  <th scope="col">{t("admin.key")}</th>
                  <th scope="col">{t("admin.createdAt")}</th>
                  <th scope="col">{t("admin.status")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("members.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {credentials.data.credentials.map((credential) => (
                  <tr key={credential.id}>
                    <th scope="row">{credential.label}</th>
                    <td>
                      <code>{credential.key}</code>
                    </td>
                    <td>{formatVietnamDay(credential.createdAt)}</td>
                    <td>{credential.revokedAt ? t("admin.revoked") : t("admin.active")}</td>
                    <td>
                      {!credential.revokedAt && (
                        <button
                          type="button"
                          className="link-button danger"
                          onClick={() => void revoke(credential)}
                        >
                          {t("admin.revokeCredential", { key: credential.key })}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
