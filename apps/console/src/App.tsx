import { lazy, Suspense, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link, Route, Router, Switch, useRoute } from "wouter";
import { api } from "./api.ts";
import type { Language } from "./i18n/index.ts";
import { isAdmin, type Trainer, useConsole } from "./store.ts";

// One chunk per screen: the overview loads without the chart library or the admin screens.
const SignIn = lazy(() => import("./routes/SignIn.tsx"));
const Overview = lazy(() => import("./routes/Overview.tsx"));
const Cohort = lazy(() => import("./routes/Cohort.tsx"));
const CohortForm = lazy(() => import("./routes/CohortForm.tsx"));
const Members = lazy(() => import("./routes/Members.tsx"));
const RosterImport = lazy(() => import("./routes/RosterImport.tsx"));
const JoinCodes = lazy(() => import("./routes/JoinCodes.tsx"));
const Quality = lazy(() => import("./routes/Quality.tsx"));
const Admin = lazy(() => import("./routes/admin/Admin.tsx"));

function NavLink({ href, children, match }: { href: string; children: string; match: string }) {
  const [active] = useRoute(match);
  return (
    <Link href={href} aria-current={active ? "page" : undefined}>
      {children}
    </Link>
  );
}

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
        {trainer && (
          <nav aria-label={t("nav.label")} className="main-nav">
            <NavLink href="/" match="/">
              {t("nav.overview")}
            </NavLink>
            <NavLink href="/quality" match="/quality">
              {t("nav.quality")}
            </NavLink>
            {isAdmin(trainer) && (
              <NavLink href="/admin/units" match="/admin/*?">
                {t("nav.admin")}
              </NavLink>
            )}
          </nav>
        )}
        <label className="language">
          <span className="visually-hidden">{t("language.label")}</span>
          <select value={language} onChange={(event) => setLanguage(event.target.value as Language)}>
            <option value="vi">{t("language.vi")}</option>
            <option value="en">{t("language.en")}</option>
          </select>
        </label>
        {trainer && (
          <>
            <span className="who">{trainer.displayName}</span>
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
              <Route path="/cohorts/new">{() => <CohortForm />}</Route>
              <Route path="/cohorts/:id/edit">{(params) => <CohortForm cohortId={params.id} />}</Route>
              <Route path="/cohorts/:id/members">{(params) => <Members cohortId={params.id} />}</Route>
              <Route path="/cohorts/:id/roster">{(params) => <RosterImport cohortId={params.id} />}</Route>
              <Route path="/cohorts/:id/join-codes">{(params) => <JoinCodes cohortId={params.id} />}</Route>
              <Route path="/cohorts/:id">{(params) => <Cohort cohortId={params.id} />}</Route>
              <Route path="/quality">{() => <Quality />}</Route>
              <Route path="/admin/:section">{(params) => <Admin section={params.section} />}</Route>
              <Route>{() => <p role="alert">{t("app.notFound")}</p>}</Route>
            </Switch>
          )}
        </Suspense>
      </main>
    </Router>
  );
}
