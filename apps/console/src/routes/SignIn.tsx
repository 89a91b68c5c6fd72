import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../api.ts";
import { type Trainer, useConsole } from "../store.ts";

export default function SignIn() {
  const { t } = useTranslation();
  const setTrainer = useConsole((state) => state.setTrainer);
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await api("/api/auth/signin", { method: "POST", body: { login, password } });
      const me = await api<Trainer>("/api/auth/me");
      if (!me.roles.some((role) => role === "trainer" || role === "admin")) {
        await api("/api/auth/signout", { method: "POST" });
        setError(t("signIn.forbidden"));
        return;
      }
      setTrainer(me);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 401) setError(t("signIn.invalid"));
      else if (failure instanceof ApiError && failure.status === 429) setError(t("signIn.tooMany"));
      else setError(t("signIn.failed"));
    }
  }

  return (
    <section className="card narrow" aria-labelledby="signin-title">
      <h1 id="signin-title">{t("signIn.title")}</h1>
      <form onSubmit={submit} noValidate>
        <label htmlFor="login">{t("signIn.login")}</label>
        <input
          id="login"
          autoComplete="username"
          value={login}
          onChange={(event) => setLogin(event.target.value)}
        />
        <label htmlFor="password">{t("signIn.password")}</label>
        <input
          id="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button className="button" type="submit">
          {t("signIn.submit")}
        </button>
      </form>
    </section>
  );
}
