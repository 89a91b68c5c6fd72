import { randomBytes } from "node:crypto";
import { AGENT_HOME_PAGE, parseActivityId, VERBS } from "@bvte/learning-records";
import { type Context, Hono } from "hono";
import { getCookie } from "hono/cookie";
import type { SessionPerson } from "../auth/sessions.ts";
import { unitScopeCondition } from "../cohorts/scope.ts";
import type { Database } from "../db/database.ts";
import { credentialAgent, personAgent } from "../xapi/authority.ts";
import { authenticateBasic } from "../xapi/credentials.ts";
import { acceptedLanguages, present, type StatementFormat, type StoredRow } from "../xapi/format.ts";
import { agentKey } from "../xapi/index-keys.ts";
import { IngestRejection, ingestStatements } from "../xapi/ingest.ts";
import type { ValidityRules } from "../xapi/projections.ts";
import {
  type Cursor,
  consistentThrough,
  findStatement,
  queryStatements,
  type ReadScope,
  type StatementFilters,
} from "../xapi/query.ts";
import {
  agentParameterIssues,
  type Group,
  type Issue,
  isIri,
  isTimestamp,
  isUuid,
  type Statement,
  statementIssues,
  type Agent as XapiAgent,
} from "../xapi/validate.ts";
import { type AppEnv, SESSION_COOKIE } from "./session.ts";
import { HttpError } from "./validation.ts";

export const XAPI_VERSION = "1.0.3";
/** Statements per POST; the 2 MiB body limit in app.ts bounds their size. */
export const MAX_BATCH = 500;
/** Statements per page of GET results (also what limit=0 means). */
export const MAX_PAGE = 500;

type Principal =
  | { kind: "credential"; key: string }
  | { kind: "person"; person: SessionPerson; admin: boolean };

/** One statements-resource request, whether sent plainly or in the alternate request syntax. */
interface XapiCall {
  method: "GET" | "PUT" | "POST";
  params: URLSearchParams;
  header(name: string): string | undefined;
  body: string;
}

const QUERY_PARAMS = new Set([
  "statementId",
  "voidedStatementId",
  "agent",
  "verb",
  "activity",
  "registration",
  "related_activities",
  "related_agents",
  "since",
  "until",
  "limit",
  "format",
  "attachments",
  "ascending",
  "more",
]);
/** Headers the alternate request syntax may carry as form fields (xAPI-Communication.md §1.3). */
const FORM_HEADERS = [
  "authorization",
  "x-experience-api-version",
  "content-type",
  "content-length",
  "if-match",
  "if-none-match",
];

export function xapiRoutes(db: Database, rules: ValidityRules) {
  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    await next();
    c.header("X-Experience-API-Version", XAPI_VERSION);
  });

  app.get("/about", (c) => c.json({ version: [XAPI_VERSION, "1.0.2", "1.0.1", "1.0.0"] }));

  // Every answer of the statements resource, errors included, says how far reads are consistent.
  app.use("/statements", async (c, next) => {
    await next();
    c.header("X-Experience-API-Consistent-Through", await consistentThrough(db));
  });

  app.on(["GET", "PUT", "POST"], "/statements", async (c) => {
    const call = await readCall(c);
    checkVersion(call.header("x-experience-api-version"));
    const principal = await authenticate(c, db, call);
    if (call.method === "GET") return getStatements(c, db, call, principal);
    const statements = parseStatements(call);
    authorizeWrites(statements.list, principal, statements.single);
    const ids = await store(db, rules, statements.list, principal, statements.single);
    return call.method === "PUT" ? c.body(null, 204) : c.json(ids);
  });

  return app;
}

async function readCall(c: Context<AppEnv>): Promise<XapiCall> {
  const url = new URL(c.req.url);
  const method = url.searchParams.get("method");
  if (method === null || c.req.method !== "POST") {
    return {
      // Hono answers HEAD with the GET handler and drops the body.
      method: c.req.method === "HEAD" ? "GET" : (c.req.method as XapiCall["method"]),
      params: url.searchParams,
      header: (name) => c.req.header(name),
      body: c.req.method === "GET" || c.req.method === "HEAD" ? "" : await c.req.text(),
    };
  }
  // Alternate request syntax: POST ?method=X with headers, parameters and content as form fields.
  if ([...url.searchParams.keys()].some((key) => key !== "method")) {
    throw new HttpError(400, "invalid_request", "With ?method=, every other parameter must be a form field");
  }
  if (!["GET", "PUT", "POST"].includes(method)) {
    throw new HttpError(
      400,
      "invalid_request",
      `method: must be GET, PUT or POST, got ${JSON.stringify(method)}`,
    );
  }
  if (!/^application\/x-www-form-urlencoded\b/i.test(c.req.header("content-type") ?? "")) {
    throw new HttpError(
      400,
      "invalid_request",
      "With ?method=, send the request as application/x-www-form-urlencoded",
    );
  }
  const form = new URLSearchParams(await c.req.text());
  const headers = new Map<string, string>();
  const params = new URLSearchParams();
  let content = "";
  for (const [name, value] of form) {
    if (name === "content") content = value;
    else if (FORM_HEADERS.includes(name.toLowerCase())) headers.set(name.toLowerCase(), value);
    else params.append(name, value);
  }
  return {
    method: method as XapiCall["method"],
    params,
    header: (name) => headers.get(name.toLowerCase()) ?? c.req.header(name),
    body: content,
  };
}

