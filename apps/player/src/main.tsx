import "./i18n/index.ts";
import "./styles.css";
import { registerSW } from "virtual:pwa-register";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";
import { useUi } from "./store.ts";

document.documentElement.lang = useUi.getState().language;

// Progress lives in IndexedDB; ask the browser not to evict it under storage pressure.
void navigator.storage?.persist?.();

/** The app may stay open for days on a phone: look for a new version now and then, not only at start. */
const UPDATE_CHECK_MS = 60 * 60_000;

const updateServiceWorker = registerSW({
  onRegisteredSW(_url, registration) {
    if (registration) setInterval(() => void registration.update().catch(() => undefined), UPDATE_CHECK_MS);
  },
  onOfflineReady() {
    useUi.getState().setOfflineReady(true);
  },
  onNeedRefresh() {
    // Everything the learner did is already in IndexedDB, so reloading into the new version loses nothing.
    useUi.getState().offerUpdate(() => void updateServiceWorker(true));
  },
});

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
