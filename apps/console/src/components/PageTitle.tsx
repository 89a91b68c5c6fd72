import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

/**
 * The page's heading. It takes focus when the page opens, so a screen reader announces the new page
 * after client-side navigation, and it names the browser tab.
 */
export function PageTitle({ children }: { children: string }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${children} – ${t("app.name")}`;
  }, [children, t]);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={heading} tabIndex={-1}>
      {children}
    </h1>
  );
}
