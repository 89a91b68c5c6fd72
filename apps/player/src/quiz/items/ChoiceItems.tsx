import { localize } from "@bvte/quiz-engine";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { field } from "./response.ts";
import type { ItemInputProps } from "./types.ts";

export function SingleChoice({
  item,
  response,
  lang,
  locked,
  legend,
  onAnswer,
}: ItemInputProps<"single-choice">) {
  const name = useId();
  const chosen = field(response, "choice");
  return (
    <fieldset className="item-group">
      <legend>{legend}</legend>
      <div className="choices">
        {item.options.map((option) => (
          <label key={option.id} className="choice">
            <input
              type="radio"
              name={name}
              value={option.id}
              checked={chosen === option.id}
              disabled={locked}
              onChange={() => onAnswer({ choice: option.id })}
            />
            <span>{localize(option.text, lang)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function MultipleResponse({
  item,
  response,
  lang,
  locked,
  legend,
  onAnswer,
}: ItemInputProps<"multiple-response">) {
  const { t } = useTranslation();
  const hint = useId();
  const raw = field(response, "choices");
  const chosen = Array.isArray(raw) ? (raw as string[]) : [];
  const toggle = (id: string, on: boolean) => {
    // Keep the presentation order, so the saved response does not depend on the order of clicks.
    const next = item.options.map((o) => o.id).filter((o) => (o === id ? on : chosen.includes(o)));
    onAnswer(next.length > 0 ? { choices: next } : undefined);
  };
  return (
    <fieldset className="item-group" aria-describedby={hint}>
      <legend>{legend}</legend>
      <p id={hint} className="muted item-hint">
        {t("quiz.chooseAll")}
      </p>
      <div className="choices">
        {item.options.map((option) => (
          <label key={option.id} className="choice">
            <input
              type="checkbox"
              value={option.id}
              checked={chosen.includes(option.id)}
              disabled={locked}
              onChange={(event) => toggle(option.id, event.target.checked)}
            />
            <span>{localize(option.text, lang)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function TrueFalse({ response, locked, legend, onAnswer }: ItemInputProps<"true-false">) {
  const { t } = useTranslation();
  const name = useId();
  const value = field(response, "value");
  return (
    <fieldset className="item-group">
      <legend>{legend}</legend>
      <div className="choices choices-inline">
        {[true, false].map((option) => (
          <label key={String(option)} className="choice">
            <input
              type="radio"
              name={name}
              checked={value === option}
              disabled={locked}
              onChange={() => onAnswer({ value: option })}
            />
            <span>{option ? t("quiz.true") : t("quiz.false")}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
