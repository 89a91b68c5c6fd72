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

export function formatDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-");
  return `${day}/${month}/${year}`;
}

export function formatPercent(fraction: number, language: Language): string {
  return new Intl.NumberFormat(language === "vi" ? "vi-VN" : "en-GB", {
    style: "percent",
    maximumFractionDigits: 1,
  }).format(fraction);
}

export { i18next };
