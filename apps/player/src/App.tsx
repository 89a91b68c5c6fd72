import { useLiveQuery } from "dexie-react-hooks";
import { lazy, Suspense, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link, Route, Switch } from "wouter";
import { refreshFromServer, signOut } from "./api.ts";
import type { Language } from "./content/catalog.ts";
import { db, type Profile } from "./db/player-db.ts";
import { useUi } from "./store.ts";
import { useSyncEngine } from "./sync/use-sync.ts";

const SignIn = lazy(() => import("./routes/SignIn.tsx"));
const Home = lazy(() => import("./routes/Home.tsx"));
const Course = lazy(() => import("./routes/Course.tsx"));
const Lesson = lazy(() => import("./routes/Lesson.tsx"));

function SyncStatus({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const phase = useUi((state) => state.syncPhase);
  const { pending, syncNow } = useSyncEngine(profile.id);
  const rejected = useLiveQuery(
    () => db.rejected.where("personId").equals(profile.id).count(),
    [profile.id],
    0,
  );
  let text = t("sync.synced");
  if (phase === "needs-sign-in") text = t("sync.needsSignIn");
  else if (phase === "offline") text = t("sync.offline");
  else if (phase === "syncing") text = t("sync.syncing");
  return (
    <div className={`sync sync-${phase}`} role="status" aria-live="polite" data-testid="sync-status">
      <span>{pending > 0 ? t("sync.pending", { count: pending }) : text}</span>
      {pending > 0 && phase !== "offline" && phase !== "needs-sign-in" && (
        <span className="muted"> · {text}</span>
      )}
      {rejected > 0 && <span className="error"> · {t("sync.rejected", { count: rejected })}</span>}
      {pending > 0 && phase !== "syncing" && (
        <button type="button" className="link-button" onClick={() => void syncNow()}>
          {t("sync.syncNow")}
        </button>
      )}
    </div>
  );
}

function UpdatePrompt() {
  const { t } = useTranslation();
  const { updateAvailable, applyUpdate, dismissUpdate } = useUi();
  if (!updateAvailable || !applyUpdate) return null;
  return (
    <div className="update" role="alert">
      <span>{t("update.available")}</span>
      <button type="button" className="button" onClick={applyUpdate}>
        {t("update.reload")}
      </button>
      <button type="button" className="link-button" onClick={dismissUpdate}>
        {t("update.later")}
      </button>
    </div>
  );
}

export function App() {
  const { t } = useTranslation();
  const { language, setLanguage, syncPhase } = useUi();
  const profile = useLiveQuery(() => db.profile.get("current"), [], null);

  useEffect(() => {
    if (profile && navigator.onLine) refreshFromServer(profile.id).catch(() => undefined);
  }, [profile]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="app-header">
        <Link href="/" className="brand">
          {t("app.name")}
        </Link>
        <label className="language">
          <span className="visually-hidden">{t("language.label")}</span>
          <select value={language} onChange={(event) => setLanguage(event.target.value as Language)}>
            <option value="vi">{t("language.vi")}</option>
            <option value="en">{t("language.en")}</option>
          </select>
        </label>
        {profile && (
          <button type="button" className="link-button" onClick={() => void signOut()}>
            {t("signIn.signOut")}
          </button>
        )}
      </header>
      {profile && <SyncStatus profile={profile} />}
      <UpdatePrompt />
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p role="status">…</p>}>
          {profile === null ? null : !profile ? (
            <SignIn />
          ) : syncPhase === "needs-sign-in" ? (
            <>
              <SignIn expired />
              <Routes profile={profile} />
            </>
          ) : (
            <Routes profile={profile} />
          )}
        </Suspense>
      </main>
    </>
  );
}

function Routes({ profile }: { profile: Profile }) {
  return (
    <Switch>
      <Route path="/">{() => <Home profile={profile} />}</Route>
      <Route path="/courses/:courseId">
        {(params) => <Course courseId={params.courseId} profile={profile} />}
      </Route>
      <Route path="/courses/:courseId/lessons/:lessonId">
        {(params) => <Lesson courseId={params.courseId} lessonId={params.lessonId} profile={profile} />}
      </Route>
      <Route>{() => <Home profile={profile} />}</Route>
    </Switch>
  );
}
