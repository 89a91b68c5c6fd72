import { create } from "zustand";
import { i18next, LANGUAGE_KEY, type Language } from "./i18n/index.ts";

export interface Trainer {
  id: string;
  login: string;
  displayName: string;
  roles: string[];
  homeUnitId: string;
}

interface ConsoleState {
  language: Language;
  trainer: Trainer | null | undefined;
  /** The as-of day (YYYY-MM-DD) every figure is shown for; null for the current figures. */
  asOf: string | null;
  /** A notice for the next page, when an action ends by leaving the page it was taken on. */
  flash: string | null;
  setLanguage: (language: Language) => void;
  setTrainer: (trainer: Trainer | null) => void;
  setAsOf: (asOf: string | null) => void;
  setFlash: (flash: string | null) => void;
}

export const useConsole = create<ConsoleState>()((set) => ({
  language: i18next.language === "en" ? "en" : "vi",
  trainer: undefined,
  asOf: null,
  flash: null,
  setLanguage: (language) => {
    localStorage.setItem(LANGUAGE_KEY, language);
    document.documentElement.lang = language;
    void i18next.changeLanguage(language);
    set({ language });
  },
  setTrainer: (trainer) => set({ trainer }),
  setAsOf: (asOf) => set({ asOf }),
  setFlash: (flash) => set({ flash }),
}));

export const isAdmin = (trainer: Trainer | null | undefined) => trainer?.roles.includes("admin") ?? false;
