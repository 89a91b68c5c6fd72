import { localize } from "@bvte/quiz-engine";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { field } from "./response.ts";
import type { ItemInputProps } from "./types.ts";

type Direction = "up" | "down";

/**
 * Reordering with "move up" / "move down" buttons rather than dragging, so it works by keyboard,
 * switch access and screen reader; each move is announced. The list starts in the form's shuffled
 * order; keeping that order is an explicit answer too.
 */
export function Ordering({ item, response, lang, locked, legend, onAnswer }: ItemInputProps<"ordering">) {
  const { t } = useTranslation();
  const hint = useId();
  const list = useRef<HTMLOListElement>(null);
  const [announcement, setAnnouncement] = useState("");
  const [focus, setFocus] = useState<{ id: string; direction: Direction } | null>(null);
  const saved = field(response, "order");
  const ids = item.sequence.map((entry) => entry.id);
  const order =
    Array.isArray(saved) && saved.length === ids.length && ids.every((id) => saved.includes(id))
      ? (saved as string[])
      : ids;
  const textOf = (id: string) =>
    localize(item.sequence.find((entry) => entry.id === id)?.text ?? { vi: "", en: "" }, lang);

  // The moved entry changes place in the DOM; keep the focus on its button so repeated moves are easy.
  useEffect(() => {
    if (!focus || !list.current) return;
    const buttons = list.current.querySelectorAll<HTMLButtonElement>(
      `[data-entry="${CSS.escape(focus.id)}"]`,
    );
    const preferred = [...buttons].find(
      (button) => button.dataset.direction === focus.direction && !button.disabled,
    );
    (preferred ?? [...buttons].find((button) => !button.disabled))?.focus();
  }, [focus]);

  const move = (index: number, direction: Direction) => {
    const target = direction === "up" ? index - 1 : index + 1;
    const id = order[index];
    const other = order[target];
    if (id === undefined || other === undefined) return;
    const next = [...order];
    next[index] = other;
    next[target] = id;
    onAnswer({ order: next });
    setFocus({ id, direction });
    setAnnouncement(t("quiz.moved", { text: textOf(id), position: target + 1, total: order.length }));
  };

  return (
    <fieldset className="item-group" aria-describedby={hint}>
      <legend>{legend}</legend>
      <p id={hint} className="muted item-hint">
        {t("quiz.orderHint")}
      </p>
      <ol className="ordering" ref={list}>
        {order.map((id, index) => (
          <li key={id} className="ordering-row">
            <span className="ordering-item">
              <span className="ordering-text">{textOf(id)}</span>
              <span className="ordering-buttons">
                <button
                  type="button"
                  className="icon-button"
                  data-entry={id}
                  data-direction="up"
                  disabled={locked || index === 0}
                  aria-label={t("quiz.moveUp", { text: textOf(id) })}
                  onClick={() => move(index, "up")}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="icon-button"
                  data-entry={id}
                  data-direction="down"
                  disabled={locked || index === order.length - 1}
                  aria-label={t("quiz.moveDown", { text: textOf(id) })}
                  onClick={() => move(index, "down")}
                >
                  ↓
                </button>
              </span>
            </span>
          </li>
        ))}
      </ol>
      {!locked && saved === undefined && (
        <button type="button" className="button button-secondary" onClick={() => onAnswer({ order })}>
          {t("quiz.keepOrder")}
        </button>
      )}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </fieldset>
  );
}
