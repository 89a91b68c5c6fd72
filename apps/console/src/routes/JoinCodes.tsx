import type { CohortSummary, JoinCode } from "@bvte/api";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { api } from "../api.ts";
import { OutcomeMessages, useOutcome } from "../components/Outcome.tsx";
import { PageTitle } from "../components/PageTitle.tsx";
import { Failure, Loading } from "../components/Status.tsx";
import { useApi } from "../components/useApi.ts";
import { formatVietnamDay, todayInVietnam } from "../i18n/index.ts";

const in30Days = () =>
  new Date(Date.parse(`${todayInVietnam()}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);

export default function JoinCodes({ cohortId }: { cohortId: string }) {
  const { t } = useTranslation();
  const expiresId = useId();
  const usesId = useId();
  const cohort = useApi<CohortSummary>(`/api/cohorts/${cohortId}`);
  const codes = useApi<{ joinCodes: JoinCode[] }>(`/api/cohorts/${cohortId}/join-codes`);
  const [expiresOn, setExpiresOn] = useState(in30Days);
  const [maxUses, setMaxUses] = useState("");
  const outcome = useOutcome();

  if (cohort.error) return <Failure error={cohort.error} notFound={t("cohort.notFound")} />;
  if (!cohort.data) return <Loading />;
  const name = cohort.data.name;
  const link = (code: JoinCode) => `${window.location.origin}${code.path}`;

  async function create(event: FormEvent) {
    event.preventDefault();
    outcome.clear();
    if (!expiresOn || expiresOn < todayInVietnam()) return outcome.refuse(t("join.errors.expiresOn"));
    if (maxUses && !/^[1-9]\d*$/.test(maxUses)) return outcome.refuse(t("join.errors.maxUses"));
    try {
      const created = await api<JoinCode>(`/api/cohorts/${cohortId}/join-codes`, {
        method: "POST",
        body: { expiresOn, maxUses: maxUses ? Number(maxUses) : null },
      });
      outcome.succeed(t("join.created", { code: created.code }));
      codes.reload();
    } catch (failure) {
      outcome.fail(failure);
    }
  }

  async function revoke(code: JoinCode) {
    try {
      await api(`/api/cohorts/${cohortId}/join-codes/${code.id}`, { method: "DELETE" });
      codes.reload();
    } catch (failure) {
      outcome.fail(failure);
    }
  }

  async function copy(code: JoinCode) {
    await navigator.clipboard?.writeText(link(code)).catch(() => undefined);
    outcome.succeed(t("join.copied"));
  }

  const status = (code: JoinCode) => {
    if (code.revokedAt) return t("join.revoked");
    if (Date.parse(code.expiresAt) <= Date.now()) return t("join.expired");
    if (code.maxUses !== null && code.uses >= code.maxUses) return t("join.usedUp");
    return t("join.active");
  };

  return (
    <>
      <p className="no-print">
        <Link href={`/cohorts/${cohortId}`}>← {name}</Link>
      </p>
      <PageTitle>{t("join.title", { name })}</PageTitle>
      <p className="muted">{t("join.intro")}</p>
      <form className="card inline-form" onSubmit={create}>
        <label htmlFor={expiresId}>{t("join.expiresOn")}</label>
        <input
          id={expiresId}
          type="date"
          min={todayInVietnam()}
          value={expiresOn}
          onChange={(event) => setExpiresOn(event.target.value)}
        />
        <label htmlFor={usesId}>{t("join.maxUses")}</label>
        <input
          id={usesId}
          inputMode="numeric"
          value={maxUses}
          onChange={(event) => setMaxUses(event.target.value.trim())}
        />
        <button type="submit" className="button">
          {t("join.create")}
        </button>
      </form>
      <OutcomeMessages notice={outcome.notice} error={outcome.error} />
      {codes.error ? (
        <Failure error={codes.error} />
      ) : !codes.data ? (
        <Loading />
      ) : codes.data.joinCodes.length === 0 ? (
        <p>{t("join.none")}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="join-codes">
            <caption>{t("join.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("join.code")}</th>
                <th scope="col">{t("join.link")}</th>
                <th scope="col">{t("join.expires")}</th>
                <th scope="col" className="num">
                  {t("join.uses")}
                </th>
                <th scope="col">{t("join.status")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("members.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {codes.data.joinCodes.map((code) => (
                <tr key={code.id}>
                  <th scope="row" className="code">
                    {code.code}
                  </th>
                  <td>
                    <code>{link(code)}</code>{" "}
                    <button type="button" className="link-button no-print" onClick={() => void copy(code)}>
                      {t("join.copy")}
                    </button>
                  </td>
                  <td>{formatVietnamDay(code.expiresAt)}</td>
                  <td className="num">
                    {code.uses} / {code.maxUses ?? t("join.unlimited")}
                  </td>
                  <td>{status(code)}</td>
                  <td>
                    {!code.revokedAt && (
                      <button type="button" className="link-button danger" onClick={() => void revoke(code)}>
                        {t("join.revoke", { code: code.code })}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