function checkVersion(version: string | undefined) {
  if (version === undefined) {
    throw new HttpError(
      400,
      "missing_version",
      "X-Experience-API-Version: this header is required (send 1.0.3)",
    );
  }
  if (!/^1\.0(\.\d+)?$/.test(version.trim())) {
    throw new HttpError(
      400,
      "unsupported_version",
      `X-Experience-API-Version: ${version} is not supported; this LRS speaks 1.0.x`,
    );
  }
}

async function authenticate(c: Context<AppEnv>, db: Database, call: XapiCall): Promise<Principal> {
  const authorization = call.header("authorization");
  if (authorization !== undefined) {
    const credential = await authenticateBasic(db, authorization);
    if (!credential) {
      c.header("WWW-Authenticate", 'Basic realm="BVTE xAPI", charset="UTF-8"');
      throw new HttpError(401, "unauthenticated", "The LRS credentials are wrong or revoked");
    }
    return { kind: "credential", key: credential.key };
  }
  const person = c.get("person");
  if (person) return { kind: "person", person, admin: person.roles.includes("admin") };
  // A web page's fetch (browsers send Sec-Fetch-Site) must never pop the browser's Basic prompt, also
  // when its session cookie has expired and is gone; LRS clients still get the challenge.
  if (!getCookie(c, SESSION_COOKIE) && !c.req.header("sec-fetch-site")) {
    c.header("WWW-Authenticate", 'Basic realm="BVTE xAPI", charset="UTF-8"');
  }
  throw new HttpError(
    401,
    "unauthenticated",
    "Sign in, or send LRS credentials with HTTP Basic authentication",
  );
}

function badRequest(issues: Issue[]): never {
  const first = issues[0];
  throw new HttpError(400, "invalid_statement", `${first?.path}: ${first?.message}`, issues);
}

function parseStatements(call: XapiCall): { list: Statement[]; single: boolean } {
  const contentType = call.header("content-type") ?? "";
  if (/^multipart\/mixed\b/i.test(contentType)) {
    throw new HttpError(
      400,
      "attachments_unsupported",
      "This LRS does not accept multipart/mixed requests: send application/json, with a fileUrl for every attachment",
    );
  }
  if (!/^application\/json\b/i.test(contentType)) {
    throw new HttpError(400, "unsupported_media_type", "Content-Type: send statements as application/json");
  }
  const allowed = call.method === "PUT" ? ["statementId"] : [];
  for (const key of call.params.keys()) {
    if (!allowed.includes(key))
      throw new HttpError(400, "invalid_parameter", `${key}: not a parameter of ${call.method} statements`);
  }
  let body: unknown;
  try {
    body = JSON.parse(call.body);
  } catch {
    throw new HttpError(400, "invalid_json", "The body is not valid JSON");
  }
  if (call.method === "PUT") {
    const statementId = call.params.get("statementId");
    if (!isUuid(statementId)) throw new HttpError(400, "invalid_parameter", "statementId: required, a UUID");
    const issues = statementIssues(body);
    if (issues.length > 0) badRequest(issues);
    const statement = body as Statement;
    if (statement.id !== undefined && statement.id.toLowerCase() !== statementId.toLowerCase()) {
      throw new HttpError(400, "invalid_statement", "id: differs from the statementId parameter");
    }
    return { list: [{ ...statement, id: statementId }], single: true };
  }
  const single = !Array.isArray(body);
  const list = single ? [body] : (body as unknown[]);
  if (list.length === 0) throw new HttpError(400, "invalid_statement", "(body): send at least one statement");
  if (list.length > MAX_BATCH) {
    throw new HttpError(
      413,
      "batch_too_large",
      `(body): at most ${MAX_BATCH} statements per request, got ${list.length}`,
    );
  }
  const issues = list.flatMap((statement, index) =>
    statementIssues(statement, single ? [] : [String(index)]),
  );
  if (issues.length > 0) badRequest(issues);
  return { list: list as Statement[], single };
}

const GRADED = new Set<string>([VERBS.passed, VERBS.failed]);

/**
 * Only an admin or an LRS credential may record statements about someone else, and nobody but the
 * server that grades certification exams records their results (a device could claim any score).
 */
