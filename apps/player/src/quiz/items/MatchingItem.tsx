import { localize } from "@bvte/quiz-engine";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { field } from "./response.ts";
import type { ItemInputProps } from "./types.ts";

/** One labelled select per prompt: usable by touch, keyboard and screen reader alike, unlike drag and drop. */
export function Matching({ item, response, lang, locked, legend, onAnswer }: ItemInputProps<"matching">) {
  const { t } = useTranslation();
  const prefix = useId();
  const raw = field(response, "pairs");
  const pairs = raw && typeof raw === "object" ? (raw as Record<string, string>) : {};
  const choose = (promptId: string, choiceId: string) => {
    const { [promptId]: _old, ...rest } = pairs;
    const next = choiceId ? { ...rest, [promptId]: choiceId } : rest;
    onAnswer(Object.keys(next).length > 0 ? { pairs: next } : undefined);
  };
  return (
    <fieldset className="item-group">
      <legend>{legend}</legend>
      <div className="matching">
        {item.prompts.map((prompt, index) => (
          <div key={prompt.id} className="matching-row">
            <label htmlFor={`${prefix}-${index}`}>{localize(prompt.text, lang)}</label>
            <select
              id={`${prefix}-${index}`}
              value={pairs[prompt.id] ?? ""}
              disabled={locked}
              onChange={(event) => choose(prompt.id, event.target.value)}
            >
              <option value="">{t("quiz.chooseMatch")}</option>
              {item.choices.map((choice) => (
                <option key={choice.id} value={choice.id}>
                  {localize(choice.text, lang)}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
