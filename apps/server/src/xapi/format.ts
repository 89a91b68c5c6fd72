import type { Json, JsonObject } from "./validate.ts";

export type StatementFormat = "exact" | "ids" | "canonical";

/** A stored row as the query returns it; `ts` fills in a timestamp the LRS assigned. */
export interface StoredRow {
  id: string;
  statement: JsonObject;
  authority: JsonObject;
  stored: string;
  ts: string;
  seq: string;
}

/**
 * A stored statement as the LRS returns it: with stored, authority, timestamp and version, context
 * activities always as arrays (xAPI-Data.md §2.4.6.2.s4), then reduced for `ids` or language-filtered
 * for `canonical` (xAPI-Communication.md §2.1.3).
 */
export function present(row: StoredRow, format: StatementFormat, languages: string[]): JsonObject {
  const statement: JsonObject = {
    ...row.statement,
    timestamp: row.statement.timestamp ?? row.ts,
    stored: row.stored,
    authority: row.authority,
    version: row.statement.version ?? "1.0.0",
  };
  const shaped = withArrayContexts(statement);
  if (format === "ids") return idsOnly(shaped);
  if (format === "canonical") return canonical(shaped, languages);
  return shaped;
}

function withArrayContexts(statement: JsonObject): JsonObject {
  const out: JsonObject = { ...statement };
  const context = statement.context;
  if (isObject(context) && isObject(context.contextActivities)) {
    const lists = Object.entries(context.contextActivities).map(([kind, list]) => [
      kind,
      Array.isArray(list) ? list : [list],
    ]);
    out.context = { ...context, contextActivities: Object.fromEntries(lists) };
  }
  if (isObject(statement.object) && statement.object.objectType === "SubStatement") {
    out.object = withArrayContexts(statement.object);
  }
  return out;
}

const IFIS = ["mbox", "mbox_sha1sum", "openid", "account"];

function idsAgent(value: Json | undefined): Json {
  if (!isObject(value)) return value ?? null;
  const out: JsonObject = { objectType: value.objectType ?? "Agent" };
  for (const key of IFIS) if (value[key] !== undefined) out[key] = value[key] as Json;
  // An anonymous group is identified by its members (format=ids keeps "the minimum to identify each").
  if (value.objectType === "Group" && !IFIS.some((key) => key in value) && Array.isArray(value.member)) {
    out.member = value.member.map(idsAgent);
  }
  return out;
}

function idsObject(value: Json | undefined): Json {
  if (!isObject(value)) return value ?? null;
  const type = value.objectType ?? "Activity";
  if (type === "Activity") return { objectType: "Activity", id: value.id ?? null };
  if (type === "Agent" || type === "Group") return idsAgent(value);
  if (type === "SubStatement") return idsOnly(value);
  return value;
}

function idsOnly(statement: JsonObject): JsonObject {
  const out: JsonObject = {
    ...statement,
    actor: idsAgent(statement.actor),
    object: idsObject(statement.object),
  };
  if (isObject(statement.verb)) out.verb = { id: statement.verb.id ?? null };
  if (statement.authority !== undefined) out.authority = idsAgent(statement.authority);
  const context = statement.context;
  if (isObject(context)) {
    const shaped: JsonObject = { ...context };
    if (context.instructor !== undefined) shaped.instructor = idsAgent(context.instructor);
    if (context.team !== undefined) shaped.team = idsAgent(context.team);
    if (isObject(context.contextActivities)) {
      shaped.contextActivities = mapLists(context.contextActivities, idsObject);
    }
    out.context = shaped;
  }
  return out;
}

function canonical(statement: JsonObject, languages: string[]): JsonObject {
  const pick = (map: Json | undefined) => pickLanguage(map, languages);
  const activity = (value: Json): Json => {
    if (!isObject(value) || (value.objectType ?? "Activity") !== "Activity" || !isObject(value.definition))
      return value;
    const definition: JsonObject = { ...value.definition };
    for (const key of ["name", "description"])
      if (definition[key] !== undefined) definition[key] = pick(definition[key]);
    for (const list of ["choices", "scale", "source", "target", "steps"]) {
      const components = definition[list];
      if (Array.isArray(components)) {
        definition[list] = components.map((c) =>
          isObject(c) && c.description !== undefined ? { ...c, description: pick(c.description) } : c,
        );
      }
    }
    return { ...value, definition };
  };
  const out: JsonObject = { ...statement };
  if (isObject(statement.verb) && statement.verb.display !== undefined) {
    out.verb = { ...statement.verb, display: pick(statement.verb.display) };
  }
  out.object =
    isObject(statement.object) && statement.object.objectType === "SubStatement"
      ? canonical(statement.object, languages)
      : activity(statement.object ?? null);
  const context = statement.context;
  if (isObject(context) && isObject(context.contextActivities)) {
    out.context = { ...context, contextActivities: mapLists(context.contextActivities, activity) };
  }
  return out;
}

function mapLists(lists: JsonObject, map: (value: Json) => Json): JsonObject {
  return Object.fromEntries(
    Object.entries(lists).map(([kind, list]) => [kind, (Array.isArray(list) ? list : [list]).map(map)]),
  );
}

/** One entry of a language map, chosen by the Accept-Language list, falling back to Vietnamese. */
function pickLanguage(map: Json | undefined, languages: string[]): Json {
  if (!isObject(map)) return map ?? null;
  const tags = Object.keys(map);
  if (tags.length <= 1) return map;
  const lower = tags.map((tag) => tag.toLowerCase());
  for (const wanted of [...languages, "vi", "en"]) {
    const w = wanted.toLowerCase();
    const index = lower.findIndex((tag) => tag === w || tag.startsWith(`${w}-`) || w.startsWith(`${tag}-`));
    if (index >= 0) return { [tags[index] as string]: map[tags[index] as string] as Json };
  }
  const first = tags[0] as string;
  return { [first]: map[first] as Json };
}

/** Accept-Language, most wanted first (RFC 7231 §5.3.5); `*` and q=0 entries are dropped. */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...parameters] = part.trim().split(";");
      const q = parameters.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag !== "" && entry.tag !== "*" && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
