import { isDeepStrictEqual } from "node:util";
import type { Json, JsonObject } from "./validate.ts";

/**
 * xAPI-Data.md §2.3.1: two statements with one id match when they differ only in what the LRS may
 * assign or re-serialise: id, authority, stored, version, a missing timestamp, the timestamp's time
 * zone, activity definitions and verb displays, the order of group members, single context activities
 * versus arrays, attachments, the e-mail domain's case and duration digits beyond 0.01 s.
 */
export function sameStatement(a: JsonObject, b: JsonObject): boolean {
  const [ta, tb] = [a.timestamp, b.timestamp];
  if (typeof ta === "string" && typeof tb === "string" && Date.parse(ta) !== Date.parse(tb)) return false;
  return isDeepStrictEqual(comparable(a, false), comparable(b, false));
}

function comparable(statement: JsonObject, sub: boolean): JsonObject {
  const {
    id: _id,
    authority: _authority,
    stored: _stored,
    version: _version,
    timestamp: _timestamp,
    attachments: _attachments,
    ...rest
  } = statement;
  const out: JsonObject = { ...rest };
  out.actor = agent(statement.actor);
  if (isObject(statement.verb)) out.verb = { id: statement.verb.id ?? null };
  out.object = object(statement.object, sub);
  if (isObject(statement.result) && typeof statement.result.duration === "string") {
    out.result = { ...statement.result, duration: truncateDuration(statement.result.duration) };
  }
  if (isObject(statement.context)) out.context = context(statement.context);
  // A SubStatement's timestamp is part of what it says, not something the LRS assigns.
  if (sub && statement.timestamp !== undefined) out.timestamp = Date.parse(String(statement.timestamp));
  return out;
}

function object(value: Json | undefined, sub: boolean): Json {
  if (!isObject(value)) return value ?? null;
  const type = value.objectType ?? "Activity";
  if (type === "Activity") return { objectType: "Activity", id: value.id ?? null };
  if (type === "Agent" || type === "Group") return agent(value);
  if (type === "SubStatement" && !sub) return comparable(value, true);
  return value;
}

function agent(value: Json | undefined): Json {
  if (!isObject(value)) return value ?? null;
  const out: JsonObject = { ...value, objectType: value.objectType ?? "Agent" };
  if (typeof value.mbox === "string") {
    const at = value.mbox.lastIndexOf("@");
    out.mbox = at < 0 ? value.mbox : value.mbox.slice(0, at) + value.mbox.slice(at).toLowerCase();
  }
  if (typeof value.mbox_sha1sum === "string") out.mbox_sha1sum = value.mbox_sha1sum.toLowerCase();
  if (Array.isArray(value.member)) {
    out.member = value.member.map(agent).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
  }
  return out;
}

function context(value: JsonObject): JsonObject {
  const out: JsonObject = { ...value };
  if (value.instructor !== undefined) out.instructor = agent(value.instructor);
  if (value.team !== undefined) out.team = agent(value.team);
  if (isObject(value.contextActivities)) {
    out.contextActivities = Object.fromEntries(
      Object.entries(value.contextActivities).map(([kind, list]) => [
        kind,
        (Array.isArray(list) ? list : [list]).map((activity) => object(activity, true)),
      ]),
    );
  }
  return out;
}

/** Durations compare to 0.01 s (xAPI-Data.md §4.6.s1.b5). */
function truncateDuration(duration: string): string {
  return duration.replace(/(\d+)(?:\.(\d+))?S$/, (_match, whole: string, fraction = "") => {
    const cents = fraction.padEnd(2, "0").slice(0, 2).replace(/0+$/, "");
    return cents ? `${whole}.${cents}S` : `${whole}S`;
  });
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
