import type { CourseName, MemberPage } from "@bvte/api";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { query } from "../api.ts";
import { formatDate } from "../i18n/index.ts";
import { useConsole } from "../store.ts";
import { Pager } from "./Pager.tsx";
import { Failure, Loading } from "./Status.tsx";
import { useApi } from "./useApi.ts";

const PAGE_SIZE = 25;

/**
 * Who is not yet trained (and what each still lacks), or whose training lapses soon: paged and
 * searched on the server, so a cohort of any size loads one page at a time.
 */
export function MemberList({
  cohortId,
  filter,
  courses,
}: {
  cohortId: string;
  filter: "not-trained" | "expiring";
  courses: CourseName[];
}) {
  const { t } = useTranslation();
  const { language, asOf } = useConsole();
  const searchId = useId();
  const withinId = useId();
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const [withinDays, setWithinDays] = useState(60);
  const path = `/api/cohorts/${cohortId}/members${query({
    asOf,
    filter,
    q: search.trim(),
    page,
    pageSize: PAGE_SIZE,
    sort: filter === "expiring" ? "expires" : "unit",
    withinDays: filter === "expiring" ? withinDays : undefined,
  })}`;
  const { data, error } = useApi<MemberPage>(path);
  const title = (courseId: string) =>
    courses.find((course) => course.id === courseId)?.title[language] ?? courseId;

  return (
    <div className="member-list" data-testid={`list-${filter}`}>
      <div className="table-tools no-print">
        <label htmlFor={searchId}>
          {filter === "expiring" ? t("lists.searchExpiring") : t("lists.searchNotTrained")}
        </label>
        <input
          id={searchId}
          type="search"
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
            setPage(1);
          }}
        />
        {filter === "expiring" && (
          <>
            <label htmlFor={withinId}>{t("lists.within")}</label>
            <select
              id={withinId}
              value={withinDays}
              onChange={(event) => {
                setWithinDays(Number(event.target.value));
                setPage(1);
              }}
            >
              {[30, 60, 90, 180].map((days) => (
                <option key={days} value={days}>
                  {t("lists.days", { count: days })}
                </option>
              ))}
            </select>
          </>
        )}
      </div>
      {error ? (
        <Failure error={error} />
      ) : !data ? (
        <Loading />
      ) : (
        <>
          <div className="table-wrap">
            <table>
              <caption>
                {filter === "expiring"
                  ? t("lists.expiringCaption", { days: withinDays })
                  : t("lists.notTrainedCaption")}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("lists.name")}</th>
                  <th scope="col">{t("lists.login")}</th>
                  <th scope="col">{t("lists.unit")}</th>
                  {filter === "expiring" ? (
                    <th scope="col">{t("lists.expires")}</th>
                  ) : (
                    <th scope="col">{t("lists.lacking")}</th>
                  )}
                </tr>
              </thead>
              <tbody>
                {data.members.length === 0 ? (
                  <tr>
                    <td colSpan={4} className="muted">
                      {t("lists.none")}
                    </td>
                  </tr>
                ) : (
                  data.members.map((member) => (
                    <tr key={member.personId}>
                      <th scope="row">{member.displayName}</th>
                      <td>{member.login}</td>
                      <td>{member.unit.name}</td>
                      {filter === "expiring" ? (
                        <td>{member.expiresOn ? formatDate(member.expiresOn) : "–"}</td>
                      ) : (
                        <td>
                          {member.courses
                            .filter((course) => course.stage !== "passed")
                            .map((course) => `${title(course.courseId)} (${t(`stage.${course.stage}`)})`)
                            .join("; ")}
                        </td>
                      )}
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
          <Pager page={page} pageSize={PAGE_SIZE} total={data.total} onPage={setPage} />
        </>
      )}
    </div>
  );
}