function authorizeWrites(statements: Statement[], principal: Principal, single: boolean) {
  if (principal.kind === "credential" || principal.admin) return;
  const self = principal.person.id;
  statements.forEach((statement, index) => {
    const at = (path: string) => (single ? path : `${index}.${path}`);
    const actor = statement.actor;
    const account = actor.objectType === "Group" ? undefined : actor.account;
    if (account?.homePage !== AGENT_HOME_PAGE || account.name.toLowerCase() !== self) {
      throw new HttpError(
        403,
        "forbidden_actor",
        `${at("actor")}: you may only record statements about yourself`,
      );
    }
    const object = statement.object;
    const activity =
      (object.objectType ?? "Activity") === "Activity"
        ? parseActivityId((object as { id: string }).id)
        : undefined;
    if (activity?.assessment === "certification" && GRADED.has(statement.verb.id)) {
      throw new HttpError(
        403,
        "forbidden_certification_result",
        `${at("verb")}: certification results are recorded by the server that grades the exam`,
      );
    }
  });
}

async function store(
  db: Database,
  rules: ValidityRules,
  statements: Statement[],
  principal: Principal,
  single: boolean,
): Promise<string[]> {
  const authority =
    principal.kind === "credential" ? credentialAgent(principal.key) : personAgent(principal.person.id);
  const writer =
    principal.kind === "person" && !principal.admin ? { personId: principal.person.id } : undefined;
  try {
    return await ingestStatements(db, rules, statements, {
      authority,
      ...(writer ? { writer } : {}),
      paths: single ? "single" : "indexed",
    });
  } catch (error) {
    if (error instanceof IngestRejection) throw new HttpError(error.status, error.code, error.message);
    throw error;
  }
}

/** Which statements a principal may read: credentials and admins all, trainers their units' people, others their own. */
function readScope(principal: Principal): ReadScope {
  if (principal.kind === "credential" || principal.admin) return { sql: (p) => `${p}::boolean`, value: true };
  const person = principal.person;
  if (!person.roles.includes("trainer")) return { sql: (p) => `s.person_id = ${p}::uuid`, value: person.id };
  return {
    sql: (p) => `(s.person_id = ${p}::uuid or s.person_id in (
      select sp.id from people sp join units u on u.id = sp.home_unit_id
       where ${unitScopeCondition(person, `${p}::uuid`).sql}))`,
    value: person.id,
  };
}

interface ListRequest {
  filters: StatementFilters;
  limit: number;
  format: StatementFormat;
  attachments: boolean;
  cursor?: Cursor;
}

function singleParam(params: URLSearchParams, key: string): string | undefined {
  const values = params.getAll(key);
  if (values.length > 1) throw new HttpError(400, "invalid_parameter", `${key}: given more than once`);
  return values[0];
}

function booleanParam(params: URLSearchParams, key: string): boolean {
  const value = singleParam(params, key);
  if (value === undefined) return false;
  if (value !== "true" && value !== "false")
    throw new HttpError(400, "invalid_parameter", `${key}: must be true or false`);
  return value === "true";
}

function formatParam(params: URLSearchParams): StatementFormat {
  const format = singleParam(params, "format") ?? "exact";
  if (format !== "exact" && format !== "ids" && format !== "canonical") {
    throw new HttpError(400, "invalid_parameter", "format: must be ids, exact or canonical");
  }
  return format;
}

function parseList(params: URLSearchParams): ListRequest {
  const filters: StatementFilters = {
    relatedAgents: booleanParam(params, "related_agents"),
    relatedActivities: booleanParam(params, "related_activities"),
    ascending: booleanParam(params, "ascending"),
  };
  const agent = singleParam(params, "agent");
  if (agent !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(agent);
    } catch {
      throw new HttpError(400, "invalid_parameter", "agent: must be an Agent or identified Group as JSON");
    }
    const issues = agentParameterIssues(parsed, "agent");
    if (issues.length > 0)
      throw new HttpError(400, "invalid_parameter", `${issues[0]?.path}: ${issues[0]?.message}`, issues);
    filters.agent = agentKey(parsed as XapiAgent | Group);
  }
  const verb = singleParam(params, "verb");
  if (verb !== undefined && !isIri(verb))
    throw new HttpError(400, "invalid_parameter", "verb: must be an IRI");
  if (verb !== undefined) filters.verb = verb;
  const activity = singleParam(params, "activity");
  if (activity !== undefined && !isIri(activity))
    throw new HttpError(400, "invalid_parameter", "activity: must be an IRI");
  if (activity !== undefined) filters.activity = activity;
  const registration = singleParam(params, "registration");
  if (registration !== undefined && !isUuid(registration))
    throw new HttpError(400, "invalid_parameter", "registration: must be a UUID");
  if (registration !== undefined) filters.registration = registration;
  for (const key of ["since", "until"] as const) {
    const value = singleParam(params, key);
    if (value !== undefined && !isTimestamp(value))
      throw new HttpError(400, "invalid_parameter", `${key}: must be an ISO 8601 timestamp`);
    if (value !== undefined) filters[key] = value;
  }
  const rawLimit = singleParam(params, "limit") ?? "0";
  if (!/^\d+$/.test(rawLimit))
    throw new HttpError(400, "invalid_parameter", "limit: must be a non-negative integer");
  const limit = Number(rawLimit) === 0 ? MAX_PAGE : Math.min(Number(rawLimit), MAX_PAGE);
  return { filters, limit, format: formatParam(params), attachments: booleanParam(params, "attachments") };
}

