import { localize, parseLocaleNumber } from "@bvte/quiz-engine";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { field } from "./response.ts";
import type { ItemInputProps } from "./types.ts";

const SAVE_AFTER_MS = 600;

/**
 * A text box whose value is saved shortly after typing stops and when it loses focus, so every
 * keystroke does not become a step of the attempt, yet nothing typed is lost on a reload.
 */
function useDraft(initial: string, save: (value: string) => void) {
  const [draft, setDraft] = useState(initial);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(save);
  latest.current = save;
  useEffect(() => () => clearTimeout(timer.current), []);
  const change = (value: string) => {
    setDraft(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => latest.current(value), SAVE_AFTER_MS);
  };
  const flush = () => {
    clearTimeout(timer.current);
    latest.current(draft);
  };
  return { draft, change, flush };
}

export function ShortText({ response, locked, legend, onAnswer }: ItemInputProps<"short-text">) {
  const { t } = useTranslation();
  const id = useId();
  const raw = field(response, "text");
  const saved = typeof raw === "string" ? raw : "";
  const { draft, change, flush } = useDraft(saved, (value) => {
    if (value !== saved) onAnswer(value.trim() ? { text: value } : undefined);
  });
  return (
    <fieldset className="item-group">
      <legend>{legend}</legend>
      <label htmlFor={id} className="field-label">
        {t("quiz.yourAnswer")}
      </label>
      <input
        id={id}
        className="text-input"
        type="text"
        autoComplete="off"
        value={draft}
        disabled={locked}
        onChange={(event) => change(event.target.value)}
        onBlur={flush}
      />
    </fieldset>
  );
}

export function Numeric({ item, response, lang, locked, legend, onAnswer }: ItemInputProps<"numeric">) {
  const { t } = useTranslation();
  const id = useId();
  const errorId = useId();
  const saved = field(response, "value");
  const initial = typeof saved === "number" ? saved.toLocaleString(lang === "vi" ? "vi-VN" : "en-GB") : "";
  const [invalid, setInvalid] = useState(false);
  const { draft, change, flush } = useDraft(initial, (value) => {
    if (!value.trim()) {
      setInvalid(false);
      if (saved !== undefined) onAnswer(undefined);
      return;
    }
    const number = parseLocaleNumber(value, lang);
    setInvalid(number === undefined);
    if (number !== undefined && number !== saved) onAnswer({ value: number });
  });
  const unit = item.unit ? localize(item.unit, lang) : "";
  return (
    <fieldset className="item-group">
      <legend>{legend}</legend>
      <label htmlFor={id} className="field-label">
        {unit ? t("quiz.yourNumberIn", { unit }) : t("quiz.yourNumber")}
      </label>
      <span className="numeric">
        <input
          id={id}
          className="text-input"
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={draft}
          disabled={locked}
          aria-invalid={invalid}
          aria-describedby={invalid ? errorId : undefined}
          onChange={(event) => change(event.target.value)}
          onBlur={flush}
        />
        {unit && <span aria-hidden="true">{unit}</span>}
      </span>
      {invalid && (
        <p id={errorId} className="error">
          {t("quiz.notANumber")}
        </p>
      )}
    </fieldset>
  );
}
