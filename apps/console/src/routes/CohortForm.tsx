import type { CatalogCourse, CohortRecord, CohortSummary, UnitEntry } from "@bvte/api";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "wouter";
import { ApiError, api } from "../api.ts";
import { OutcomeMessages, useOutcome } from "../components/Outcome.tsx";
import { PageTitle } from "../components/PageTitle.tsx";
import { Failure, Loading } from "../components/Status.tsx";
import { unitOptions } from "../components/units.ts";
import { useApi } from "../components/useApi.ts";
import { useConsole } from "../store.ts";

type Field = "name" | "scopeUnit" | "courses" | "target" | "validity" | "deadline";

interface Draft {
  name: string;
  scopeUnitId: string;
  courses: string[];
  targetPercent: string;
  startDate: string;
  deadline: string;
  validityMonths: string;
}

const emptyDraft: Draft = {
  name: "",
  scopeUnitId: "",
  courses: [],
  targetPercent: "100",
  startDate: "",
  deadline: "",
  validityMonths: "",
};

/** "85" or "85,5" (Vietnamese decimal comma) as a share of 1. */
const share = (percent: string) => Number(percent.replace(",", ".")) / 100;

function validate(draft: Draft): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  if (!draft.name.trim()) errors.name = "form.errors.name";
  if (!draft.scopeUnitId) errors.scopeUnit = "form.errors.scopeUnit";
  if (draft.courses.length === 0) errors.courses = "form.errors.courses";
  const target = share(draft.targetPercent);
  if (!Number.isFinite(target) || target <= 0 || target > 1) errors.target = "form.errors.target";
  if (draft.validityMonths && !/^[1-9]\d*$/.test(draft.validityMonths))
    errors.validity = "form.errors.validity";
  if (draft.startDate && draft.deadline && draft.deadline < draft.startDate)
    errors.deadline = "form.errors.deadline";
  return errors;
}

