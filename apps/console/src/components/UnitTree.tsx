import type { UnitNode } from "@bvte/api";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber, formatPercent } from "../i18n/index.ts";
import { useConsole } from "../store.ts";

/**
 * Figures by unit as a drill-down tree: the top units show, and each unit with sub-units has a
 * button (with aria-expanded) that opens them. Printing shows every level.
 */
export function UnitTree({ units }: { units: UnitNode[] }) {
  const { t } = useTranslation();
  const language = useConsole((state) => state.language);
  const [open, setOpen] = useState<Set<string>>(() => new Set(units.map((unit) => unit.id)));
  if (units.length === 0) return <p>{t("units.empty")}</p>;

  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const rows: { node: UnitNode; level: number; hidden: boolean }[] = [];
  const walk = (nodes: UnitNode[], level: number, hidden: boolean) => {
    for (const node of nodes) {
      rows.push({ node, level, hidden });
      walk(node.children, level + 1, hidden || !open.has(node.id));
    }
  };
  walk(units, 1, false);

  return (
    <div className="table-wrap">
      <table className="unit-tree" data-testid="unit-tree">
        <caption>{t("units.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("units.unit")}</th>
            <th scope="col" className="num">
              {t("cohort.members")}
            </th>
            <th scope="col" className="num">
              {t("cohort.trained")}
            </th>
            <th scope="col" className="num">
              {t("overview.rate")}
            </th>
            <th scope="col" className="num">
              {t("overview.gap")}
            </th>
            <th scope="col">{t("overview.status")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ node, level, hidden }) => (
            <tr
              key={node.id}
              className={hidden ? "collapsed" : undefined}
              hidden={hidden}
              data-unit={node.id}
            >
              <th scope="row" style={{ paddingLeft: `${0.75 + (level - 1) * 1.25}rem` }}>
                {node.children.length > 0 ? (
                  <button
                    type="button"
                    className="tree-toggle"
                    aria-expanded={open.has(node.id)}
                    aria-label={
                      open.has(node.id)
                        ? t("units.collapse", { unit: node.name })
                        : t("units.expand", { unit: node.name })
                    }
                    onClick={() => toggle(node.id)}
                  >
                    <span aria-hidden="true">{open.has(node.id) ? "▾" : "▸"}</span>
                  </button>
                ) : (
                  <span className="tree-leaf" aria-hidden="true" />
                )}
                {node.name} <span className="muted small">({node.id})</span>
              </th>
              <td className="num">{formatNumber(node.figures.members, language)}</td>
              <td className="num">{formatNumber(node.figures.trained, language)}</td>
              <td className="num">{formatPercent(node.figures.rate, language)}</td>
              <td className="num">{formatNumber(node.figures.gap, language)}</td>
              <td>
                {node.figures.targetMet ? (
                  <span className="ok">{t("overview.met")}</span>
                ) : (
                  <span className="behind">{t("overview.notMet")}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
