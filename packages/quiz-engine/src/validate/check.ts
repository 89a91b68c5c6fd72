/**
 * A tiny hand-written checker: each function checks one value at one path, reports what is wrong
 * and returns the value typed when it is usable. Paths are kept as segments so the YAML layer can
 * find the node behind a diagnostic.
 */
import type { Diagnostic, Lang, Text } from "../types.ts";

/** @internal */
export type PathSeg = string | number;

const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** @internal `["items", 3, "options"]` → `items[3].options` */
export function formatPath(path: readonly PathSeg[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (SIMPLE_KEY.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** @internal The inverse of formatPath. */
export function parsePath(path: string): PathSeg[] {
  const segs: PathSeg[] = [];
  const token = /\.?([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/gy;
  let m: RegExpExecArray | null = token.exec(path);
  while (m) {
    if (m[1] !== undefined) segs.push(m[1]);
    else if (m[2] !== undefined) segs.push(Number(m[2]));
    else if (m[3] !== undefined) segs.push(JSON.parse(m[3]) as string);
    m = token.exec(path);
  }
  return segs;
}

/** @internal */
export interface CheckOptions {
  /** Languages whose text must be non-empty. */
  languages: readonly Lang[];
}

/** @internal Collects diagnostics while a definition is checked. */
export class Ctx {
  readonly diagnostics: Diagnostic[] = [];
  errorCount = 0;
  constructor(readonly options: CheckOptions) {}

  error(path: readonly PathSeg[], message: string): void {
    this.diagnostics.push({ path: formatPath(path), message, severity: "error" });
    this.errorCount++;
  }

  warn(path: readonly PathSeg[], message: string): void {
    this.diagnostics.push({ path: formatPath(path), message, severity: "warning" });
  }
}

/** @internal */
export type Obj = Record<string, unknown>;

/** @internal */
export function isObject(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** @internal */
export function checkObject(v: unknown, path: readonly PathSeg[], ctx: Ctx): Obj | undefined {
  if (isObject(v)) return v;
  ctx.error(path, "must be a mapping");
  return undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}

/**
 * @internal Unknown keys are errors: a misspelt `tolerence` would otherwise be ignored silently and
 * mark right answers wrong.
 */
export function checkKeys(obj: Obj, allowed: readonly string[], path: readonly PathSeg[], ctx: Ctx): void {
  for (const key of Object.keys(obj)) {
    if (allowed.includes(key)) continue;
    const lower = key.toLowerCase();
    const near =
      allowed.find((a) => editDistance(a.toLowerCase(), lower) <= 2) ??
      allowed.find((a) => lower.length >= 3 && a.toLowerCase().startsWith(lower));
    ctx.error([...path, key], `unknown field \`${key}\`${near ? `; did you mean \`${near}\`?` : ""}`);
  }
}

/** @internal Reports a missing key, or runs `check` on its value. */
export function need<T>(
  obj: Obj,
  key: string,
  path: readonly PathSeg[],
  ctx: Ctx,
  check: (v: unknown, path: readonly PathSeg[], ctx: Ctx) => T,
): T | undefined {
  const v = obj[key];
  if (v !== undefined && v !== null) return check(v, [...path, key], ctx);
  ctx.error([...path, key], "is required");
  return undefined;
}

/** @internal */
export function checkString(v: unknown, path: readonly PathSeg[], ctx: Ctx): string | undefined {
  if (typeof v === "string" && v.trim() !== "") return v;
  ctx.error(path, typeof v === "string" ? "must not be empty" : "must be a string");
  return undefined;
}

const ID = /^[a-z0-9-]+$/;

/** @internal Quiz and item ids: `[a-z0-9-]+`. */
export function checkId(v: unknown, path: readonly PathSeg[], ctx: Ctx): string | undefined {
  const s = checkString(v, path, ctx);
  if (s === undefined) return undefined;
  if (ID.test(s)) return s;
  ctx.error(path, `"${s}" is not a valid id: use lower-case letters, digits and "-"`);
  return undefined;
}

/** @internal Ids inside an item (options, pairs, steps): any string without spaces. */
export function checkLocalId(v: unknown, path: readonly PathSeg[], ctx: Ctx): string | undefined {
  if (typeof v === "number" && Number.isInteger(v)) {
    ctx.error(path, `must be a string; quote it: "${v}"`);
    return undefined;
  }
  const s = checkString(v, path, ctx);
  if (s === undefined) return undefined;
  if (!/\s/.test(s)) return s;
  ctx.error(path, `"${s}" is not a valid id: no spaces`);
  return undefined;
}

/** @internal */
export function checkText(v: unknown, path: readonly PathSeg[], ctx: Ctx): Text | undefined {
  const obj = isObject(v) ? v : undefined;
  if (!obj) {
    ctx.error(path, "must be a text { vi: ..., en: ... }");
    return undefined;
  }
  checkKeys(obj, ["vi", "en"], path, ctx);
  let ok = true;
  for (const lang of ["vi", "en"] as const) {
    const s = obj[lang];
    const needed = ctx.options.languages.includes(lang);
    if (s === undefined && !needed) continue;
    if (typeof s !== "string") {
      ctx.error([...path, lang], s === undefined || s === null ? "is required" : "must be a string");
      ok = false;
    } else if (needed && s.trim() === "") {
      ctx.error([...path, lang], "must not be empty");
      ok = false;
    } else if (s !== s.normalize("NFC")) {
      ctx.warn([...path, lang], "is not Unicode NFC (decomposed diacritics); save the file as NFC");
    }
  }
  return ok
    ? { vi: typeof obj.vi === "string" ? obj.vi : "", en: typeof obj.en === "string" ? obj.en : "" }
    : undefined;
}

/** @internal */
export function checkBoolean(v: unknown, path: readonly PathSeg[], ctx: Ctx): boolean | undefined {
  if (typeof v === "boolean") return v;
  ctx.error(path, "must be true or false");
  return undefined;
}

/** @internal */
export function checkNumber(
  v: unknown,
  path: readonly PathSeg[],
  ctx: Ctx,
  limits: { min?: number; max?: number; integer?: boolean; above?: number } = {},
): number | undefined {
  if (typeof v !== "number" || !Number.isFinite(v)) {
    ctx.error(path, "must be a number");
    return undefined;
  }
  if (limits.integer && !Number.isInteger(v)) ctx.error(path, "must be a whole number");
  else if (limits.min !== undefined && v < limits.min) ctx.error(path, `must be at least ${limits.min}`);
  else if (limits.max !== undefined && v > limits.max) ctx.error(path, `must be at most ${limits.max}`);
  else if (limits.above !== undefined && v <= limits.above)
    ctx.error(path, `must be more than ${limits.above}`);
  else return v;
  return undefined;
}

/** @internal */
export function checkArray(
  v: unknown,
  path: readonly PathSeg[],
  ctx: Ctx,
  minLength = 0,
): unknown[] | undefined {
  if (!Array.isArray(v)) {
    ctx.error(path, "must be a list");
    return undefined;
  }
  if (v.length < minLength)
    ctx.error(path, `needs at least ${minLength} entr${minLength === 1 ? "y" : "ies"}`);
  return v;
}

/** @internal Calls `check` when `key` is present. */
export function optional<T>(
  obj: Obj,
  key: string,
  path: readonly PathSeg[],
  ctx: Ctx,
  check: (v: unknown, path: readonly PathSeg[], ctx: Ctx) => T,
): T | undefined {
  const v = obj[key];
  return v === undefined ? undefined : check(v, [...path, key], ctx);
}

/**
 * @internal Checks a list of `{ id, ... }` entries: each is a mapping with a unique local id.
 * Returns the entries that are mappings, with their index.
 */
export function checkEntries(
  list: unknown[],
  path: readonly PathSeg[],
  ctx: Ctx,
  seen: Map<string, PathSeg[]> = new Map(),
): { entry: Obj; index: number; id: string | undefined }[] {
  const out: { entry: Obj; index: number; id: string | undefined }[] = [];
  list.forEach((raw, index) => {
    const entry = checkObject(raw, [...path, index], ctx);
    if (!entry) return;
    const id = need(entry, "id", [...path, index], ctx, checkLocalId);
    if (id !== undefined) {
      const first = seen.get(id);
      if (first)
        ctx.error([...path, index, "id"], `duplicate id "${id}" (first used at ${formatPath(first)})`);
      else seen.set(id, [...path, index, "id"]);
    }
    out.push({ entry, index, id });
  });
  return out;
}

/** @internal Reports texts that repeat within a list (per language). */
export function checkDistinctTexts(
  texts: { text: Text | undefined; path: PathSeg[] }[],
  ctx: Ctx,
  what: string,
): void {
  for (const lang of ctx.options.languages) {
    const seen = new Map<string, PathSeg[]>();
    for (const { text, path } of texts) {
      if (!text) continue;
      const key = text[lang].normalize("NFC").trim().toLowerCase();
      const first = seen.get(key);
      if (first)
        ctx.error([...path, lang], `duplicate ${what} "${text[lang]}" (same as ${formatPath(first)})`);
      else seen.set(key, [...path, lang]);
    }
  }
}
