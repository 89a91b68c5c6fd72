import { UNIT_KINDS, type UnitEntry } from "@bvte/api";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api.ts";
import { OutcomeMessages, useOutcome } from "../../components/Outcome.tsx";
import { Failure, Loading } from "../../components/Status.tsx";
import { unitDepths, unitOptions } from "../../components/units.ts";
import { useApi } from "../../components/useApi.ts";
import { formatNumber } from "../../i18n/index.ts";
import { useConsole } from "../../store.ts";

export default function Units() {
  const { t } = useTranslation();
  const language = useConsole((state) => state.language);
  const units = useApi<{ units: UnitEntry[] }>("/api/units");
  const outcome = useOutcome();
  const [renaming, setRenaming] = useState<UnitEntry | null>(null);

  if (units.error) return <Failure error={units.error} />;
  if (!units.data) return <Loading />;
  const depth = unitDepths(units.data.units);

  return (
    <section aria-labelledby="units-heading">
      <h2 id="units-heading">{t("admin.units")}</h2>
      <OutcomeMessages notice={outcome.notice} error={outcome.error} />
      <AddUnit
        units={units.data.units}
        onAdded={(id) => {
          outcome.succeed(t("admin.unitAdded", { id }));
          units.reload();
        }}
        onError={outcome.fail}
      />
      {renaming && (
        <RenameUnit
          unit={renaming}
          onDone={(saved) => {
            setRenaming(null);
            if (saved) {
              outcome.succeed(t("admin.renamed"));
              units.reload();
            }
          }}
          onError={outcome.fail}
        />
      )}
      <div className="table-wrap">
        <table data-testid="units-table">
          <caption>{t("admin.unitsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.unitName")}</th>
              <th scope="col">{t("admin.unitCode")}</th>
              <th scope="col">{t("admin.unitKind")}</th>
              <th scope="col" className="num">
                {t("admin.people")}
              </th>
              <th scope="col">
                <span className="visually-hidden">{t("members.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {units.data.units.map((unit) => (
              <tr key={unit.id}>
                <th scope="row" style={{ paddingLeft: `${0.75 + (depth.get(unit.id) ?? 0) * 1.25}rem` }}>
                  {unit.name}
                </th>
                <td>{unit.id}</td>
                <td>{t(`admin.kinds.${unit.kind}`)}</td>
                <td className="num">{formatNumber(unit.people, language)}</td>
                <td>
                  <button type="button" className="link-button" onClick={() => setRenaming(unit)}>
                    {t("admin.rename", { unit: unit.name })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function AddUnit({
  units,
  onAdded,
  onError,
}: {
  units: UnitEntry[];
  onAdded: (id: string) => void;
  onError: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const [kind, setKind] = useState<string>("school");
  const [parentId, setParentId] = useState("");

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await api("/api/admin/units", {
        method: "POST",
        body: { id: code.trim(), name: name.trim(), kind, parentId: parentId || null },
      });
      onAdded(code.trim());
      setCode("");
      setName("");
    } catch (error) {
      onError(error);
    }
  }

  return (
    <form className="card grid-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t("admin.addUnit")}</h3>
      <label htmlFor={`${id}-parent`}>{t("admin.parent")}</label>
      <select id={`${id}-parent`} value={parentId} onChange={(event) => setParentId(event.target.value)}>
        <option value="">{t("admin.noParent")}</option>
        {unitOptions(units).map((option) => (
          <option key={option.id} value={option.id}>
            {option.label}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-code`}>{t("admin.unitCode")}</label>
      <input id={`${id}-code`} value={code} required onChange={(event) => setCode(event.target.value)} />
      <label htmlFor={`${id}-name`}>{t("admin.unitName")}</label>
      <input id={`${id}-name`} value={name} required onChange={(event) => setName(event.target.value)} />
      <label htmlFor={`${id}-kind`}>{t("admin.unitKind")}</label>
      <select id={`${id}-kind`} value={kind} onChange={(event) => setKind(event.target.value)}>
        {UNIT_KINDS.map((value) => (
          <option key={value} value={value}>
            {t(`admin.kinds.${value}`)}
          </option>
        ))}
      </select>
      <button type="submit" className="button">
        {t("admin.addUnit")}
      </button>
    </form>
  );
}

function RenameUnit({
  unit,
  onDone,
  onError,
}: {
  unit: UnitEntry;
  onDone: (saved: boolean) => void;
  onError: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState(unit.name);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await api(`/api/admin/units/${encodeURIComponent(unit.id)}`, {
        method: "PATCH",
        body: { name: name.trim() },
      });
      onDone(true);
    } catch (error) {
      onError(error);
    }
  }

  return (
    <form className="card inline-form" onSubmit={submit}>
      <label htmlFor={id}>{t("admin.rename", { unit: unit.name })}</label>
      {/* biome-ignore lint/a11y/noAutofocus: the form opens on request to edit this one field. */}
      <input id={id} value={name} autoFocus onChange={(event) => setName(event.target.value)} />
      <button type="submit" className="button">
        {t("common.save")}
      </button>
      <button type="button" className="button secondary" onClick={() => onDone(false)}>
        {t("common.cancel")}
      </button>
    </form>
  );
}
