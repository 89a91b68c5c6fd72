import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "./en.ts";
import { vi } from "./vi.ts";

export type Language = "vi" | "en";
export const LANGUAGE_KEY = "bvte.console.language";

i18next.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: localStorage.getItem(LANGUAGE_KEY) === "en" ? "en" : "vi",
  fallbackLng: "vi",
  interpolation: { escapeValue: false },
});

const locale = (language: Language) => (language === "vi" ? "vi-VN" : "en-GB");

/** dd/mm/yyyy, whatever the language: the format of Vietnamese reports. */
export function formatDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split("-");
  return `${day}/${month}/${year}`;
}

/** A calendar day in Vietnam (UTC+7) of an instant, as dd/mm/yyyy. */
export function formatVietnamDay(instant: string): string {
  return formatDate(new Date(Date.parse(instant) + 7 * 3_600_000).toISOString());
}

/** Rounded like the exports: one decimal at most. */
export function formatPercent(fraction: number, language: Language): string {
  return new Intl.NumberFormat(locale(language), { style: "percent", maximumFractionDigits: 1 }).format(
    fraction,
  );
}

export function formatNumber(value: number, language: Language, fractionDigits = 0): string {
  return new Intl.NumberFormat(locale(language), {
    minimumFractionDigits: 0,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

/** Today in Vietnam as YYYY-MM-DD (reports count whole Vietnamese days). */
export function todayInVietnam(): string {
  return new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
}

export { i18next };
