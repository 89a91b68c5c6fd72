import { useLiveQuery } from "dexie-react-hooks";
import { lazy, Suspense, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, Route, Switch, useLocation } from "wouter";
import { signOut } from "./api.ts";
import type { Language } from "./content/catalog.ts";
import { db, type Profile } from "./db/player-db.ts";
import { useUi } from "./store.ts";
import { useSyncEngine } from "./sync/use-sync.ts";

const SignIn = lazy(() => import("./routes/SignIn.tsx"));
const Home = lazy(() => import("./routes/Home.tsx"));
const Course = lazy(() => import("./routes/Course.tsx"));
const Lesson = lazy(() => import("./routes/Lesson.tsx"));
const FinalAssessment = lazy(() => import("./routes/FinalAssessment.tsx"));
const CertificationExam = lazy(() => import("./routes/CertificationExam.tsx"));
const Certificates = lazy(() => import("./routes/Certificates.tsx"));
const Join = lazy(() => import("./routes/Join.tsx"));
const Privacy = lazy(() => import("./routes/Privacy.tsx"));
const ConsentNotice = lazy(() =>
  import("./routes/Privacy.tsx").then((module) => ({ default: module.ConsentNotice })),
);

function SyncStatus({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const phase = useUi((state) => state.syncPhase);
  const signInOpen = useUi((state) => state.signInAgainOpen);
  const setSignInOpen = useUi((state) => state.setSignInAgainOpen);
  const { pending, examsWaiting, syncNow } = useSyncEngine(profile.id);
  const rejected = useLiveQuery(
    () => db.rejected.where("personId").equals(profile.id).count(),
    [profile.id],
    0,
  );
  let text = t("sync.synced");
  if (phase === "needs-sign-in") text = t("sync.needsSignIn");
  else if (phase === "offline") text = t("sync.offline");
  else if (phase === "syncing") text = t("sync.syncing");
  else if (phase === "error") text = t("sync.error");
  const waiting = pending > 0 || examsWaiting > 0;
  return (
    <div className={`sync sync-${phase}`} role="status" aria-live="polite" data-testid="sync-status">
      <span>{pending > 0 ? t("sync.pending", { count: pending }) : examsWaiting > 0 ? "" : text}</span>
      {examsWaiting > 0 && (
        <span>
          {pending > 0 && " · "}
          {t("sync.examsWaiting", { count: examsWaiting })}
        </span>
      )}
      {waiting && phase !== "idle" && <span className="muted"> · {text}</span>}
      {rejected > 0 && <span className="error"> · {t("sync.rejected", { count: rejected })}</span>}
      {waiting && phase !== "syncing" && phase !== "needs-sign-in" && (
        <button type="button" className="link-button" onClick={() => void syncNow()}>
          {t("sync.syncNow")}
        </button>
      )}
      {phase === "needs-sign-in" && !signInOpen && (
        // Learning goes on; the form opens only when the learner asks for it, so nothing jumps under their finger.
        <button type="button" className="link-button" onClick={() => setSignInOpen(true)}>
          {t("signIn.againButton")}
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

/** Said once, when the service worker has stored everything needed to learn with no network. */
function OfflineReady() {
  const { t } = useTranslation();
  const ready = useUi((state) => state.offlineReady);
  const setReady = useUi((state) => state.setOfflineReady);
  if (!ready) return null;
  return (
    <div className="update offline-ready" role="status">
      <span>{t("update.offlineReady")}</span>
      <button type="button" className="link-button" onClick={() => setReady(false)}>
        {t("update.ok")}
      </button>
    </div>
  );
}

/** After client-side navigation, start at the top and let screen readers land on the new page. */
function useFocusOnNavigation() {
  const [location] = useLocation();
  const previous = useRef(location);
  useEffect(() => {
    if (previous.current === location) return;
    previous.current = location;
    window.scrollTo(0, 0);
    document.getElementById("main")?.focus({ preventScroll: true });
  }, [location]);
}

export function App() {
  const { t } = useTranslation();
  const { language, setLanguage, syncPhase, signInAgainOpen } = useUi();
  const profile = useLiveQuery(() => db.profile.get("current"), [], null);
  useFocusOnNavigation();
  // Until the device's profile is read (a few milliseconds) only the bar that index.html drew shows:
  // drawing any page now would move it once the sync bar arrives.
  if (profile === null) return <LoadingShell name={t("app.name")} />;

  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="app-header">
        <Link href="/" className="brand">
          {t("app.name")}
        </Link>
        {profile && (
          <Link href="/certificates" className="header-link">
            {t("certificates.title")}
          </Link>
        )}
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
      <OfflineReady />
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p role="status">{t("app.loading")}</p>}>
          {!profile ? (
            <SignIn />
          ) : profile.consentNeeded && profile.privacyNotice ? (
            <ConsentNotice profile={profile} />
          ) : (
            <>
              {syncPhase === "needs-sign-in" && signInAgainOpen && <SignIn expired login={profile.login} />}
              <Routes profile={profile} />
            </>
          )}
        </Suspense>
      </main>
      {profile && (
        <footer className="app-footer">
          <Link href="/privacy">{t("privacy.link")}</Link>
        </footer>
      )}
    </>
  );
}

/** The same bar as index.html's, so the page does not flicker between the two. */
function LoadingShell({ name }: { name: string }) {
  return (
    <header className="app-header">
      <span className="brand">{name}</span>
    </header>
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
      <Route path="/courses/:courseId/final">
        {(params) => <FinalAssessment courseId={params.courseId} profile={profile} />}
      </Route>
      <Route path="/courses/:courseId/certification">
        {(params) => <CertificationExam courseId={params.courseId} profile={profile} />}
      </Route>
      <Route path="/certificates">{() => <Certificates profile={profile} />}</Route>
      <Route path="/join/:code">{(params) => <Join code={params.code} profile={profile} />}</Route>
      <Route path="/privacy">{() => <Privacy profile={profile} />}</Route>
      <Route>{() => <Home profile={profile} />}</Route>
    </Switch>
  );
}
