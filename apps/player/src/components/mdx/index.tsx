import { createContext, type ReactNode, useContext, useId } from "react";
import { useTranslation } from "react-i18next";
import { type CatalogCourse, findAsset } from "../../content/catalog.ts";

/** The course whose lesson is being rendered, so figures and citations resolve against it. */
export const LessonCourseContext = createContext<CatalogCourse | null>(null);

type CalloutKind = "info" | "warning" | "tip" | "law";

export function Callout({
  kind = "info",
  title,
  children,
}: {
  kind?: CalloutKind;
  title?: string;
  children?: ReactNode;
}) {
  const headingId = useId();
  return (
    <aside className={`callout callout-${kind}`} aria-labelledby={title ? headingId : undefined}>
      {title && (
        <p className="callout-title" id={headingId}>
          {title}
        </p>
      )}
      {children}
    </aside>
  );
}

export function HotlineCard() {
  const { t } = useTranslation();
  return (
    <aside className="hotline" aria-label={t("hotline.title")}>
      <p className="hotline-title">{t("hotline.title")}</p>
      <p>{t("hotline.body")}</p>
      <a className="button button-hotline" href="tel:111">
        {t("hotline.call")}
      </a>
    </aside>
  );
}

export function Scenario({ title, children }: { title?: string; children?: ReactNode }) {
  return (
    <section className="scenario" aria-label={title}>
      {title && <p className="scenario-title">{title}</p>}
      {children}
    </section>
  );
}

export function Figure({ src, alt, caption }: { src: string; alt: string; caption?: string }) {
  const course = useContext(LessonCourseContext);
  const asset = course ? findAsset(course.id, src) : undefined;
  return (
    <figure className="figure">
      {asset && (
        <img src={asset.url} alt={alt} loading="lazy" width={asset.size?.width} height={asset.size?.height} />
      )}
      {caption && <figcaption>{caption}</figcaption>}
    </figure>
  );
}

export function Term({ def, children }: { def: string; children?: ReactNode }) {
  return (
    <dfn className="term" title={def}>
      {children}
      <span className="visually-hidden"> ({def})</span>
    </dfn>
  );
}

export function Cite({ id }: { id: string }) {
  const { t } = useTranslation();
  const course = useContext(LessonCourseContext);
  const reference = course?.references.find((candidate) => candidate.id === id);
  if (!reference) return null;
  return (
    <cite className="cite">
      {" "}
      [
      <a
        href={reference.url}
        target="_blank"
        rel="noopener noreferrer"
        title={`${t("lesson.reference")}: ${reference.title}`}
      >
        {reference.title}
      </a>
      ]
    </cite>
  );
}

export const mdxComponents = { Callout, HotlineCard, Scenario, Figure, Term, Cite };
