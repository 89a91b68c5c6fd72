import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/** Minutes left at which the remaining time is announced to screen readers. */
const ANNOUNCE_AT = [10, 5, 1];

function formatRemaining(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${rest}` : `${minutes}:${rest}`;
}

/**
 * Time left until `deadline` (epoch ms on this device's clock). The visible clock is not a live
 * region (it would talk every second); a few thresholds are announced instead. `onExpire` runs
 * once when the time is up, also when the page opens after the deadline.
 */
export function Countdown({ deadline, onExpire }: { deadline: number; onExpire: () => void }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  const expired = useRef(false);
  const latest = useRef(onExpire);
  latest.current = onExpire;
  const remaining = deadline - now;

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    if (remaining <= 0 && !expired.current) {
      expired.current = true;
      latest.current();
    }
  }, [remaining]);

  const minutesLeft = Math.ceil(remaining / 60_000);
  const announce = ANNOUNCE_AT.includes(minutesLeft) ? t("quiz.minutesLeft", { count: minutesLeft }) : "";
  return (
    <div className={`countdown${remaining < 60_000 ? " countdown-urgent" : ""}`}>
      <span>{t("quiz.timeLeft")}: </span>
      <span role="timer" className="countdown-clock">
        {remaining > 0 ? formatRemaining(remaining) : t("quiz.timeUp")}
      </span>
      <span className="visually-hidden" aria-live="polite">
        {announce}
      </span>
    </div>
  );
}
