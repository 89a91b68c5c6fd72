import { create } from "zustand";
import { i18next, LANGUAGE_KEY, type Language } from "./i18n/index.ts";

export interface Trainer {
  id: string;
  login: string;
  displayName: string;
  roles: string[];
}

interface ConsoleState {
  language: Language;
  trainer: Trainer | null | undefined;
  setLanguage: (language: Language) => void;
  setTrainer: (trainer: Trainer | null) => void;
}

export const useConsole = create<ConsoleState>()((set) => ({
  language: i18next.language === "en" ? "en" : "vi",
  trainer: undefined,
  setLanguage: (language) => {
    localStorage.setItem(LANGUAGE_KEY, language);
    document.documentElement.lang = language;
    void i18next.changeLanguage(language);
    set({ language });
  },
  setTrainer: (trainer) => set({ trainer }),
}));
