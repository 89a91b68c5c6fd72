import { ROSTER_COLUMNS, type RosterColumn, type RosterProblem } from "@bvte/api";
import { CsvError, parse } from "csv-parse/sync";
import ExcelJS from "exceljs";

export const REQUIRED_COLUMNS: readonly RosterColumn[] = ["name", "login", "role", "unit"];

export interface RosterRow {
  /** The row number a spreadsheet shows for it (header = 1). */
  row: number;
  cells: Record<RosterColumn, string>;
}

export interface ParsedRoster {
  format: "csv" | "xlsx";
  rows: RosterRow[];
  problems: RosterProblem[];
}

export const MAX_ROSTER_ROWS = 10_000;

/**
 * Header names accepted for each column, compared without case, diacritics, spaces or punctuation, so
 * "Họ và tên", "HO VA TEN" and "name" all work.
 */
const HEADER_ALIASES: Record<RosterColumn, string[]> = {
  name: ["name", "fullname", "displayname", "hovaten", "hoten", "ten"],
  login: ["login", "username", "account", "tendangnhap", "taikhoan"],
  role: ["role", "vaitro", "doituong"],
  unit: ["unit", "unitcode", "unitid", "madonvi", "donvi"],
  phone: ["phone", "phonenumber", "mobile", "sodienthoai", "dienthoai", "sdt"],
  email: ["email", "emailaddress", "thudientu"],
};

/** Lower case, no diacritics (đ → d), letters and digits only. */
export function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/gi, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

const fileProblem = (code: string, message: string, row: number | null = null): RosterProblem => ({
  row,
  column: null,
  code,
  message,
});

/** Reads a roster upload: XLSX (recognised by its ZIP signature) or CSV text. */
export async function parseRoster(bytes: Uint8Array): Promise<ParsedRoster> {
  if (bytes.length === 0)
    return { format: "csv", rows: [], problems: [fileProblem("empty", "The file is empty")] };
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
    return parseXlsx(bytes);
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    return {
      format: "xlsx",
      rows: [],
      problems: [
        fileProblem(
          "old_excel",
          "This is an old Excel 97–2003 (.xls) file; save it as .xlsx or as CSV UTF-8",
        ),
      ],
    };
  }
  return parseCsv(bytes);
}

/**
 * Decodes CSV bytes. UTF-8 (with or without BOM) and UTF-16 with a BOM (Excel's "Unicode Text") keep
 * Vietnamese intact; anything else (Excel's "CSV" in a Windows code page such as 1258) is refused,
 * naming the first row that is not valid UTF-8.
 */
export function decodeCsv(bytes: Uint8Array): { text: string } | { problem: RosterProblem } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)) };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const nul = body.indexOf(0);
  if (nul >= 0) {
    return {
      problem: fileProblem(
        "encoding",
        `Row ${lineOf(body, nul)}: the file looks like UTF-16 without a byte-order mark; save it as CSV UTF-8`,
        lineOf(body, nul),
      ),
    };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(body) };
  } catch {
    const row = firstInvalidLine(body);
    return {
      problem: fileProblem(
        "encoding",
        `Row ${row}: the text is not UTF-8 (probably a Windows code page such as 1258, which loses Vietnamese letters); in Excel use "Save as" → "CSV UTF-8"`,
        row,
      ),
    };
  }
}

function lineOf(bytes: Uint8Array, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function firstInvalidLine(bytes: Uint8Array): number {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let start = 0;
  let line = 1;
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    try {
      decoder.decode(bytes.subarray(start, end));
    } catch {
      return line;
    }
    start = end + 1;
    line++;
  }
  return line;
}

/** The delimiter used in the header line: `;` (Excel in a Vietnamese locale), `,` or a tab. */
function detectDelimiter(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const counts = [";", ",", "\t"].map((delimiter) => ({ delimiter, n: header.split(delimiter).length }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0]?.delimiter ?? ",";
}

function parseCsv(bytes: Uint8Array): ParsedRoster {
  const decoded = decodeCsv(bytes);
  if ("problem" in decoded) return { format: "csv", rows: [], problems: [decoded.problem] };
  let records: string[][];
  try {
    records = parse(decoded.text, {
      delimiter: detectDelimiter(decoded.text),
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    const row =
      error instanceof CsvError ? Number((error as CsvError & { lines?: number }).lines) || null : null;
    return {
      format: "csv",
      rows: [],
      problems: [
        fileProblem(
          "malformed",
          `The CSV cannot be read${row ? ` at row ${row}` : ""}: check the quotes`,
          row,
        ),
      ],
    };
  }
  return { format: "csv", ...fromTable(records) };
}

async function parseXlsx(bytes: Uint8Array): Promise<ParsedRoster> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    return {
      format: "xlsx",
      rows: [],
      problems: [fileProblem("unreadable", "The file is not a readable .xlsx workbook")],
    };
  }
  const sheet = workbook.worksheets.find((candidate) => candidate.actualRowCount > 0);
  if (!sheet)
    return { format: "xlsx", rows: [], problems: [fileProblem("empty", "The workbook has no data")] };
  const table: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let col = 1; col <= Math.max(row.cellCount, 1); col++) cells.push(row.getCell(col).text ?? "");
    table.push(cells);
  }
  return { format: "xlsx", ...fromTable(table) };
}

/** Maps the header row to columns and the other rows to cells, keeping spreadsheet row numbers. */
function fromTable(table: string[][]): { rows: RosterRow[]; problems: RosterProblem[] } {
  const [header, ...body] = table;
  if (!header || header.every((cell) => cell.trim() === "")) {
    return { rows: [], problems: [fileProblem("empty", "The file has no header row", 1)] };
  }
  const problems: RosterProblem[] = [];
  const positions = new Map<RosterColumn, number>();
  header.forEach((cell, index) => {
    const folded = foldText(cell);
    const column = ROSTER_COLUMNS.find((candidate) => HEADER_ALIASES[candidate].includes(folded));
    if (!column) return;
    if (positions.has(column)) {
      problems.push({
        row: 1,
        column,
        code: "duplicate_column",
        message: `Column "${cell.trim()}" appears twice`,
      });
    } else {
      positions.set(column, index);
    }
  });
  for (const column of REQUIRED_COLUMNS) {
    if (!positions.has(column)) {
      problems.push({
        row: 1,
        column,
        code: "missing_column",
        message: `The header has no "${column}" column`,
      });
    }
  }
  if (problems.length > 0) return { rows: [], problems };

  const rows: RosterRow[] = [];
  body.forEach((record, index) => {
    if (record.every((cell) => cell.trim() === "")) return;
    const cells = Object.fromEntries(
      ROSTER_COLUMNS.map((column) => {
        const position = positions.get(column);
        // Excel on a Mac may write decomposed diacritics; store the composed form everyone else uses.
        const value = position === undefined ? "" : (record[position] ?? "").trim().normalize("NFC");
        return [column, value];
      }),
    ) as Record<RosterColumn, string>;
    rows.push({ row: index + 2, cells });
  });
  if (rows.length > MAX_ROSTER_ROWS) {
    return {
      rows: [],
      problems: [
        fileProblem(
          "too_many_rows",
          `The file has ${rows.length} rows; import at most ${MAX_ROSTER_ROWS} at a time`,
        ),
      ],
    };
  }
  if (rows.length === 0) problems.push(fileProblem("empty", "The file has a header but no people", 2));
  return { rows, problems };
}
