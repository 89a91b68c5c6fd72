import type { TrainerEntry, UnitEntry } from "@bvte/api";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api.ts";
import { OutcomeMessages, useOutcome } from "../../components/Outcome.tsx";
import { Failure, Loading } from "../../components/Status.tsx";
import { unitOptions } from "../../components/units.ts";
import { useApi } from "../../components/useApi.ts";

const selected = (select: HTMLSelectElement) => Array.from(select.selectedOptions, (option) => option.value);

export default function Trainers() {
  const { t } = useTranslation();
  const trainers = useApi<{ trainers: TrainerEntry[] }>("/api/admin/trainers");
  const units = useApi<{ units: UnitEntry[] }>("/api/units");
  const outcome = useOutcome();
  const [editing, setEditing] = useState<TrainerEntry | null>(null);

  const failure = trainers.error ?? units.error;
  if (failure) return <Failure error={failure} />;
  if (!trainers.data || !units.data) return <Loading />;

  async function setActive(trainer: TrainerEntry, active: boolean) {
    try {
      await api(`/api/admin/trainers/${trainer.id}`, { method: "PATCH", body: { active } });
      trainers.reload();
    } catch (problem) {
      outcome.fail(problem);
    }
  }

  return (
    <section aria-labelledby="trainers-heading">
      <h2 id="trainers-heading">{t("admin.trainers")}</h2>
      <OutcomeMessages notice={outcome.notice} error={outcome.error} />
      <AddTrainer
        units={units.data.units}
        onAdded={(login) => {
          outcome.succeed(t("admin.trainerAdded", { login }));
          trainers.reload();
        }}
        onError={outcome.fail}
      />
      {editing && (
        <EditScopes
          trainer={editing}
          units={units.data.units}
          onDone={(saved) => {
            setEditing(null);
            if (saved) trainers.reload();
          }}
          onError={outcome.fail}
        />
      )}
      <div className="table-wrap">
        <table data-testid="trainers-table">
          <caption>{t("admin.trainersCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.displayName")}</th>
              <th scope="col">{t("admin.login")}</th>
              <th scope="col">{t("admin.scopes")}</th>
              <th scope="col">{t("admin.status")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("members.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {trainers.data.trainers.map((trainer) => (
              <tr key={trainer.id}>
                <th scope="row">{trainer.displayName}</th>
                <td>{trainer.login}</td>
                <td>{trainer.scopes.map((scope) => `${scope.name} (${scope.id})`).join("; ")}</td>
                <td>
                  {trainer.active ? t("admin.active") : <span className="behind">{t("admin.inactive")}</span>}
                </td>
                <td className="row-actions">
                  <button type="button" className="link-button" onClick={() => setEditing(trainer)}>
                    {t("admin.editScopes", { name: trainer.displayName })}
                  </button>
                  <button
                    type="button"
                    className="link-button danger"
                    onClick={() => void setActive(trainer, !trainer.active)}
                  >
                    {trainer.active
                      ? t("admin.deactivate", { name: trainer.displayName })
                      : t("admin.activate", { name: trainer.displayName })}
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

function AddTrainer({
  units,
  onAdded,
  onError,
}: {
  units: UnitEntry[];
  onAdded: (login: string) => void;
  onError: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [login, setLogin] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [homeUnitId, setHomeUnitId] = useState(units[0]?.id ?? "");
  const [password, setPassword] = useState("");
  const [scopes, setScopes] = useState<string[]>([]);
  const options = unitOptions(units);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await api("/api/admin/trainers", {
        method: "POST",
        body: { login: login.trim(), displayName: displayName.trim(), homeUnitId, password, scopes },
      });
      onAdded(login.trim().toLowerCase());
      setLogin("");
      setDisplayName("");
      setPassword("");
      setScopes([]);
    } catch (error) {
      onError(error);
    }
  }

  return (
    <form className="card grid-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t("admin.addTrainer")}</h3>
      <label htmlFor={`${id}-login`}>{t("admin.login")}</label>
      <input
        id={`${id}-login`}
        value={login}
        required
        autoComplete="off"
        onChange={(e) => setLogin(e.target.value)}
      />
      <label htmlFor={`${id}-name`}>{t("admin.displayName")}</label>
      <input
        id={`${id}-name`}
        value={displayName}
        required
        onChange={(e) => setDisplayName(e.target.value)}
      />
      <label htmlFor={`${id}-home`}>{t("admin.homeUnit")}</label>
      <select id={`${id}-home`} value={homeUnitId} onChange={(e) => setHomeUnitId(e.target.value)}>
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.label}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-scopes`}>{t("admin.scopes")}</label>
      <select
        id={`${id}-scopes`}
        multiple
        size={6}
        value={scopes}
        aria-describedby={`${id}-scopes-hint`}
        onChange={(e) => setScopes(selected(e.target))}
      >
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.label}
          </option>
        ))}
      </select>
      <p id={`${id}-scopes-hint`} className="hint muted">
        {t("admin.scopesHint")}
      </p>
      <label htmlFor={`${id}-password`}>{t("admin.password")}</label>
      <input
        id={`${id}-password`}
        type="password"
        autoComplete="new-password"
        minLength={10}
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <button type="submit" className="button">
        {t("admin.addTrainer")}
      </button>
    </form>
  );
}

function EditScopes({
  trainer,
  units,
  onDone,
  onError,
}: {
  trainer: TrainerEntry;
  units: UnitEntry[];
  onDone: (saved: boolean) => void;
  onError: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [scopes, setScopes] = useState(trainer.scopes.map((scope) => scope.id));

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await api(`/api/admin/trainers/${trainer.id}`, { method: "PATCH", body: { scopes } });
      onDone(true);
    } catch (error) {
      onError(error);
    }
  }

  return (
    <form className="card inline-form" onSubmit={submit}>
      <label htmlFor={id}>{t("admin.editScopes", { name: trainer.displayName })}</label>
      <select id={id} multiple size={6} value={scopes} onChange={(e) => setScopes(selected(e.target))}>
        {unitOptions(units).map((option) => (
          <option key={option.id} value={option.id}>
            {option.label}
          </option>
        ))}
      </select>
      <button type="submit" className="button">
        {t("admin.saveScopes")}
      </button>
      <button type="button" className="button secondary" onClick={() => onDone(false)}>
        {t("common.cancel")}
      </button>
    </form>
  );
}
