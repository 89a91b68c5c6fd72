import type { CohortSummary, CourseName, MemberPage, MemberStatus } from "@bvte/api";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { ApiError, api, query } from "../api.ts";
import { OutcomeMessages, useOutcome } from "../components/Outcome.tsx";
import { Pager } from "../components/Pager.tsx";
import { PageTitle } from "../components/PageTitle.tsx";
import { Failure, Loading } from "../components/Status.tsx";
import { useApi } from "../components/useApi.ts";
import { formatDate } from "../i18n/index.ts";
import { useConsole } from "../store.ts";

const PAGE_SIZE = 50;

interface Candidate {
  personId: string;
  displayName: string;
  login: string;
  unit: { id: string; name: string };
}

export default function Members({ cohortId }: { cohortId: string }) {
  const { t } = useTranslation();
  const language = useConsole((state) => state.language);
  const searchId = useId();
  const filterId = useId();
  const [search, setSearch] = useState("");
  const [filter, setFilter] = useState<"all" | "trained" | "not-trained">("all");
  const [page, setPage] = useState(1);
  const outcome = useOutcome();
  const [passwordFor, setPasswordFor] = useState<MemberStatus | null>(null);
  const cohort = useApi<CohortSummary>(`/api/cohorts/${cohortId}`);
  const catalog = useApi<{ courses: CourseName[] }>("/api/catalog");
  const members = useApi<MemberPage>(
    `/api/cohorts/${cohortId}/members${query({ q: search.trim(), filter, page, pageSize: PAGE_SIZE })}`,
  );

  if (cohort.error) return <Failure error={cohort.error} notFound={t("cohort.notFound")} />;
  if (!cohort.data) return <Loading />;
  const title = (courseId: string) =>
    catalog.data?.courses.find((course) => course.id === courseId)?.title[language] ?? courseId;
  const name = cohort.data.name;

  async function remove(member: MemberStatus) {
    if (!window.confirm(t("members.removeConfirm", { name: member.displayName }))) return;
    outcome.clear();
    try {
      await api(`/api/cohorts/${cohortId}/members/${member.personId}`, { method: "DELETE" });
      outcome.succeed(t("members.removed", { name: member.displayName }));
      members.reload();
    } catch (error) {
      outcome.fail(error);
    }
  }

  return (
    <>
      <p className="no-print">
        <Link href={`/cohorts/${cohortId}`}>← {name}</Link>
      </p>
      <PageTitle>{t("members.title", { name })}</PageTitle>
      <OutcomeMessages notice={outcome.notice} error={outcome.error} />
      <AddMembers
        cohortId={cohortId}
        onAdded={(candidate) => {
          outcome.succeed(t("members.added", { name: candidate.displayName }));
          members.reload();
        }}
        onError={outcome.fail}
      />
      <div className="table-tools">
        <label htmlFor={searchId}>{t("lists.search")}</label>
        <input
          id={searchId}
          type="search"
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
            setPage(1);
          }}
        />
        <label htmlFor={filterId}>{t("lists.status")}</label>
        <select
          id={filterId}
          value={filter}
          onChange={(event) => {
            setFilter(event.target.value as typeof filter);
            setPage(1);
          }}
        >
          <option value="all">{t("members.filterAll")}</option>
          <option value="trained">{t("members.filterTrained")}</option>
          <option value="not-trained">{t("members.filterNotTrained")}</option>
        </select>
      </div>
      {members.error ? (
        <Failure error={members.error} />
      ) : !members.data ? (
        <Loading />
      ) : (
        <>
          <div className="table-wrap">
            <table data-testid="members-table">
              <caption>{t("members.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("lists.name")}</th>
                  <th scope="col">{t("lists.login")}</th>
                  <th scope="col">{t("lists.unit")}</th>
                  <th scope="col">{t("lists.status")}</th>
                  <th scope="col">{t("lists.joined")}</th>
                  <th scope="col">{t("members.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {members.data.members.length === 0 ? (
                  <tr>
                    <td colSpan={6} className="muted">
                      {t("lists.none")}
                    </td>
                  </tr>
                ) : (
                  members.data.members.map((member) => (
                    <tr key={member.personId}>
                      <th scope="row">{member.displayName}</th>
                      <td>
                        {member.login}
                        {!member.hasPassword && <span className="badge">{t("members.noPassword")}</span>}
                      </td>
                      <td>{member.unit.name}</td>
                      <td>
                        {member.trained ? (
                          <span className="ok">{t("members.trained")}</span>
                        ) : (
                          <>
                            <span className="behind">{t("members.notTrained")}</span>
                            <span className="muted small"> ({member.lacking.map(title).join("; ")})</span>
                          </>
                        )}
                      </td>
                      <td>{formatDate(member.joinedOn)}</td>
                      <td className="row-actions">
                        <button type="button" className="link-button" onClick={() => setPasswordFor(member)}>
                          {t("members.setPassword", { name: member.displayName })}
                        </button>
                        <button
                          type="button"
                          className="link-button danger"
                          onClick={() => void remove(member)}
                        >
                          {t("members.remove", { name: member.displayName })}
                        </button>
                      </td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
          <Pager page={page} pageSize={PAGE_SIZE} total={members.data.total} onPage={setPage} />
        </>
      )}
      {passwordFor && (
        <SetPassword
          member={passwordFor}
          onDone={(message) => {
            setPasswordFor(null);
            if (message) outcome.succeed(message);
          }}
        />
      )}
    </>
  );
}

function AddMembers({
  cohortId,
  onAdded,
  onError,
}: {
  cohortId: string;
  onAdded: (candidate: Candidate) => void;
  onError: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [search, setSearch] = useState("");
  const [found, setFound] = useState<Candidate[] | null>(null);

  async function find(event: FormEvent) {
    event.preventDefault();
    if (!search.trim()) return;
    try {
      const answer = await api<{ people: Candidate[] }>(
        `/api/cohorts/${cohortId}/candidates${query({ q: search.trim() })}`,
      );
      setFound(answer.people);
    } catch (error) {
      onError(error);
    }
  }

  async function add(candidate: Candidate) {
    try {
      await api(`/api/cohorts/${cohortId}/members`, {
        method: "POST",
        body: { personIds: [candidate.personId] },
      });
      setFound((current) => current?.filter((person) => person.personId !== candidate.personId) ?? null);
      onAdded(candidate);
    } catch (error) {
      onError(error);
    }
  }

  return (
    <section className="card no-print" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("members.add")}</h2>
      <form className="inline-form" onSubmit={find}>
        <label htmlFor={id}>{t("members.searchPeople")}</label>
        <input id={id} type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
        <button type="submit" className="button secondary">
          {t("members.searchButton")}
        </button>
      </form>
      {found &&
        (found.length === 0 ? (
          <p className="muted">{t("members.noCandidates")}</p>
        ) : (
          <ul className="candidates">
            {found.map((candidate) => (
              <li key={candidate.personId}>
                {candidate.displayName} ({candidate.login}, {candidate.unit.name}){" "}
                <button type="button" className="button secondary small" onClick={() => void add(candidate)}>
                  {t("members.addPerson", { name: candidate.displayName })}
                </button>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

function SetPassword({ member, onDone }: { member: MemberStatus; onDone: (message: string | null) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await api(`/api/people/${member.personId}/password`, { method: "POST", body: { password } });
      onDone(t("members.passwordSet", { name: member.displayName }));
    } catch (failure) {
      setError(
        failure instanceof ApiError && failure.status === 403
          ? t("errors.forbidden")
          : t("errors.generic", { message: failure instanceof Error ? failure.message : String(failure) }),
      );
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("members.setPassword", { name: member.displayName })}</h2>
      <form className="inline-form" onSubmit={submit}>
        <label htmlFor={id}>{t("members.newPassword")}</label>
        <input
          id={id}
          type="password"
          autoComplete="new-password"
          minLength={10}
          value={password}
          // biome-ignore lint/a11y/noAutofocus: the form opens on request, and its only field is the one to type in.
          autoFocus
          onChange={(event) => setPassword(event.target.value)}
        />
        <button type="submit" className="button">
          {t("common.save")}
        </button>
        <button type="button" className="button secondary" onClick={() => onDone(null)}>
          {t("common.cancel")}
        </button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
