import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import type { Cell, ReportTable } from "./tables.ts";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export type CsvSeparator = "semicolon" | "comma";

/**
 * Excel reads a CSV with the list separator and decimal mark of the computer's locale. In a
 * Vietnamese locale those are `;` and `,` (the default here); elsewhere `,` and `.`.
 */
const DIALECTS: Record<CsvSeparator, { delimiter: string; decimal: string }> = {
  semicolon: { delimiter: ";", decimal: "," },
  comma: { delimiter: ",", decimal: "." },
};

/** Text a spreadsheet could take for a formula (OWASP "CSV injection") is prefixed with a quote. */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const dayMonthYear = (isoDate: string) => {
  const [year, month, day] = isoDate.split("-");
  return `${day}/${month}/${year}`;
};

/** Percentages with one decimal, rounded as the console's Intl.NumberFormat rounds them. */
export const percentValue = (fraction: number) => Math.round(fraction * 1000) / 10;

function csvText(cell: Cell, decimal: string): string {
  switch (cell.type) {
    case "text":
      return neutralizeFormula(cell.value);
    case "integer":
      return String(cell.value);
    case "decimal":
      return String(cell.value).replace(".", decimal);
    case "percent":
      return String(percentValue(cell.value)).replace(".", decimal);
    case "date":
      return dayMonthYear(cell.value);
    case "empty":
      return "";
  }
}

/** One table as CSV: UTF-8 with a BOM (so Excel reads Vietnamese), header row first, CRLF lines. */
export function toCsv(table: ReportTable, separator: CsvSeparator = "semicolon"): string {
  const { delimiter, decimal } = DIALECTS[separator];
  const records = [
    table.columns.map(neutralizeFormula),
    ...table.rows.map((row) => row.map((cell) => csvText(cell, decimal))),
  ];
  return `\uFEFF${stringify(records, { delimiter, record_delimiter: "windows" })}`;
}

function writeCell(target: ExcelJS.Cell, cell: Cell): void {
  switch (cell.type) {
    case "text":
      // Strings are stored as text, never as formulas, so no escaping is needed here.
      target.value = cell.value;
      break;
    case "integer":
      target.value = cell.value;
      target.numFmt = "#,##0";
      break;
    case "decimal":
      target.value = cell.value;
      target.numFmt = "#,##0.0";
      break;
    case "percent":
      target.value = cell.value;
      target.numFmt = "0.0%";
      break;
    case "date": {
      const [year, month, day] = cell.value.split("-").map(Number) as [number, number, number];
      target.value = new Date(Date.UTC(year, month - 1, day));
      target.numFmt = "dd/mm/yyyy";
      break;
    }
    case "empty":
      break;
  }
}

/** Sheet names may not hold []:*?/\ and are cut at 31 characters by Excel. */
const sheetName = (title: string) => title.replace(/[[\]:*?/\\]/g, " ").slice(0, 31);

/** A workbook with one sheet per table: real numbers, percentages and dates, bold frozen header. */
export async function toXlsx(
  tables: ReportTable[],
  meta: { title: string; creator: string },
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = meta.creator;
  workbook.title = meta.title;
  workbook.created = new Date();
  for (const table of tables) {
    const sheet = workbook.addWorksheet(sheetName(table.title), { views: [{ state: "frozen", ySplit: 1 }] });
    const header = sheet.addRow(table.columns);
    header.font = { bold: true };
    for (const row of table.rows) {
      const added = sheet.addRow([]);
      row.forEach((cell, index) => {
        writeCell(added.getCell(index + 1), cell);
      });
    }
    sheet.columns.forEach((column, index) => {
      const widest = Math.max(
        table.columns[index]?.length ?? 0,
        ...table.rows.map((row) => {
          const cell = row[index];
          return cell?.type === "text" ? cell.value.length : 12;
        }),
      );
      column.width = Math.min(60, Math.max(10, widest + 2));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
