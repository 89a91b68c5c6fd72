/**
 * The xAPI 1.0.3 statement grammar (xAPI-Data.md §2.2–2.4, §4), checked by hand rather than with a
 * schema library so every problem names its exact path ("object.definition.choices.1.id") and says
 * what the specification wants there. Unknown properties are rejected, as §2.2.s4.b8 recommends.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface Issue {
  path: string;
  message: string;
}

export interface Agent {
  objectType?: "Agent";
  name?: string;
  mbox?: string;
  mbox_sha1sum?: string;
  openid?: string;
  account?: { homePage: string; name: string };
}

export interface Group {
  objectType: "Group";
  name?: string;
  member?: Agent[];
  mbox?: string;
  mbox_sha1sum?: string;
  openid?: string;
  account?: { homePage: string; name: string };
}

export interface Activity {
  objectType?: "Activity";
  id: string;
  definition?: JsonObject;
}

export interface StatementRef {
  objectType: "StatementRef";
  id: string;
}

export interface SubStatement {
  objectType: "SubStatement";
  actor: Agent | Group;
  verb: Verb;
  object: Activity | Agent | Group | StatementRef;
  result?: JsonObject;
  context?: Context;
  timestamp?: string;
  attachments?: JsonObject[];
}

export interface Verb {
  id: string;
  display?: Record<string, string>;
}

export type ContextActivityList = Activity | Activity[];

export interface Context {
  registration?: string;
  instructor?: Agent | Group;
  team?: Group;
  contextActivities?: Partial<Record<"parent" | "grouping" | "category" | "other", ContextActivityList>>;
  revision?: string;
  platform?: string;
  language?: string;
  statement?: StatementRef;
  extensions?: JsonObject;
}

export interface Statement {
  id?: string;
  actor: Agent | Group;
  verb: Verb;
  object: Activity | Agent | Group | StatementRef | SubStatement;
  result?: {
    score?: { scaled?: number; raw?: number; min?: number; max?: number };
    success?: boolean;
    completion?: boolean;
    response?: string;
    duration?: string;
    extensions?: JsonObject;
  };
  context?: Context;
  timestamp?: string;
  stored?: string;
  authority?: Agent | Group;
  version?: string;
  attachments?: JsonObject[];
}

export const VOIDED_VERB = "http://adlnet.gov/expapi/verbs/voided";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
// An absolute IRI: a scheme, a colon and no whitespace (best-effort, as §2.2.s4.b6 allows).
const IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/;
// An IRL is an IRI that locates something: scheme://authority...
const IRL = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s/?#]+[^\s]*$/;
const MAILTO = /^mailto:[^@\s]+@[^@\s]+$/;
const SHA1 = /^[0-9a-f]{40}$/i;
const SHA2 = /^[0-9a-f]{56}$|^[0-9a-f]{64}$|^[0-9a-f]{96}$|^[0-9a-f]{128}$/i;
const MEDIA_TYPE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*(\s*;.*)?$/;
// ISO 8601 combined date and time; the zone may be omitted (read as UTC) but -00:00 is not allowed.
const TIMESTAMP =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)?$/;
// ISO 8601:2004 §4.4.3.2 durations: PnYnMnDTnHnMnS (any part, a decimal only in the last) or PnW.
const DURATION =
  /^P(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?D)?(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$|^P\d+(\.\d+)?W$/;
// RFC 5646 language tags: the sequence of subtag lengths (§2.2.s4.b2), plus private-use tags.
const LANGUAGE_TAG =
  /^(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?(?:-(?:[A-Za-z\d]{5,8}|\d[A-Za-z\d]{3}))*(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z\d]{2,8})+)*(?:-[Xx](?:-[A-Za-z\d]{1,8})+)?$|^[Xx](?:-[A-Za-z\d]{1,8})+$/;
const VERSION = /^1\.0(\.\d+)?$/;
const INTERACTION_TYPES = [
  "true-false",
  "choice",
  "fill-in",
  "long-fill-in",
  "matching",
  "performance",
  "sequencing",
  "likert",
  "numeric",
  "other",
];
const COMPONENT_LISTS: Record<string, string[]> = {
  choice: ["choices"],
  sequencing: ["choices"],
  likert: ["scale"],
  matching: ["source", "target"],
  performance: ["steps"],
};
const IFI_KEYS = ["mbox", "mbox_sha1sum", "openid", "account"] as const;

export const isUuid = (value: unknown): value is string => typeof value === "string" && UUID.test(value);
export const isIri = (value: unknown): value is string => typeof value === "string" && IRI.test(value);
export const isTimestamp = (value: unknown): value is string =>
  typeof value === "string" &&
  TIMESTAMP.test(value) &&
  !value.endsWith("-00:00") &&
  !Number.isNaN(Date.parse(value));
export const isLanguageTag = (value: string) => LANGUAGE_TAG.test(value);

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value)}`;
}

class Checker {
  readonly issues: Issue[] = [];

  constructor(private readonly prefix: string[]) {}

  fail(path: readonly (string | number)[], message: string): void {
    this.issues.push({ path: [...this.prefix, ...path].join(".") || "(body)", message });
  }

  object(
    value: unknown,
    path: readonly (string | number)[],
    allowed: readonly string[],
  ): value is JsonObject {
    if (!isJsonObject(value)) {
      this.fail(path, `must be an object, got ${describe(value)}`);
      return false;
    }
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) this.fail([...path, key], "is not a property allowed here by xAPI 1.0.3");
    }
    return true;
  }

  string(value: unknown, path: readonly (string | number)[], what = "a string"): value is string {
    if (typeof value === "string") return true;
    this.fail(path, `must be ${what}, got ${describe(value)}`);
    return false;
  }

  pattern(
    value: unknown,
    path: readonly (string | number)[],
    test: (v: string) => boolean,
    what: string,
  ): boolean {
    if (!this.string(value, path, what)) return false;
    if (test(value)) return true;
    this.fail(path, `must be ${what}, got ${JSON.stringify(value)}`);
    return false;
  }

  iri(value: unknown, path: readonly (string | number)[]) {
    return this.pattern(value, path, (v) => IRI.test(v), "an absolute IRI (with a scheme, no spaces)");
  }

  irl(value: unknown, path: readonly (string | number)[]) {
    return this.pattern(value, path, (v) => IRL.test(v), "an IRL such as https://example.org/page");
  }

  uuid(value: unknown, path: readonly (string | number)[]) {
    return this.pattern(value, path, (v) => UUID.test(v), "a UUID in standard string form");
  }

  timestamp(value: unknown, path: readonly (string | number)[]) {
    return this.pattern(value, path, isTimestamp, "an ISO 8601 timestamp such as 2026-03-01T08:30:00.000Z");
  }

  number(value: unknown, path: readonly (string | number)[]): value is number {
    if (typeof value === "number" && Number.isFinite(value)) return true;
    this.fail(path, `must be a number, got ${describe(value)}`);
    return false;
  }

  boolean(value: unknown, path: readonly (string | number)[]) {
    if (typeof value !== "boolean") this.fail(path, `must be true or false, got ${describe(value)}`);
  }

  languageMap(value: unknown, path: readonly (string | number)[]) {
    if (!this.object(value, path, Object.keys(value ?? {}))) return;
    for (const [tag, text] of Object.entries(value)) {
      if (!LANGUAGE_TAG.test(tag)) this.fail([...path, tag], "is not an RFC 5646 language tag");
      this.string(text, [...path, tag]);
    }
  }

  extensions(value: unknown, path: readonly (string | number)[]) {
    // Values are free (§4.1.s3.b2: never reject on them, null included); only the keys must be IRIs.
    if (!this.object(value, path, Object.keys(value ?? {}))) return;
    for (const key of Object.keys(value)) {
      if (!IRI.test(key)) this.fail([...path, key], "an extension key must be an absolute IRI");
    }
  }

  /** The IFI properties present; exactly one is required of an Agent and an identified Group. */
  ifis(value: JsonObject, path: readonly (string | number)[]): string[] {
    const present = IFI_KEYS.filter((key) => key in value);
    for (const key of present) {
      const at = [...path, key];
      const v = value[key];
      if (key === "mbox")
        this.pattern(v, at, (s) => MAILTO.test(s), "a mailto IRI such as mailto:name@example.org");
      if (key === "mbox_sha1sum")
        this.pattern(v, at, (s) => SHA1.test(s), "a hex-encoded SHA-1 hash (40 characters)");
      if (key === "openid") this.iri(v, at);
      if (key === "account" && this.object(v, at, ["homePage", "name"])) {
        if (!("homePage" in v)) this.fail([...at, "homePage"], "is required");
        else this.irl(v.homePage, [...at, "homePage"]);
        if (!("name" in v)) this.fail([...at, "name"], "is required");
        else if (this.string(v.name, [...at, "name"]) && v.name === "")
          this.fail([...at, "name"], "must not be empty");
      }
    }
    return present;
  }

  agent(value: unknown, path: readonly (string | number)[]) {
    if (!this.object(value, path, ["objectType", "name", ...IFI_KEYS])) return;
    if ("objectType" in value && value.objectType !== "Agent") {
      this.fail([...path, "objectType"], `must be "Agent", got ${describe(value.objectType)}`);
    }
    if ("name" in value) this.string(value.name, [...path, "name"]);
    const ifis = this.ifis(value, path);
    if (ifis.length !== 1) {
      this.fail(
        path,
        `an Agent needs exactly one of mbox, mbox_sha1sum, openid, account (found ${ifis.length})`,
      );
    }
  }

  group(value: unknown, path: readonly (string | number)[]) {
    if (!this.object(value, path, ["objectType", "name", "member", ...IFI_KEYS])) return;
    if (value.objectType !== "Group") this.fail([...path, "objectType"], `must be "Group"`);
    if ("name" in value) this.string(value.name, [...path, "name"]);
    const ifis = this.ifis(value, path);
    if (ifis.length > 1)
      this.fail(path, `an identified Group needs exactly one identifier (found ${ifis.length})`);
    if (ifis.length === 0 && !("member" in value))
      this.fail([...path, "member"], "an anonymous Group must list its members");
    if ("member" in value) {
      const members = value.member;
      if (!Array.isArray(members))
        this.fail([...path, "member"], `must be an array of Agents, got ${describe(members)}`);
      else {
        members.forEach((member, i) => {
          const isGroup = isJsonObject(member) && member.objectType === "Group";
          if (isGroup) this.fail([...path, "member", i], "a Group's members must be Agents, not Groups");
          else this.agent(member, [...path, "member", i]);
        });
      }
    }
  }

  /** An actor, instructor or authority: an Agent unless objectType says Group. */
  agentOrGroup(value: unknown, path: readonly (string | number)[]) {
    const objectType = isJsonObject(value) ? value.objectType : undefined;
    if (objectType === "Group") this.group(value, path);
    else this.agent(value, path);
  }

  verb(value: unknown, path: readonly (string | number)[]) {
    if (!this.object(value, path, ["id", "display"])) return;
    if (!("id" in value)) this.fail([...path, "id"], "is required");
    else this.iri(value.id, [...path, "id"]);
    if ("display" in value) this.languageMap(value.display, [...path, "display"]);
  }

  activity(value: unknown, path: readonly (string | number)[]) {
    if (!this.object(value, path, ["objectType", "id", "definition"])) return;
    if ("objectType" in value && value.objectType !== "Activity")
      this.fail([...path, "objectType"], `must be "Activity"`);
    if (!("id" in value)) this.fail([...path, "id"], "is required");
    else this.iri(value.id, [...path, "id"]);
    if ("definition" in value) this.definition(value.definition, [...path, "definition"]);
  }

  definition(value: unknown, path: readonly (string | number)[]) {
    const lists = ["choices", "scale", "source", "target", "steps"];
    const allowed = [
      "name",
      "description",
      "type",
      "moreInfo",
      "extensions",
      "interactionType",
      "correctResponsesPattern",
      ...lists,
    ];
    if (!this.object(value, path, allowed)) return;
    if ("name" in value) this.languageMap(value.name, [...path, "name"]);
    if ("description" in value) this.languageMap(value.description, [...path, "description"]);
    if ("type" in value) this.iri(value.type, [...path, "type"]);
    if ("moreInfo" in value) this.irl(value.moreInfo, [...path, "moreInfo"]);
    if ("extensions" in value) this.extensions(value.extensions, [...path, "extensions"]);
    const interactionType = value.interactionType;
    if ("interactionType" in value && !INTERACTION_TYPES.includes(interactionType as string)) {
      this.fail([...path, "interactionType"], `must be one of ${INTERACTION_TYPES.join(", ")}`);
    }
    if ("correctResponsesPattern" in value) {
      const patterns = value.correctResponsesPattern;
      if (!("interactionType" in value))
        this.fail([...path, "correctResponsesPattern"], "needs an interactionType");
      if (!Array.isArray(patterns))
        this.fail([...path, "correctResponsesPattern"], "must be an array of strings");
      else
        patterns.forEach((p, i) => {
          this.string(p, [...path, "correctResponsesPattern", i]);
        });
    }
    const supported = COMPONENT_LISTS[interactionType as string] ?? [];
    for (const list of lists.filter((key) => key in value)) {
      const at = [...path, list];
      if (!supported.includes(list)) {
        this.fail(
          at,
          `is not a component list of interactionType ${JSON.stringify(interactionType ?? null)}`,
        );
        continue;
      }
      const components = value[list];
      if (!Array.isArray(components)) {
        this.fail(at, "must be an array of interaction components");
        continue;
      }
      const seen = new Set<string>();
      components.forEach((component, i) => {
        if (!this.object(component, [...at, i], ["id", "description"])) return;
        if (!("id" in component)) this.fail([...at, i, "id"], "is required");
        else if (this.string(component.id, [...at, i, "id"]) && component.id === "")
          this.fail([...at, i, "id"], "must not be empty");
        else if (seen.has(component.id as string))
          this.fail([...at, i, "id"], `repeats the id ${JSON.stringify(component.id)}`);
        seen.add(component.id as string);
        if ("description" in component) this.languageMap(component.description, [...at, i, "description"]);
      });
    }
  }

  statementRef(value: unknown, path: readonly (string | number)[]) {
    if (!this.object(value, path, ["objectType", "id"])) return;
    if (value.objectType !== "StatementRef") this.fail([...path, "objectType"], `must be "StatementRef"`);
    if (!("id" in value)) this.fail([...path, "id"], "is required");
    else this.uuid(value.id, [...path, "id"]);
  }

  /** The object of a statement (or, with `sub`, of a SubStatement, which cannot nest). */
  object_(value: unknown, path: readonly (string | number)[], sub: boolean) {
    if (!isJsonObject(value)) {
      this.fail(path, `must be an object, got ${describe(value)}`);
      return;
    }
    const objectType = value.objectType ?? "Activity";
    if (objectType === "Activity") this.activity(value, path);
    else if (objectType === "Agent") this.agent(value, path);
    else if (objectType === "Group") this.group(value, path);
    else if (objectType === "StatementRef") this.statementRef(value, path);
    else if (objectType === "SubStatement" && sub)
      this.fail([...path, "objectType"], "a SubStatement cannot contain a SubStatement");
    else if (objectType === "SubStatement") this.statementBody(value, path, true);
    else this.fail([...path, "objectType"], "must be Activity, Agent, Group, StatementRef or SubStatement");
  }

  result(value: unknown, path: readonly (string | number)[]) {
    if (!this.object(value, path, ["score", "success", "completion", "response", "duration", "extensions"]))
      return;
    if ("score" in value && this.object(value.score, [...path, "score"], ["scaled", "raw", "min", "max"])) {
      const score = value.score;
      const at = [...path, "score"];
      const num = (key: string) =>
        key in score && this.number(score[key], [...at, key]) ? (score[key] as number) : undefined;
      const [scaled, raw, min, max] = [num("scaled"), num("raw"), num("min"), num("max")];
      if (scaled !== undefined && (scaled < -1 || scaled > 1))
        this.fail([...at, "scaled"], "must be between -1 and 1");
      if (min !== undefined && max !== undefined && min >= max)
        this.fail([...at, "min"], "must be less than max");
      if (raw !== undefined && min !== undefined && raw < min)
        this.fail([...at, "raw"], "must not be below min");
      if (raw !== undefined && max !== undefined && raw > max)
        this.fail([...at, "raw"], "must not be above max");
    }
    if ("success" in value) this.boolean(value.success, [...path, "success"]);
    if ("completion" in value) this.boolean(value.completion, [...path, "completion"]);
    if ("response" in value) this.string(value.response, [...path, "response"]);
    if ("duration" in value) {
      this.pattern(
        value.duration,
        [...path, "duration"],
        (v) => DURATION.test(v),
        "an ISO 8601 duration such as PT4M30S",
      );
    }
    if ("extensions" in value) this.extensions(value.extensions, [...path, "extensions"]);
  }

  context(value: unknown, path: readonly (string | number)[], objectIsActivity: boolean) {
    const allowed = [
      "registration",
      "instructor",
      "team",
      "contextActivities",
      "revision",
      "platform",
      "language",
      "statement",
      "extensions",
    ];
    if (!this.object(value, path, allowed)) return;
    if ("registration" in value) this.uuid(value.registration, [...path, "registration"]);
    if ("instructor" in value) this.agentOrGroup(value.instructor, [...path, "instructor"]);
    if ("team" in value) this.group(value.team, [...path, "team"]);
    if ("contextActivities" in value) {
      const at = [...path, "contextActivities"];
      const kinds = ["parent", "grouping", "category", "other"];
      if (this.object(value.contextActivities, at, kinds)) {
        for (const [kind, list] of Object.entries(value.contextActivities)) {
          if (Array.isArray(list)) {
            list.forEach((activity, i) => {
              this.activity(activity, [...at, kind, i]);
            });
          } else this.activity(list, [...at, kind]);
        }
      }
    }
    for (const key of ["revision", "platform"] as const) {
      if (!(key in value)) continue;
      this.string(value[key], [...path, key]);
      if (!objectIsActivity) this.fail([...path, key], "may only be used when the object is an Activity");
    }
    if ("language" in value)
      this.pattern(value.language, [...path, "language"], isLanguageTag, "an RFC 5646 language tag");
    if ("statement" in value) this.statementRef(value.statement, [...path, "statement"]);
    if ("extensions" in value) this.extensions(value.extensions, [...path, "extensions"]);
  }

  attachments(value: unknown, path: readonly (string | number)[]) {
    if (!Array.isArray(value)) {
      this.fail(path, `must be an array of Attachments, got ${describe(value)}`);
      return;
    }
    value.forEach((attachment, i) => {
      const at = [...path, i];
      const allowed = ["usageType", "display", "description", "contentType", "length", "sha2", "fileUrl"];
      if (!this.object(attachment, at, allowed)) return;
      for (const key of ["usageType", "display", "contentType", "length", "sha2"]) {
        if (!(key in attachment)) this.fail([...at, key], "is required");
      }
      if ("usageType" in attachment) this.iri(attachment.usageType, [...at, "usageType"]);
      if ("display" in attachment) this.languageMap(attachment.display, [...at, "display"]);
      if ("description" in attachment) this.languageMap(attachment.description, [...at, "description"]);
      if ("contentType" in attachment) {
        this.pattern(
          attachment.contentType,
          [...at, "contentType"],
          (v) => MEDIA_TYPE.test(v),
          "an Internet media type",
        );
      }
      if (
        "length" in attachment &&
        !(Number.isInteger(attachment.length) && (attachment.length as number) >= 0)
      ) {
        this.fail([...at, "length"], "must be a non-negative integer");
      }
      if ("sha2" in attachment)
        this.pattern(attachment.sha2, [...at, "sha2"], (v) => SHA2.test(v), "a hex SHA-2 hash");
      // Attachment data would come in a multipart/mixed body, which this LRS does not accept.
      if (!("fileUrl" in attachment)) {
        this.fail(
          [...at, "fileUrl"],
          "is required: this LRS accepts attachments only by fileUrl, not as multipart/mixed data",
        );
      } else this.irl(attachment.fileUrl, [...at, "fileUrl"]);
    });
  }

  /** Actor, verb, object, result, context, timestamp and attachments: shared by Statement and SubStatement. */
  statementBody(value: JsonObject, path: readonly (string | number)[], sub: boolean) {
    const own = ["actor", "verb", "object", "result", "context", "timestamp", "attachments"];
    const allowed = sub ? ["objectType", ...own] : ["id", ...own, "stored", "authority", "version"];
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        const why =
          sub && ["id", "stored", "version", "authority"].includes(key)
            ? "a SubStatement must not have it"
            : "is not a property allowed here by xAPI 1.0.3";
        this.fail([...path, key], why);
      }
    }
    for (const key of ["actor", "verb", "object"])
      if (!(key in value)) this.fail([...path, key], "is required");
    if ("actor" in value) this.agentOrGroup(value.actor, [...path, "actor"]);
    if ("verb" in value) this.verb(value.verb, [...path, "verb"]);
    if ("object" in value) this.object_(value.object, [...path, "object"], sub);
    const object = value.object as JsonObject | undefined;
    const objectIsActivity =
      typeof object === "object" && object !== null && (object.objectType ?? "Activity") === "Activity";
    const verbId = (value.verb as JsonObject | undefined)?.id;
    if (verbId === VOIDED_VERB && object?.objectType !== "StatementRef") {
      this.fail(
        [...path, "object", "objectType"],
        "a voiding statement's object must be a StatementRef to the voided statement",
      );
    }
    if ("result" in value) this.result(value.result, [...path, "result"]);
    if ("context" in value) this.context(value.context, [...path, "context"], objectIsActivity);
    if ("timestamp" in value) this.timestamp(value.timestamp, [...path, "timestamp"]);
    if ("attachments" in value) this.attachments(value.attachments, [...path, "attachments"]);
  }

  statement(value: unknown) {
    if (
      !this.object(
        value,
        [],
        [
          "id",
          "actor",
          "verb",
          "object",
          "result",
          "context",
          "timestamp",
          "stored",
          "authority",
          "version",
          "attachments",
        ],
      )
    )
      return;
    if ("id" in value) this.uuid(value.id, ["id"]);
    this.statementBody(value, [], false);
    if ("stored" in value) this.timestamp(value.stored, ["stored"]);
    if ("authority" in value) this.agentOrGroup(value.authority, ["authority"]);
    if ("version" in value)
      this.pattern(value.version, ["version"], (v) => VERSION.test(v), 'a 1.0.x version such as "1.0.0"');
  }
}

/** Problems with one statement; `prefix` is put in front of every path (the index in a batch). */
export function statementIssues(value: unknown, prefix: string[] = []): Issue[] {
  const checker = new Checker(prefix);
  checker.statement(value);
  return checker.issues;
}

/** Problems with an Agent or identified Group given as a query parameter (e.g. `agent`). */
export function agentParameterIssues(value: unknown, name: string): Issue[] {
  const checker = new Checker([name]);
  checker.agentOrGroup(value, []);
  if (
    checker.issues.length === 0 &&
    (value as Group).objectType === "Group" &&
    !IFI_KEYS.some((key) => key in (value as JsonObject))
  ) {
    checker.fail([], "must be an Agent or an identified Group (an anonymous Group cannot be matched)");
  }
  return checker.issues;
}
