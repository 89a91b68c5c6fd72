import { localize } from "@bvte/quiz-engine";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { field } from "./response.ts";
import type { ItemInputProps } from "./types.ts";

type Path = { step: string; choice: string }[];

/**
 * A branching case, one step at a time. A choice is final once made (the engine and the server both
 * refuse to rewrite a path), so picking an option only selects it and a separate button confirms it.
 */
export function Scenario({
  item,
  response,
  lang,
  locked,
  legend,
  onAnswer,
  stepFeedback,
  scenarioNotice,
}: ItemInputProps<"scenario">) {
  const { t } = useTranslation();
  const name = useId();
  const raw = field(response, "path");
  const path: Path = Array.isArray(raw) ? (raw as Path) : [];
  const [selected, setSelected] = useState<string | null>(null);
  const pending = item.steps[path.length];

  return (
    <fieldset className="item-group scenario-item">
      <legend>{legend}</legend>
      <ol className="scenario-steps">
        {path.map((entry, index) => {
          const step = item.steps.find((candidate) => candidate.id === entry.step);
          const choice = step?.options.find((option) => option.id === entry.choice);
          const feedback = stepFeedback?.(entry.step);
          return (
            <li key={entry.step} className="scenario-step done">
              <p className="scenario-prompt">
                {t("quiz.step", { number: index + 1 })}: {step ? localize(step.prompt, lang) : ""}
              </p>
              <p>
                {t("quiz.youChose")}: <strong>{choice ? localize(choice.text, lang) : ""}</strong>
              </p>
              {feedback && <p className="feedback-text">{localize(feedback, lang)}</p>}
            </li>
          );
        })}
        {pending && !locked && (
          <li className="scenario-step">
            <fieldset className="item-group nested">
              <legend className="scenario-prompt">
                {t("quiz.step", { number: path.length + 1 })}: {localize(pending.prompt, lang)}
              </legend>
              <div className="choices">
                {pending.options.map((option) => (
                  <label key={option.id} className="choice">
                    <input
                      type="radio"
                      name={`${name}-${pending.id}`}
                      checked={selected === option.id}
                      onChange={() => setSelected(option.id)}
                    />
                    <span>{localize(option.text, lang)}</span>
                  </label>
                ))}
              </div>
              <button
                type="button"
                className="button confirm-choice"
                disabled={selected === null}
                onClick={() => {
                  if (selected === null) return;
                  onAnswer({ path: [...path, { step: pending.id, choice: selected }] });
                  setSelected(null);
                }}
              >
                {t("quiz.confirmChoice")}
              </button>
            </fieldset>
          </li>
        )}
      </ol>
      {!pending && !item.ended && scenarioNotice}
      {item.ended && path.length > 0 && <p className="muted">{t("quiz.scenarioEnded")}</p>}
    </fieldset>
  );
}
