import { randomUUID } from "node:crypto";
import { activityId, VERBS } from "@bvte/learning-records";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture, startTestServer, type TestClient } from "../testing/index.ts";
import { agentOf, basic, statementAbout, voiding, XAPI } from "./lrs-helpers.ts";

const SECRET = "a-long-test-secret-0123456789";
const SYSTEM = basic("conformance", SECRET);
const COURSE = "school-violence-prevention";

/** A statement by a foreign agent (not a person of this instance), as another system would send. */
const foreign = (overrides: Record<string, unknown> = {}) => ({
  actor: { mbox: "mailto:learner@example.org", name: "Example Learner" },
  verb: {
    id: "http://adlnet.gov/expapi/verbs/experienced",
    display: { "en-US": "experienced", vi: "đã trải nghiệm" },
  },
  object: { id: "http://example.org/activities/one", definition: { name: { "en-US": "One", vi: "Một" } } },
  ...overrides,
});

describe("xAPI 1.0.3 statements resource", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let ids: Awaited<ReturnType<typeof fixture>>;
  let system: TestClient;
  beforeAll(async () => {
    server = await startTestServer({ env: { XAPI_BASIC_AUTH: `conformance:${SECRET}` } });
    ids = await fixture(server.db);
    system = server.client();
  });
  afterAll(() => server.stop());

  const post = (body: unknown, headers: Record<string, string> = SYSTEM) =>
    system.post("/xapi/statements", body, headers);
  const get = (query: string, headers: Record<string, string> = SYSTEM, client = system) =>
    client.request("GET", `/xapi/statements${query}`, undefined, headers);
  const count = async (where: string, params: unknown[] = []) =>
    (await server.db.query<{ n: number }>(`select count(*)::int as n from statements where ${where}`, params))
      .rows[0]?.n;
  const learner = async (login: string) => {
    const client = server.client();
    await client.signIn(login, ids.password);
    return client;
  };

  describe("versions, headers and authentication", () => {
    it("answers /about and sets the version header on every response", async () => {
      const about = await system.get("/xapi/about");
      expect(about.status).toBe(200);
      expect(about.json.version).toContain("1.0.3");
      expect(about.headers.get("x-experience-api-version")).toBe("1.0.3");
      const refused = await post(foreign(), { authorization: SYSTEM.authorization });
      expect(refused.headers.get("x-experience-api-version")).toBe("1.0.3");
    });

    it("requires a 1.0.x version header", async () => {
      const missing = await post(foreign(), { authorization: SYSTEM.authorization });
      expect(missing.status).toBe(400);
      expect(missing.json.message).toMatch(/^X-Experience-API-Version: /);
      for (const version of ["0.95", "1.1.0", "2.0.0"]) {
        expect((await post(foreign(), { ...SYSTEM, "X-Experience-API-Version": version })).status).toBe(400);
      }
      expect((await post(foreign(), { ...SYSTEM, "X-Experience-API-Version": "1.0" })).status).toBe(200);
      expect((await post(foreign(), { ...SYSTEM, "X-Experience-API-Version": "1.0.0" })).status).toBe(200);
    });

    it("accepts the XAPI_BASIC_AUTH pair and a signed-in person, nothing else", async () => {
      const anonymous = await post(foreign(), XAPI);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get("www-authenticate")).toMatch(/^Basic /);
      expect((await post(foreign(), basic("conformance", "wrong secret"))).status).toBe(401);
      expect((await post(foreign(), basic("nobody", SECRET))).status).toBe(401);
      expect((await post(foreign(), { ...XAPI, authorization: "Bearer abc" })).status).toBe(401);
      const signedIn = await learner("learner.a");
      const own = statementAbout(ids.learnerA, "initialized", { courseId: COURSE });
      const response = await signedIn.post("/xapi/statements", own, XAPI);
      expect(response.status).toBe(200);
      expect(response.headers.get("www-authenticate")).toBeNull();
    });

    it("says through when reads are consistent, on every statements response", async () => {
      for (const response of [await get("?limit=1"), await post(foreign()), await post({}, SYSTEM)]) {
        const through = response.headers.get("x-experience-api-consistent-through") as string;
        expect(through).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        expect(Date.parse(through)).toBeLessThanOrEqual(Date.now());
        expect(Date.parse(through)).toBeGreaterThan(Date.now() - 60_000);
      }
    });
  });

  describe("storing", () => {
    it("assigns ids, and sets stored, authority, version and timestamp itself", async () => {
      const posted = await post(
        foreign({ stored: "2001-01-01T00:00:00Z", authority: { mbox: "mailto:claimed@example.org" } }),
      );
      expect(posted.status).toBe(200);
      const [id] = posted.json;
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const stored = (await get(`?statementId=${id}`)).json;
      expect(stored).toMatchObject({
        id,
        version: "1.0.0",
        authority: { objectType: "Agent", account: { name: "conformance" } },
      });
      expect(Date.parse(stored.stored)).toBeGreaterThan(Date.now() - 60_000);
      expect(stored.timestamp).toBe(stored.stored);
    });

    it("PUTs one statement by statementId", async () => {
      const id = randomUUID();
      const put = (body: unknown, query = `?statementId=${id}`) =>
        system.request("PUT", `/xapi/statements${query}`, body, SYSTEM);
      expect((await put(foreign())).status).toBe(204);
      expect((await put(foreign())).status).toBe(204);
      expect((await put(foreign({ verb: { id: "http://adlnet.gov/expapi/verbs/attempted" } }))).status).toBe(
        409,
      );
      expect((await put(foreign(), "")).json.message).toMatch(/^statementId: /);
      expect((await put(foreign({ id: randomUUID() }))).json.message).toMatch(/^id: differs/);
      expect((await put(foreign(), `?statementId=${randomUUID()}&verb=x`)).status).toBe(400);
      expect(await count("id = $1", [id])).toBe(1);
    });

    it("treats a resent statement that differs only in what the LRS may change as the same", async () => {
      const id = randomUUID();
      const base = foreign({
        id,
        timestamp: "2026-03-01T15:00:00+07:00",
        actor: {
          objectType: "Group",
          member: [{ mbox: "mailto:a@example.org" }, { mbox: "mailto:b@example.org" }],
        },
        context: { contextActivities: { parent: { id: "http://example.org/parent" } } },
        result: { duration: "PT1.234S" },
      });
      expect((await post(base)).status).toBe(200);
      const same = {
        ...base,
        timestamp: "2026-03-01T08:00:00Z",
        verb: { id: base.verb.id, display: { "en-GB": "experienced" } },
        object: { id: base.object.id },
        actor: {
          objectType: "Group",
          member: [{ mbox: "mailto:b@EXAMPLE.org" }, { mbox: "mailto:a@example.org" }],
        },
        context: {
          contextActivities: { parent: [{ id: "http://example.org/parent", objectType: "Activity" }] },
        },
        result: { duration: "PT1.23S" },
        version: "1.0.3",
      };
      expect((await post(same)).status).toBe(200);
      expect((await post({ ...same, timestamp: "2026-03-01T08:00:01Z" })).status).toBe(409);
      expect((await post({ ...same, result: { duration: "PT1.3S" } })).status).toBe(409);
      expect(
        (await post({ ...same, actor: { objectType: "Group", member: [{ mbox: "mailto:a@example.org" }] } }))
          .status,
      ).toBe(409);
    });

    it("stores a batch whole or not at all, and rejects repeated ids in one batch", async () => {
      const goodId = randomUUID();
      const good = foreign({ id: goodId });
      const bad = foreign({ id: randomUUID(), verb: { id: "not an iri" } });
      const response = await post([good, bad]);
      expect(response.status).toBe(400);
      expect(response.json.message).toBe(
        '1.verb.id: must be an absolute IRI (with a scheme, no spaces), got "not an iri"',
      );
      expect(await count("id = $1", [goodId])).toBe(0);
      const twice = await post([good, { ...good }]);
      expect(twice.status).toBe(400);
      expect(twice.json.message).toBe("1.id: repeats the id of statement 0");
      expect(await count("id = $1", [goodId])).toBe(0);
      expect((await post([])).status).toBe(400);
      expect((await post(Array.from({ length: 501 }, () => foreign()))).status).toBe(413);
    });

    it("accepts attachments by fileUrl and refuses multipart/mixed with a clear message", async () => {
      const attachment = {
        usageType: "http://adlnet.gov/expapi/attachments/signature",
        display: { "en-US": "a file" },
        contentType: "application/pdf",
        length: 12,
        sha2: "495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a",
      };
      expect(
        (await post(foreign({ attachments: [{ ...attachment, fileUrl: "https://example.org/a.pdf" }] })))
          .status,
      ).toBe(200);
      const inline = await post(foreign({ attachments: [attachment] }));
      expect(inline.status).toBe(400);
      expect(inline.json.message).toMatch(
        /^attachments\.0\.fileUrl: is required: this LRS accepts attachments only by fileUrl/,
      );
      const multipart = await system.request("POST", "/xapi/statements", "--x\r\n\r\n{}\r\n--x--", {
        ...SYSTEM,
        "content-type": "multipart/mixed; boundary=x",
      });
      expect(multipart.status).toBe(400);
      expect(multipart.json.error).toBe("attachments_unsupported");
      const form = await system.request("POST", "/xapi/statements", "a=b", {
        ...SYSTEM,
        "content-type": "text/plain",
      });
      expect(form.status).toBe(400);
    });

    it("stores a batch sent ten times once, and counts it once in the projections", async () => {
      const batch = ["l01", "l02", "l03"].map((lessonId) =>
        statementAbout(ids.learnerB, "completed", { courseId: COURSE, lessonId }),
      );
      for (let i = 0; i < 10; i++) expect((await post(batch)).status).toBe(200);
      expect(await count("id = any($1::uuid[])", [batch.map((s) => s.id)])).toBe(3);
      const { rows } = await server.db.query<{ lessons_completed: string[] }>(
        "select lessons_completed from course_status where person_id = $1 and course_id = $2",
        [ids.learnerB, COURSE],
      );
      expect(rows[0]?.lessons_completed).toEqual(["l01", "l02", "l03"]);
    });

    it("never stores two rows for one id written by concurrent devices", async () => {
      const id = randomUUID();
      const statement = statementAbout(
        ids.learnerB,
        "passed",
        { courseId: COURSE, assessment: "final" },
        { id, score: 0.85 },
      );
      const others = Array.from({ length: 8 }, () =>
        statementAbout(ids.learnerB, "progressed", { courseId: COURSE }),
      );
      const writers = Array.from({ length: 12 }, (_, i) =>
        post(i % 2 ? [statement, ...others] : [...others.slice(0, i % 5), statement]),
      );
      const statuses = (await Promise.all(writers)).map((response) => response.status);
      expect(statuses).toEqual(Array(12).fill(200));
      expect(await count("id = $1", [id])).toBe(1);
      expect(await count("id = any($1::uuid[])", [others.map((s) => s.id)])).toBe(8);
      const passes = await server.db.query<{ n: number }>(
        "select count(*)::int as n from course_passes where statement_id = $1",
        [id],
      );
      expect(passes.rows[0]?.n).toBe(1);
    });
  });

  describe("validation names the offending field", () => {
    const cases: [string, unknown, string][] = [
      ["no actor", { ...foreign(), actor: undefined }, "actor: is required"],
      [
        "two identifiers",
        foreign({ actor: { mbox: "mailto:a@example.org", openid: "http://example.org/a" } }),
        "actor: an Agent needs exactly one",
      ],
      ["no identifier", foreign({ actor: { name: "Nobody" } }), "actor: an Agent needs exactly one"],
      [
        "mbox without mailto",
        foreign({ actor: { mbox: "a@example.org" } }),
        "actor.mbox: must be a mailto IRI",
      ],
      [
        "bad sha1",
        foreign({ actor: { mbox_sha1sum: "xyz" } }),
        "actor.mbox_sha1sum: must be a hex-encoded SHA-1",
      ],
      [
        "account homePage not an IRL",
        foreign({ actor: { account: { homePage: "example", name: "a" } } }),
        "actor.account.homePage: must be an IRL",
      ],
      [
        "account without name",
        foreign({ actor: { account: { homePage: "https://example.org" } } }),
        "actor.account.name: is required",
      ],
      [
        "anonymous group without members",
        foreign({ actor: { objectType: "Group" } }),
        "actor.member: an anonymous Group must list its members",
      ],
      [
        "group in a group",
        foreign({
          actor: { objectType: "Group", member: [{ objectType: "Group", mbox: "mailto:g@example.org" }] },
        }),
        "actor.member.0: a Group's members must be Agents",
      ],
      [
        "agent with members",
        foreign({ actor: { mbox: "mailto:a@example.org", member: [] } }),
        "actor.member: is not a property allowed",
      ],
      ["wrong key case", { ...foreign(), Actor: foreign().actor }, "Actor: is not a property allowed"],
      [
        "wrong enum case",
        foreign({ object: { objectType: "activity", id: "http://example.org/a" } }),
        "object.objectType: must be Activity, Agent",
      ],
      ["verb without id", foreign({ verb: { display: { "en-US": "x" } } }), "verb.id: is required"],
      [
        "bad language tag",
        foreign({ verb: { id: "http://example.org/v", display: { "not a tag": "x" } } }),
        "verb.display.not a tag: is not an RFC 5646 language tag",
      ],
      [
        "null value",
        foreign({ verb: { id: "http://example.org/v", display: { "en-US": null } } }),
        "verb.display.en-US: must be a string, got null",
      ],
      [
        "agent object without objectType",
        foreign({ object: { mbox: "mailto:a@example.org" } }),
        "object.mbox: is not a property allowed",
      ],
      [
        "StatementRef without UUID",
        foreign({ object: { objectType: "StatementRef", id: "123" } }),
        "object.id: must be a UUID",
      ],
      [
        "nested SubStatement",
        foreign({
          object: {
            objectType: "SubStatement",
            actor: { mbox: "mailto:a@example.org" },
            verb: { id: "http://example.org/v" },
            object: { objectType: "SubStatement" },
          },
        }),
        "object.object.objectType: a SubStatement cannot contain a SubStatement",
      ],
      [
        "SubStatement with id",
        foreign({
          object: {
            objectType: "SubStatement",
            id: randomUUID(),
            actor: { mbox: "mailto:a@example.org" },
            verb: { id: "http://example.org/v" },
            object: { id: "http://example.org/a" },
          },
        }),
        "object.id: a SubStatement must not have it",
      ],
      [
        "scaled out of range",
        foreign({ result: { score: { scaled: 1.5 } } }),
        "result.score.scaled: must be between -1 and 1",
      ],
      [
        "raw above max",
        foreign({ result: { score: { raw: 11, min: 0, max: 10 } } }),
        "result.score.raw: must not be above max",
      ],
      [
        "number as string",
        foreign({ result: { score: { raw: "5" } } }),
        'result.score.raw: must be a number, got string "5"',
      ],
      [
        "boolean as string",
        foreign({ result: { success: "true" } }),
        'result.success: must be true or false, got string "true"',
      ],
      [
        "bad duration",
        foreign({ result: { duration: "4 minutes" } }),
        "result.duration: must be an ISO 8601 duration",
      ],
      [
        "revision with an agent object",
        foreign({
          object: { objectType: "Agent", mbox: "mailto:a@example.org" },
          context: { revision: "2" },
        }),
        "context.revision: may only be used when the object is an Activity",
      ],
      [
        "platform with a StatementRef",
        foreign({ object: { objectType: "StatementRef", id: randomUUID() }, context: { platform: "web" } }),
        "context.platform: may only be used when the object is an Activity",
      ],
      [
        "unknown context activity kind",
        foreign({ context: { contextActivities: { sibling: [] } } }),
        "context.contextActivities.sibling: is not a property allowed",
      ],
      [
        "team that is an agent",
        foreign({ context: { team: { mbox: "mailto:a@example.org" } } }),
        'context.team.objectType: must be "Group"',
      ],
      [
        "bad registration",
        foreign({ context: { registration: "abc" } }),
        "context.registration: must be a UUID",
      ],
      [
        "timestamp -00:00",
        foreign({ timestamp: "2026-01-01T00:00:00-00:00" }),
        "timestamp: must be an ISO 8601 timestamp",
      ],
      [
        "timestamp not a date",
        foreign({ timestamp: "yesterday" }),
        "timestamp: must be an ISO 8601 timestamp",
      ],
      ["version 2.0", foreign({ version: "2.0.0" }), 'version: must be a 1.0.x version such as "1.0.0"'],
      [
        "extension key not an IRI",
        foreign({ result: { extensions: { score: 1 } } }),
        "result.extensions.score: an extension key must be an absolute IRI",
      ],
      [
        "components without their interaction type",
        foreign({
          object: { id: "http://example.org/q", definition: { interactionType: "true-false", choices: [] } },
        }),
        'object.definition.choices: is not a component list of interactionType "true-false"',
      ],
      [
        "repeated component ids",
        foreign({
          object: {
            id: "http://example.org/q",
            definition: { interactionType: "choice", choices: [{ id: "a" }, { id: "a" }] },
          },
        }),
        'object.definition.choices.1.id: repeats the id "a"',
      ],
      [
        "voiding a non-StatementRef",
        foreign({ verb: { id: VERBS.voided } }),
        "object.objectType: a voiding statement's object must be a StatementRef",
      ],
    ];
    for (const [name, statement, message] of cases) {
      it(`rejects ${name}`, async () => {
        const response = await post(statement);
        expect(response.status).toBe(400);
        expect(response.json.message.startsWith(message)).toBe(true);
      });
    }

    it("accepts the full grammar: groups, SubStatements, interactions, context and null extension values", async () => {
      const full = {
        id: randomUUID(),
        actor: {
          objectType: "Group",
          name: "Team",
          account: { homePage: "https://example.org", name: "team-1" },
          member: [{ openid: "https://example.org/openid/a" }],
        },
        verb: {
          id: "http://example.org/verbs/planned",
          display: { "vi-VN": "lên kế hoạch", "en-US": "planned" },
        },
        object: {
          objectType: "SubStatement",
          actor: { mbox_sha1sum: "ebd31e95054c018b10727ccffd2ef2ec3a016ee9" },
          verb: { id: "http://example.org/verbs/answer" },
          object: {
            id: "http://example.org/questions/1",
            definition: {
              type: "http://adlnet.gov/expapi/activities/cmi.interaction",
              interactionType: "matching",
              correctResponsesPattern: ["a[.]1[,]b[.]2"],
              source: [{ id: "a", description: { vi: "A" } }, { id: "b" }],
              target: [{ id: "1" }, { id: "2" }],
              moreInfo: "https://example.org/q1",
              extensions: { "http://example.org/ext": null },
            },
          },
          timestamp: "2030-01-01T00:00:00Z",
        },
        result: {
          score: { scaled: -0.5, raw: 1, min: -2, max: 2 },
          success: false,
          completion: true,
          response: "x",
          duration: "P1DT2H",
          extensions: { "http://example.org/r": { a: [1, null] } },
        },
        context: {
          registration: randomUUID(),
          instructor: { account: { homePage: "https://example.org", name: "teacher" } },
          team: { objectType: "Group", mbox: "mailto:team@example.org" },
          contextActivities: {
            parent: { id: "http://example.org/p" },
            grouping: [{ id: "http://example.org/g" }],
            category: [],
            other: [],
          },
          language: "vi-VN",
          statement: { objectType: "StatementRef", id: randomUUID() },
          extensions: {},
        },
        timestamp: "2026-03-01T08:30:00.123456+07:00",
      };
      const posted = await post(full);
      expect(posted.status).toBe(200);
      const stored = (await get(`?statementId=${full.id}`)).json;
      expect(stored.object).toEqual(full.object);
      // Context activities come back as arrays (xAPI-Data.md §2.4.6.2.s4).
      expect(stored.context.contextActivities.parent).toEqual([{ id: "http://example.org/p" }]);
    });
  });

  describe("reading", () => {
    const activity = `http://example.org/reading/${randomUUID()}`;
    const registration = randomUUID();
    const written: string[] = [];
    beforeAll(async () => {
      const base = foreign({ object: { id: activity } });
      for (let i = 0; i < 7; i++) {
        const [id] = (await post({ ...base, context: { registration } })).json;
        written.push(id);
      }
      await post(
        foreign({
          actor: { mbox: "mailto:other@example.org" },
          context: { contextActivities: { grouping: [{ id: activity }] } },
        }),
      );
    });

    it("finds by statementId, refusing other parameters alongside it", async () => {
      const one = await get(`?statementId=${written[0]}`);
      expect(one.status).toBe(200);
      expect(one.headers.get("last-modified")).toBe(new Date(one.json.stored).toUTCString());
      expect((await get(`?statementId=${randomUUID()}`)).status).toBe(404);
      expect((await get(`?statementId=${written[0]}&verb=${encodeURIComponent(VERBS.passed)}`)).status).toBe(
        400,
      );
      expect((await get(`?statementId=${written[0]}&voidedStatementId=${written[1]}`)).status).toBe(400);
      expect((await get(`?statementId=${written[0]}&format=ids`)).json.actor).toEqual({
        objectType: "Agent",
        mbox: "mailto:learner@example.org",
      });
    });

    it("filters by agent, verb, activity, registration, related activities and time", async () => {
      const agent = encodeURIComponent(JSON.stringify({ mbox: "mailto:learner@example.org" }));
      const byActivity = (await get(`?activity=${encodeURIComponent(activity)}`)).json.statements;
      expect(byActivity.map((s: { id: string }) => s.id)).toEqual([...written].reverse());
      const related = (await get(`?activity=${encodeURIComponent(activity)}&related_activities=true`)).json
        .statements;
      expect(related).toHaveLength(8);
      const both = (
        await get(
          `?agent=${agent}&registration=${registration}&verb=${encodeURIComponent(foreign().verb.id)}`,
        )
      ).json;
      expect(both.statements).toHaveLength(7);
      const other = encodeURIComponent(
        JSON.stringify({ objectType: "Agent", mbox: "mailto:other@example.org" }),
      );
      expect(
        (await get(`?agent=${other}&activity=${encodeURIComponent(activity)}`)).json.statements,
      ).toHaveLength(0);
      const third = byActivity[4];
      const since = (
        await get(`?activity=${encodeURIComponent(activity)}&since=${third.stored}&ascending=true`)
      ).json.statements;
      expect(since.every((s: { stored: string }) => s.stored > third.stored)).toBe(true);
      const until = (await get(`?activity=${encodeURIComponent(activity)}&until=${third.stored}`)).json
        .statements;
      expect(until.every((s: { stored: string }) => s.stored <= third.stored)).toBe(true);
      expect(since.length + until.length).toBe(7);
    });

    it("matches a member of a group and, with related_agents, instructors and authorities", async () => {
      const member = encodeURIComponent(JSON.stringify({ mbox: "mailto:a@example.org" }));
      expect((await get(`?agent=${member}`)).json.statements.length).toBeGreaterThan(0);
      const instructor = encodeURIComponent(
        JSON.stringify({ account: { homePage: "https://example.org", name: "teacher" } }),
      );
      expect((await get(`?agent=${instructor}`)).json.statements).toHaveLength(0);
      expect((await get(`?agent=${instructor}&related_agents=true`)).json.statements).toHaveLength(1);
    });

    it("pages with more links that continue exactly where the page ended", async () => {
      const seen: string[] = [];
      let page = (await get(`?registration=${registration}&limit=3&ascending=true`)).json;
      let pages = 1;
      seen.push(...page.statements.map((s: { id: string }) => s.id));
      while (page.more) {
        expect(page.more).toMatch(/^\/xapi\/statements\?more=/);
        page = (await system.request("GET", page.more, undefined, SYSTEM)).json;
        seen.push(...page.statements.map((s: { id: string }) => s.id));
        pages++;
      }
      expect(pages).toBe(3);
      expect(seen).toEqual(written);
      expect((await get(`?more=${"x".repeat(20)}`)).status).toBe(400);
      expect((await get(`?more=abc&limit=2`)).status).toBe(400);
    });

    it("formats ids, exact and canonical (by Accept-Language), and multipart when attachments=true", async () => {
      const query = `?statementId=${written[0]}`;
      const ids = (await get(`${query}&format=ids`)).json;
      expect(ids.verb).toEqual({ id: foreign().verb.id });
      expect(ids.object).toEqual({ objectType: "Activity", id: activity });
      const canonical = (
        await get(`${query}&format=canonical`, { ...SYSTEM, "accept-language": "vi, en;q=0.5" })
      ).json;
      expect(canonical.verb.display).toEqual({ vi: "đã trải nghiệm" });
      const english = (await get(`${query}&format=canonical`, { ...SYSTEM, "accept-language": "en-US" }))
        .json;
      expect(english.verb.display).toEqual({ "en-US": "experienced" });
      const exact = (await get(query)).json;
      expect(exact.verb.display).toEqual(foreign().verb.display);
      const multipart = await get(`${query}&attachments=true`);
      expect(multipart.headers.get("content-type")).toMatch(/^multipart\/mixed; boundary=/);
      expect(multipart.text).toContain(`"id":"${written[0]}"`);
      expect((await get(`${query}&format=full`)).status).toBe(400);
    });

    it("rejects unknown and malformed parameters", async () => {
      expect((await get("?Agent=x")).json.message).toBe("Agent: not a parameter of GET statements");
      expect((await get("?agent=notjson")).json.message).toMatch(/^agent: /);
      expect(
        (await get(`?agent=${encodeURIComponent(JSON.stringify({ objectType: "Group", member: [] }))}`))
          .status,
      ).toBe(400);
      expect((await get("?since=yesterday")).status).toBe(400);
      expect((await get("?limit=-1")).status).toBe(400);
      expect((await get("?ascending=yes")).status).toBe(400);
      expect((await get("?registration=1&registration=2")).status).toBe(400);
    });

    it("answers HEAD like GET without a body", async () => {
      const response = await fetch(`${server.url}/xapi/statements?statementId=${written[0]}`, {
        method: "HEAD",
        headers: SYSTEM,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("x-experience-api-consistent-through")).toBeTruthy();
      expect(await response.text()).toBe("");
    });

    it("supports the alternate request syntax for GET and PUT", async () => {
      const id = randomUUID();
      const form = new URLSearchParams({
        statementId: id,
        content: JSON.stringify(foreign()),
        "Content-Type": "application/json",
        Authorization: SYSTEM.authorization,
        "X-Experience-API-Version": "1.0.3",
      });
      const headers = { "content-type": "application/x-www-form-urlencoded" };
      const put = await server
        .client()
        .request("POST", "/xapi/statements?method=PUT", form.toString(), headers);
      expect(put.status).toBe(204);
      const read = new URLSearchParams({
        statementId: id,
        Authorization: SYSTEM.authorization,
        "X-Experience-API-Version": "1.0.3",
      });
      const got = await server
        .client()
        .request("POST", "/xapi/statements?method=GET", read.toString(), headers);
      expect(got.json.id).toBe(id);
      const mixed = await server
        .client()
        .request("POST", `/xapi/statements?method=GET&statementId=${id}`, read.toString(), headers);
      expect(mixed.status).toBe(400);
    });
  });

  describe("voiding", () => {
    it("voids a statement: gone from queries, found by voidedStatementId, projections derived again", async () => {
      const client = await learner("learner.a");
      const pass = statementAbout(
        ids.learnerA,
        "passed",
        { courseId: COURSE, assessment: "final" },
        { score: 0.9 },
      );
      expect((await client.post("/xapi/statements", pass, XAPI)).status).toBe(200);
      const statusOf = async () =>
        (await client.get("/api/me/progress")).json.courses.find(
          (c: { courseId: string }) => c.courseId === COURSE,
        );
      const passed = await statusOf();
      expect(passed).toMatchObject({ status: "passed", bestScore: 0.9 });
      // The course's validity (12 months) sets when the pass expires.
      const expires = new Date(passed.lastPassedAt);
      expires.setUTCMonth(expires.getUTCMonth() + 12);
      expect(passed.expiresAt).toBe(expires.toISOString());

      const voider = voiding(agentOf(ids.learnerA), pass.id);
      expect((await client.post("/xapi/statements", voider, XAPI)).status).toBe(200);
      expect(await statusOf()).toMatchObject({
        status: "in_progress",
        lastPassedAt: null,
        expiresAt: null,
        bestScore: null,
      });
      expect((await get(`?statementId=${pass.id}`)).status).toBe(404);
      expect((await get(`?voidedStatementId=${pass.id}`)).json.id).toBe(pass.id);
      expect((await get(`?voidedStatementId=${voider.id}`)).status).toBe(404);
      // Filters follow StatementRefs: the voiding statement matches the voided one's activity.
      const found = (
        await get(
          `?activity=${encodeURIComponent(activityId({ courseId: COURSE, assessment: "final" }))}&agent=${encodeURIComponent(JSON.stringify(agentOf(ids.learnerA)))}`,
        )
      ).json.statements;
      expect(found.map((s: { id: string }) => s.id)).toContain(voider.id);
      expect(found.map((s: { id: string }) => s.id)).not.toContain(pass.id);
      // A voiding statement cannot itself be voided.
      const again = await client.post("/xapi/statements", voiding(agentOf(ids.learnerA), voider.id), XAPI);
      expect(again.status).toBe(400);
      expect(again.json.message).toBe("object.id: a voiding statement cannot be voided");
    });

    it("lets a learner void only their own statements", async () => {
      const someoneElses = statementAbout(ids.learnerB, "completed", { courseId: COURSE, lessonId: "l09" });
      await post(someoneElses);
      const client = await learner("learner.a");
      const response = await client.post(
        "/xapi/statements",
        [voiding(agentOf(ids.learnerA), someoneElses.id)],
        XAPI,
      );
      expect(response.status).toBe(403);
      expect(response.json.message).toBe(
        "0.object.id: you may only void statements you recorded about yourself",
      );
      expect(await count("id = $1 and voided", [someoneElses.id])).toBe(0);
    });

    it("voids a statement that arrives after its voiding statement", async () => {
      const late = statementAbout(
        ids.learnerB,
        "passed",
        { courseId: "parenting-skills", assessment: "final" },
        { score: 1 },
      );
      expect((await post(voiding({ mbox: "mailto:admin@example.org" }, late.id))).status).toBe(200);
      expect((await post(late)).status).toBe(200);
      expect(await count("id = $1 and voided", [late.id])).toBe(1);
      const { rows } = await server.db.query("select 1 from course_passes where statement_id = $1", [
        late.id,
      ]);
      expect(rows).toEqual([]);
    });
  });

  describe("who may read and write what", () => {
    it("lets a learner record and read statements about themself only", async () => {
      const client = await learner("learner.a");
      const aboutB = statementAbout(ids.learnerB, "initialized", { courseId: COURSE });
      expect((await client.post("/xapi/statements", [aboutB], XAPI)).json.message).toBe(
        "0.actor: you may only record statements about yourself",
      );
      const mine = (await get("?limit=0", XAPI, client)).json.statements;
      expect(mine.length).toBeGreaterThan(0);
      expect(
        mine.every((s: { actor: { account?: { name: string } } }) => s.actor.account?.name === ids.learnerA),
      ).toBe(true);
      const theirs = (
        await get(`?agent=${encodeURIComponent(JSON.stringify(agentOf(ids.learnerB)))}`, XAPI, client)
      ).json;
      expect(theirs.statements).toEqual([]);
    });

    it("lets a trainer read the statements of people in their units, and an admin everyone's", async () => {
      const trainerA1 = await learner("trainer.a1");
      const seen = (await get("?limit=0", XAPI, trainerA1)).json.statements;
      const names = new Set(
        seen.map((s: { actor: { account?: { name: string } } }) => s.actor.account?.name),
      );
      expect(names.has(ids.learnerA)).toBe(true);
      expect(names.has(ids.learnerB)).toBe(false);
      const admin = await learner("admin");
      const all = (await get("?limit=0", XAPI, admin)).json.statements;
      expect(all.length).toBeGreaterThan(seen.length);
      expect(
        all.some((s: { actor: { mbox?: string } }) => s.actor.mbox === "mailto:learner@example.org"),
      ).toBe(true);
    });
  });
});

