import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { PageTitle } from "../../components/PageTitle.tsx";
import { isAdmin, useConsole } from "../../store.ts";

const Units = lazy(() => import("./Units.tsx"));
const Trainers = lazy(() => import("./Trainers.tsx"));
const LrsCredentials = lazy(() => import("./LrsCredentials.tsx"));

const SECTIONS = ["units", "trainers", "lrs"] as const;

export default function Admin({ section }: { section: string }) {
  const { t } = useTranslation();
  const trainer = useConsole((state) => state.trainer);
  if (!isAdmin(trainer)) return <p role="alert">{t("errors.forbidden")}</p>;
  return (
    <>
      <PageTitle>{t("admin.title")}</PageTitle>
      <nav className="tabs" aria-label={t("admin.title")}>
        {SECTIONS.map((name) => (
          <Link key={name} href={`/admin/${name}`} aria-current={section === name ? "page" : undefined}>
            {t(`admin.${name}`)}
          </Link>
        ))}
      </nav>
      <Suspense fallback={<p role="status">{t("loading")}</p>}>
        {section === "units" && <Units />}
        {section === "trainers" && <Trainers />}
        {section === "lrs" && <LrsCredentials />}
      </Suspense>
    </>
  );
}
