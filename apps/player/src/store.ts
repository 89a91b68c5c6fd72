import { create } from "zustand";
import type { Language } from "./content/catalog.ts";
import { i18next, LANGUAGE_KEY } from "./i18n/index.ts";

export type SyncPhase = "idle" | "syncing" | "offline" | "needs-sign-in" | "error";

/** UI state only; anything that must survive a reload lives in Dexie. */
interface UiState {
  language: Language;
  syncPhase: SyncPhase;
  updateAvailable: boolean;
  applyUpdate: (() => void) | null;
  /** The service worker has precached everything: the app now works with no network. */
  offlineReady: boolean;
  /** The learner asked to sign in again (after the session expired) from the sync bar. */
  signInAgainOpen: boolean;
  /** Bumped to ask the sync engine for an immediate run (e.g. right after signing in again). */
  syncRequests: number;
  requestSync: () => void;
  setLanguage: (language: Language) => void;
  setSyncPhase: (phase: SyncPhase) => void;
  offerUpdate: (apply: () => void) => void;
  dismissUpdate: () => void;
  setOfflineReady: (ready: boolean) => void;
  setSignInAgainOpen: (open: boolean) => void;
}

export const useUi = create<UiState>()((set) => ({
  language: i18next.language === "en" ? "en" : "vi",
  syncPhase: "idle",
  updateAvailable: false,
  applyUpdate: null,
  offlineReady: false,
  signInAgainOpen: false,
  syncRequests: 0,
  requestSync: () =>
    set((state) => ({ syncRequests: state.syncRequests + 1, syncPhase: "idle", signInAgainOpen: false })),
  setLanguage: (language) => {
    localStorage.setItem(LANGUAGE_KEY, language);
    document.documentElement.lang = language;
    void i18next.changeLanguage(language);
    set({ language });
  },
  setSyncPhase: (syncPhase) => set({ syncPhase }),
  offerUpdate: (applyUpdate) => set({ updateAvailable: true, applyUpdate }),
  dismissUpdate: () => set({ updateAvailable: false }),
  setOfflineReady: (offlineReady) => set({ offlineReady }),
  setSignInAgainOpen: (signInAgainOpen) => set({ signInAgainOpen }),
}));
