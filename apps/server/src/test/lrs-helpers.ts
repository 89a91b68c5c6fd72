import { randomUUID } from "node:crypto";
import {
  AGENT_HOME_PAGE,
  type activityId,
  buildStatement,
  VERBS,
  type VerbName,
} from "@bvte/learning-records";
import type { Attempt, Item, PublicForm, PublicItem, Text } from "@bvte/quiz-engine";
import type { Queryable } from "../db/database.ts";
import type { TestClient } from "../testing/index.ts";

/** xAPI 1.0.3 §3.3: every statements-resource request names the version it speaks. */
export const XAPI = { "X-Experience-API-Version": "1.0.3" } as const;

export const basic = (key: string, secret: string) => ({
  ...XAPI,
  authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`,
});

export const agentOf = (personId: string) => ({
  objectType: "Agent",
  account: { homePage: AGENT_HOME_PAGE, name: personId },
});

/** A statement of this product's own vocabulary about one person. */
export function statementAbout(
  personId: string,
  verb: VerbName,
  activity: Parameters<typeof activityId>[0],
  extra: { score?: number; timestamp?: string; id?: string; registration?: string } = {},
) {
  return buildStatement({
    id: extra.id ?? randomUUID(),
    personId,
    verb,
    activity,
    timestamp: extra.timestamp ?? new Date().toISOString(),
    ...(extra.score !== undefined ? { score: { scaled: extra.score }, success: verb === "passed" } : {}),
    ...(extra.registration ? { registration: extra.registration } : {}),
  });
}

export const voiding = (actor: object, targetId: string, id = randomUUID()) => ({
  id,
  actor,
  verb: { id: VERBS.voided, display: { "en-US": "voided" } },
  object: { objectType: "StatementRef", id: targetId },
});

/** The secret state of an attempt, read straight from the database (tests only). */
export async function attemptState(
  db: Queryable,
  attemptId: string,
): Promise<{ title: Text; attempt: Attempt }> {
  const { rows } = await db.query<{ state: { title: Text; attempt: Attempt } }>(
    "select state from certification_attempts where id = $1",
    [attemptId],
  );
  const state = rows[0]?.state;
  if (!state) throw new Error(`no attempt ${attemptId}`);
  return state;
}

/**
 * Responses to a public form that earn full marks, as a candidate who knows every answer would give
 * them. It maps each internal key to its public id by position: the public form lists items, options,
 * prompts and steps in the form's drawn order (packages/quiz-engine/src/public-form.ts). Scenario
 * steps after the first are revealed by the server one at a time, so those go through `reveal`.
 */
export async function correctResponses(
  form: PublicForm,
  attempt: Attempt,
  reveal: (
    itemId: string,
    path: { step: string; choice: string }[],
  ) => Promise<{ step?: PublicItemStep; end?: true }>,
): Promise<Record<string, unknown>> {
  const responses: Record<string, unknown> = {};
  for (const [position, view] of form.items.entries()) {
    const item = attempt.items[position] as Item;
    const order = attempt.form.items[position]?.order ?? {};
    responses[view.id] = await answer(item, view, order, reveal);
  }
  return responses;
}

type PublicItemStep = Extract<PublicItem, { type: "scenario" }>["firstStep"];

async function answer(
  item: Item,
  view: PublicItem,
  order: Record<string, string[]>,
  reveal: (
    itemId: string,
    path: { step: string; choice: string }[],
  ) => Promise<{ step?: PublicItemStep; end?: true }>,
): Promise<unknown> {
  const publicId = (list: { id: string }[], internalOrder: string[] | undefined, internalId: string) =>
    list[(internalOrder ?? []).indexOf(internalId)]?.id as string;
  switch (item.type) {
    case "single-choice": {
      const key = item.options.find((o) => o.correct)?.id as string;
      return { choice: publicId((view as { options: { id: string }[] }).options, order.options, key) };
    }
    case "multiple-response":
      return {
        choices: item.options
          .filter((o) => o.correct)
          .map((o) => publicId((view as { options: { id: string }[] }).options, order.options, o.id)),
      };
    case "true-false":
      return { value: item.answer };
    case "matching": {
      const v = view as { prompts: { id: string }[]; choices: { id: string }[] };
      return {
        pairs: Object.fromEntries(
          item.pairs.map((p) => [
            publicId(v.prompts, order.prompts, p.id),
            publicId(v.choices, order.choices, p.id),
          ]),
        ),
      };
    }
    case "ordering":
      return {
        order: item.sequence.map((s) =>
          publicId((view as { sequence: { id: string }[] }).sequence, order.sequence, s.id),
        ),
      };
    case "short-text":
      return { text: item.accepted.vi[0] };
    case "numeric": {
      const best = item.answers?.find((a) => a.score === 1);
      const range = item.range ?? best?.range;
      return { value: item.answer ?? best?.answer ?? (range ? (range[0] + range[1]) / 2 : 0) };
    }
    case "scenario": {
      const path: { step: string; choice: string }[] = [];
      let step: PublicItemStep | undefined = (view as { firstStep: PublicItemStep }).firstStep;
      let index = 0;
      while (step && index >= 0) {
        const internal = item.steps[index];
        if (!internal) break;
        const best = [...internal.options].sort((a, b) => b.score - a.score)[0];
        if (!best) break;
        path.push({ step: step.id, choice: publicId(step.options, order[internal.id], best.id) });
        const next =
          best.next === "end" ? -1 : best.next ? item.steps.findIndex((s) => s.id === best.next) : index + 1;
        index = next >= item.steps.length ? -1 : next;
        step = index >= 0 ? (await reveal(view.id, path)).step : undefined;
      }
      return { path };
    }
  }
}

/** A client that keeps every response body it receives, to search them for what must never leak. */
export function recording(client: TestClient) {
  const bodies: string[] = [];
  const request = client.request.bind(client);
  client.request = async (...args: Parameters<TestClient["request"]>) => {
    const response = await request(...args);
    bodies.push(response.text);
    return response;
  };
  return bodies;
}

/** Signs in, sits the certification exam of `courseId` and answers everything right. */
export async function passCertification(
  server: { client(): TestClient; db: Queryable },
  login: string,
  password: string,
  courseId: string,
) {
  const client = server.client();
  await client.signIn(login, password);
  const started = await client.post(`/api/certification/${courseId}/attempts`);
  const { attemptId, form } = started.json;
  const state = await attemptState(server.db, attemptId);
  const responses = await correctResponses(form, state.attempt, async (itemId, path) => {
    return (await client.post(`/api/certification/attempts/${attemptId}/scenario-step`, { itemId, path }))
      .json;
  });
  const result = await client.post(`/api/certification/attempts/${attemptId}/submit`, { responses });
  if (!result.json.passed) throw new Error(`expected a pass, got ${JSON.stringify(result.json)}`);
  return { client, attemptId, certificateId: result.json.certificateId as string, state };
}
