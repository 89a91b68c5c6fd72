import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import type { Language } from "../content/catalog.ts";
import { en } from "./en.ts";
import { vi } from "./vi.ts";

export const LANGUAGE_KEY = "bvte.language";

export function initialLanguage(): Language {
  return localStorage.getItem(LANGUAGE_KEY) === "en" ? "en" : "vi";
}

i18next.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: "vi",
  interpolation: { escapeValue: false },
});

/** dd/mm/yyyy in both languages, as Vietnamese forms and reports expect. */
export function formatDate(value: string | Date): string {
  const date =
    typeof value === "string" ? new Date(value.length === 10 ? `${value}T00:00:00` : value) : value;
  return new Intl.DateTimeFormat("vi-VN", { day: "2-digit", month: "2-digit", year: "numeric" }).format(date);
}

/** dd/mm/yyyy hh:mm, 24-hour clock. */
export function formatDateTime(date: Date): string {
  const time = new Intl.DateTimeFormat("vi-VN", { hour: "2-digit", minute: "2-digit", hour12: false }).format(
    date,
  );
  return `${formatDate(date)} ${time}`;
}

export { i18next };
