import { lazy, Suspense, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link, Route, Router, Switch } from "wouter";
import { api } from "./api.ts";
import type { Language } from "./i18n/index.ts";
import { type Trainer, useConsole } from "./store.ts";

const SignIn = lazy(() => import("./routes/SignIn.tsx"));
const Overview = lazy(() => import("./routes/Overview.tsx"));
const Cohort = lazy(() => import("./routes/Cohort.tsx"));

export function App() {
  const { t } = useTranslation();
  const { language, setLanguage, trainer, setTrainer } = useConsole();

  useEffect(() => {
    api<Trainer>("/api/auth/me").then(
      (me) => setTrainer(me.roles.some((role) => role === "trainer" || role === "admin") ? me : null),
      () => setTrainer(null),
    );
  }, [setTrainer]);

  async function signOut() {
    await api("/api/auth/signout", { method: "POST" }).catch(() => undefined);
    setTrainer(null);
  }

  return (
    <Router base="/console">
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="app-header">
        <Link href="/" className="brand">
          {t("app.name")}
        </Link>
        <label>
          <span className="visually-hidden">{t("language.label")}</span>
          <select value={language} onChange={(event) => setLanguage(event.target.value as Language)}>
            <option value="vi">{t("language.vi")}</option>
            <option value="en">{t("language.en")}</option>
          </select>
        </label>
        {trainer && (
          <>
            <span>{trainer.displayName}</span>
            <button type="button" className="link-button" onClick={() => void signOut()}>
              {t("signIn.signOut")}
            </button>
          </>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p role="status">{t("loading")}</p>}>
          {trainer === undefined ? null : trainer === null ? (
            <SignIn />
          ) : (
            <Switch>
              <Route path="/">{() => <Overview />}</Route>
              <Route path="/cohorts/:id">{(params) => <Cohort cohortId={params.id} />}</Route>
            </Switch>
          )}
        </Suspense>
      </main>
    </Router>
  );
}