describe.skipIf(!process.env.DATABASE_URL)("several server processes on one PostgreSQL", () => {
  it("store each statement once when devices send the same batches to different servers at once", async () => {
    const first = await startTestServer({ env: { XAPI_BASIC_AUTH: `conformance:${SECRET}` } });
    const second = await startTestServer({
      storage: first.storage,
      env: { XAPI_BASIC_AUTH: `conformance:${SECRET}` },
    });
    try {
      const ids = await fixture(first.db);
      const batches = Array.from({ length: 6 }, (_, b) =>
        Array.from({ length: 50 }, (_, i) =>
          statementAbout(ids.learnerA, i === 0 ? "passed" : "completed", {
            courseId: COURSE,
            ...(i === 0 ? { assessment: "final" as const } : { lessonId: `b${b}-l${i}` }),
          }),
        ),
      );
      const sends = batches.flatMap((batch) =>
        [first, second, first, second].map((server) =>
          server.client().post("/xapi/statements", batch, SYSTEM),
        ),
      );
      expect(new Set((await Promise.all(sends)).map((r) => r.status))).toEqual(new Set([200]));
      const { rows } = await first.db.query<{ statements: number; passes: number; lessons: number }>(
        `select (select count(*)::int from statements where person_id = $1) as statements,
                (select count(*)::int from course_passes where person_id = $1) as passes,
                (select cardinality(lessons_completed) from course_status where person_id = $1) as lessons`,
        [ids.learnerA],
      );
      expect(rows[0]).toEqual({ statements: 300, passes: 6, lessons: 294 });
    } finally {
      await second.stop({ keepData: true });
      await first.stop();
    }
  });
});
