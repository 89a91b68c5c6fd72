import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, signIn } from "../api.ts";
import { useUi } from "../store.ts";

/**
 * The first sign-in (a full page), or, once the session has expired and the learner asks for it, a
 * form above the page they are on: learning goes on and records wait until they sign in again.
 */
export default function SignIn({
  expired = false,
  login: knownLogin = "",
}: {
  expired?: boolean;
  login?: string;
}) {
  const { t } = useTranslation();
  const [login, setLogin] = useState(knownLogin);
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(login, password);
      useUi.getState().requestSync();
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 401) setError(t("signIn.invalid"));
      else if (failure instanceof ApiError && failure.status === 429) setError(t("signIn.tooMany"));
      else if (!navigator.onLine || failure instanceof TypeError) setError(t("signIn.offline"));
      else setError(t("signIn.failed"));
    } finally {
      setBusy(false);
    }
  }

  const form = (
    <form onSubmit={submit} noValidate>
      <label htmlFor="login">{t("signIn.login")}</label>
      <input
        id="login"
        name="login"
        autoComplete="username"
        autoCapitalize="none"
        required
        value={login}
        onChange={(event) => setLogin(event.target.value)}
      />
      <label htmlFor="password">{t("signIn.password")}</label>
      <input
        id="password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button className="button" type="submit" disabled={busy}>
        {busy ? t("signIn.submitting") : t("signIn.submit")}
      </button>
    </form>
  );

  if (expired) {
    return (
      <section className="card expired" aria-labelledby="signin-again-title">
        <h2 id="signin-again-title">{t("signIn.againButton")}</h2>
        <p>{t("signIn.again")}</p>
        {form}
      </section>
    );
  }
  return (
    <section className="card narrow" aria-labelledby="signin-title">
      <p className="tagline">{t("app.tagline")}</p>
      <h1 id="signin-title">{t("signIn.title")}</h1>
      <p className="muted">{t("signIn.intro")}</p>
      {form}
    </section>
  );
}
