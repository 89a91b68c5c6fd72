import { type ReactNode, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";

export interface Column<Row> {
  key: string;
  header: string;
  /** What the column sorts and filters by. */
  value: (row: Row) => string | number | null;
  render?: (row: Row) => ReactNode;
  numeric?: boolean;
  /** The cell that names the row (a `th scope="row"`). */
  rowHeader?: boolean;
  sortable?: boolean;
}

/** Lower case without diacritics, so "nguyen" finds "Nguyễn". */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/gi, "d").toLowerCase();
}

type Sort = { key: string; direction: "ascending" | "descending" } | null;

/**
 * A table that sorts by any column (click or Enter/Space on its header) and filters as you type.
 * Without a chosen sort the rows keep the order they came in (the overview's "furthest behind first").
 */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  filterable = true,
  rowTestId,
}: {
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  filterable?: boolean;
  rowTestId?: string;
}) {
  const { t, i18n } = useTranslation();
  const filterId = useId();
  const [filter, setFilter] = useState("");
  const [sort, setSort] = useState<Sort>(null);

  const shown = useMemo(() => {
    const needle = fold(filter.trim());
    const matching = needle
      ? rows.filter((row) => columns.some((column) => fold(String(column.value(row) ?? "")).includes(needle)))
      : rows;
    if (!sort) return matching;
    const column = columns.find((candidate) => candidate.key === sort.key);
    if (!column) return matching;
    const collator = new Intl.Collator(i18n.language === "en" ? "en" : "vi", { numeric: true });
    const sign = sort.direction === "ascending" ? 1 : -1;
    return matching.toSorted((a, b) => {
      const x = column.value(a);
      const y = column.value(b);
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      return (
        sign *
        (typeof x === "number" && typeof y === "number" ? x - y : collator.compare(String(x), String(y)))
      );
    });
  }, [rows, columns, filter, sort, i18n.language]);

  const toggle = (key: string) =>
    setSort((current) =>
      current?.key === key && current.direction === "ascending"
        ? { key, direction: "descending" }
        : { key, direction: "ascending" },
    );

  return (
    <div className="data-table">
      {filterable && (
        <div className="table-tools no-print">
          <label htmlFor={filterId}>{t("table.filter")}</label>
          <input
            id={filterId}
            type="search"
            value={filter}
            placeholder={t("table.filterPlaceholder")}
            onChange={(event) => setFilter(event.target.value)}
          />
          <span role="status" className="muted">
            {t("table.shown", { shown: shown.length, total: rows.length })}
          </span>
        </div>
      )}
      <div className="table-wrap">
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => {
                const active = sort?.key === column.key;
                return (
                  <th
                    key={column.key}
                    scope="col"
                    className={column.numeric ? "num" : undefined}
                    aria-sort={active ? sort.direction : undefined}
                  >
                    {column.sortable === false ? (
                      column.header
                    ) : (
                      <button
                        type="button"
                        className="sort-button"
                        onClick={() => toggle(column.key)}
                        title={t("table.sortBy", { column: column.header })}
                      >
                        {column.header}
                        <span aria-hidden="true" className="sort-mark">
                          {active ? (sort.direction === "ascending" ? "▲" : "▼") : "↕"}
                        </span>
                      </button>
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="muted">
                  {t("table.empty")}
                </td>
              </tr>
            ) : (
              shown.map((row) => (
                <tr key={rowKey(row)} data-testid={rowTestId}>
                  {columns.map((column) => {
                    const content = column.render ? column.render(row) : (column.value(row) ?? "–");
                    const className = column.numeric ? "num" : undefined;
                    return column.rowHeader ? (
                      <th key={column.key} scope="row" className={className}>
                        {content}
                      </th>
                    ) : (
                      <td key={column.key} className={className}>
                        {content}
                      </td>
                    );
                  })}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