/**
 * `more` carries the whole query and where the page ended, so any server process can continue it
 * and nothing is kept between requests. The scope is not in it: each page is re-checked against the
 * credentials that fetch it.
 */
function encodeMore(request: ListRequest, last: StoredRow): string {
  const token = Buffer.from(
    JSON.stringify({ ...request, cursor: { stored: last.stored, seq: last.seq } }),
  ).toString("base64url");
  return `/xapi/statements?more=${token}`;
}

function decodeMore(token: string): ListRequest {
  try {
    const request = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as ListRequest;
    const valid =
      typeof request.limit === "number" &&
      typeof request.filters === "object" &&
      ["exact", "ids", "canonical"].includes(request.format) &&
      isTimestamp(request.cursor?.stored) &&
      /^\d+$/.test(request.cursor?.seq ?? "");
    if (valid) return request;
  } catch {
    // falls through to the error below
  }
  throw new HttpError(400, "invalid_parameter", "more: not a continuation this LRS issued");
}

async function getStatements(c: Context<AppEnv>, db: Database, call: XapiCall, principal: Principal) {
  const params = call.params;
  for (const key of params.keys()) {
    if (!QUERY_PARAMS.has(key))
      throw new HttpError(400, "invalid_parameter", `${key}: not a parameter of GET statements`);
  }
  const scope = readScope(principal);
  const languages = acceptedLanguages(call.header("accept-language"));
  const statementId = singleParam(params, "statementId");
  const voidedStatementId = singleParam(params, "voidedStatementId");
  if (statementId !== undefined || voidedStatementId !== undefined) {
    if (statementId !== undefined && voidedStatementId !== undefined) {
      throw new HttpError(400, "invalid_parameter", "statementId: cannot be combined with voidedStatementId");
    }
    const other = [...params.keys()].find(
      (key) => !["statementId", "voidedStatementId", "format", "attachments"].includes(key),
    );
    if (other)
      throw new HttpError(
        400,
        "invalid_parameter",
        `${other}: cannot be combined with statementId or voidedStatementId`,
      );
    const id = (statementId ?? voidedStatementId) as string;
    const key = statementId !== undefined ? "statementId" : "voidedStatementId";
    if (!isUuid(id)) throw new HttpError(400, "invalid_parameter", `${key}: must be a UUID`);
    const format = formatParam(params);
    const attachments = booleanParam(params, "attachments");
    const row = await findStatement(db, id, voidedStatementId !== undefined, scope);
    if (!row)
      throw new HttpError(404, "not_found", `${key}: no such ${voidedStatementId ? "voided " : ""}statement`);
    c.header("Last-Modified", new Date(row.stored).toUTCString());
    return respond(c, present(row, format, languages), attachments);
  }
  let request: ListRequest;
  const more = singleParam(params, "more");
  if (more !== undefined) {
    const other = [...params.keys()].find((key) => key !== "more");
    if (other) throw new HttpError(400, "invalid_parameter", `${other}: cannot be combined with more`);
    request = decodeMore(more);
  } else {
    request = parseList(params);
  }
  const page = await queryStatements(db, request.filters, scope, request.limit, request.cursor);
  const last = page.rows.at(-1);
  const latest = page.rows
    .map((row) => row.stored)
    .sort()
    .at(-1);
  if (latest) c.header("Last-Modified", new Date(latest).toUTCString());
  const result = {
    statements: page.rows.map((row) => present(row, request.format, languages)),
    more: page.more && last ? encodeMore(request, last) : "",
  };
  return respond(c, result, request.attachments);
}

/** attachments=true asks for multipart/mixed; with no attachment data stored, it has one JSON part. */
function respond(c: Context<AppEnv>, body: unknown, attachments: boolean) {
  if (!attachments) return c.json(body);
  const boundary = randomBytes(12).toString("hex");
  const text = `--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(body)}\r\n--${boundary}--\r\n`;
  return c.body(text, 200, { "Content-Type": `multipart/mixed; boundary=${boundary}` });
}