export default function CohortForm({ cohortId }: { cohortId?: string }) {
  const { t } = useTranslation();
  const language = useConsole((state) => state.language);
  const [, navigate] = useLocation();
  const units = useApi<{ units: UnitEntry[] }>("/api/units");
  const catalog = useApi<{ courses: CatalogCourse[] }>("/api/catalog");
  const existing = useApi<CohortSummary>(cohortId ? `/api/cohorts/${cohortId}` : null);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const cohort = existing.data;
    if (!cohort) return;
    setDraft({
      name: cohort.name,
      scopeUnitId: cohort.scopeUnit.id,
      courses: cohort.requiredCourses,
      targetPercent: String(Math.round(cohort.figures.targetShare * 10000) / 100),
      startDate: cohort.startDate ?? "",
      deadline: cohort.deadline ?? "",
      validityMonths: cohort.validityMonths ? String(cohort.validityMonths) : "",
    });
  }, [existing.data]);

  const failure = units.error ?? catalog.error ?? existing.error;
  if (failure) return <Failure error={failure} notFound={t("cohort.notFound")} />;
  if (!units.data || !catalog.data || (cohortId && !existing.data)) return <Loading />;

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validate(draft);
    setErrors(found);
    setServerError(null);
    if (Object.keys(found).length > 0) {
      document.getElementById(`field-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    const body = {
      name: draft.name.trim(),
      scopeUnitId: draft.scopeUnitId,
      requiredCourses: draft.courses,
      targetShare: Number(share(draft.targetPercent).toFixed(4)),
      startDate: draft.startDate || null,
      deadline: draft.deadline || null,
      validityMonths: draft.validityMonths ? Number(draft.validityMonths) : null,
    };
    setSaving(true);
    try {
      const saved = await api<CohortRecord>(cohortId ? `/api/cohorts/${cohortId}` : "/api/cohorts", {
        method: cohortId ? "PATCH" : "POST",
        body,
      });
      navigate(`/cohorts/${saved.id}`);
    } catch (error) {
      setServerError(
        error instanceof ApiError && error.code === "members_outside_unit"
          ? t("form.errors.membersOutside")
          : t("form.errors.server", { message: error instanceof Error ? error.message : String(error) }),
      );
    } finally {
      setSaving(false);
    }
  }

  const describe = (field: Field, hint?: string) => {
    const ids = [hint, errors[field] ? `error-${field}` : undefined].filter(Boolean).join(" ");
    return { "aria-describedby": ids || undefined, "aria-invalid": errors[field] ? true : undefined };
  };
  const errorText = (field: Field) =>
    errors[field] ? (
      <p id={`error-${field}`} className="error field-error">
        {t(errors[field] as string)}
      </p>
    ) : null;

  return (
    <>
      <p className="no-print">
        <Link href={cohortId ? `/cohorts/${cohortId}` : "/"}>← {t("cohort.back")}</Link>
      </p>
      <PageTitle>
        {cohortId && existing.data ? t("form.editTitle", { name: existing.data.name }) : t("form.newTitle")}
      </PageTitle>
      <form className="card form" onSubmit={submit} noValidate>
        {serverError && (
          <p role="alert" className="error">
            {serverError}
          </p>
        )}
        <label htmlFor="field-name">{t("form.name")}</label>
        <input
          id="field-name"
          value={draft.name}
          onChange={(event) => set("name", event.target.value)}
          {...describe("name", "hint-name")}
        />
        <p id="hint-name" className="hint muted">
          {t("form.nameHint")}
        </p>
        {errorText("name")}

        <label htmlFor="field-scopeUnit">{t("form.scopeUnit")}</label>
        <select
          id="field-scopeUnit"
          value={draft.scopeUnitId}
          onChange={(event) => set("scopeUnitId", event.target.value)}
          {...describe("scopeUnit", "hint-scopeUnit")}
        >
          <option value="">–</option>
          {unitOptions(units.data.units).map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
            </option>
          ))}
        </select>
        <p id="hint-scopeUnit" className="hint muted">
          {t("form.scopeUnitHint")}
        </p>
        {errorText("scopeUnit")}

        <fieldset id="field-courses" tabIndex={-1} {...describe("courses")}>
          <legend>{t("form.courses")}</legend>
          {catalog.data.courses.map((course) => (
            <label key={course.id} className="check">
              <input
                type="checkbox"
                checked={draft.courses.includes(course.id)}
                onChange={(event) =>
                  set(
                    "courses",
                    event.target.checked
                      ? [...draft.courses, course.id]
                      : draft.courses.filter((id) => id !== course.id),
                  )
                }
              />
              {course.title[language]}
            </label>
          ))}
        </fieldset>
        {errorText("courses")}

        <div className="field-row">
          <div>
            <label htmlFor="field-target">{t("form.target")}</label>
            <input
              id="field-target"
              inputMode="decimal"
              value={draft.targetPercent}
              onChange={(event) => set("targetPercent", event.target.value)}
              {...describe("target", "hint-target")}
            />
            <p id="hint-target" className="hint muted">
              {t("form.targetHint")}
            </p>
            {errorText("target")}
          </div>
          <div>
            <label htmlFor="field-validity">{t("form.validity")}</label>
            <input
              id="field-validity"
              inputMode="numeric"
              value={draft.validityMonths}
              onChange={(event) => set("validityMonths", event.target.value.trim())}
              {...describe("validity", "hint-validity")}
            />
            <p id="hint-validity" className="hint muted">
              {t("form.validityHint")}
            </p>
            {errorText("validity")}
          </div>
        </div>
        <div className="field-row">
          <div>
            <label htmlFor="field-startDate">{t("form.startDate")}</label>
            <input
              id="field-startDate"
              type="date"
              value={draft.startDate}
              onChange={(event) => set("startDate", event.target.value)}
            />
          </div>
          <div>
            <label htmlFor="field-deadline">{t("form.deadline")}</label>
            <input
              id="field-deadline"
              type="date"
              value={draft.deadline}
              onChange={(event) => set("deadline", event.target.value)}
              {...describe("deadline")}
            />
            {errorText("deadline")}
          </div>
        </div>
        <div className="form-actions">
          <button className="button" type="submit" disabled={saving}>
            {cohortId ? t("form.save") : t("form.create")}
          </button>
          <Link href={cohortId ? `/cohorts/${cohortId}` : "/"} className="button secondary">
            {t("form.cancel")}
          </Link>
        </div>
      </form>
      {cohortId && existing.data && <DeleteCohort cohort={existing.data} />}
    </>
  );
}

/** Deleting a cohort takes its members list and codes, never anyone's learning or certificates. */
function DeleteCohort({ cohort }: { cohort: CohortSummary }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const setFlash = useConsole((state) => state.setFlash);
  const outcome = useOutcome();
  const [deleting, setDeleting] = useState(false);

  async function remove() {
    const confirmed = window.confirm(
      t("form.deleteConfirm", { name: cohort.name, count: cohort.figures.members }),
    );
    if (!confirmed) return;
    outcome.clear();
    setDeleting(true);
    try {
      await api(`/api/cohorts/${cohort.id}`, { method: "DELETE" });
      setFlash(t("form.deleted", { name: cohort.name }));
      navigate("/");
    } catch (error) {
      outcome.fail(error);
      setDeleting(false);
    }
  }

  return (
    <section className="card danger-zone" aria-labelledby="delete-cohort">
      <h2 id="delete-cohort">{t("form.deleteTitle")}</h2>
      <p>{t("form.deleteHint")}</p>
      <OutcomeMessages notice={outcome.notice} error={outcome.error} />
      <button type="button" className="button danger" disabled={deleting} onClick={() => void remove()}>
        {t("form.delete", { name: cohort.name })}
      </button>
    </section>
  );
}
