import { randomUUID } from "node:crypto";
import { buildStatement, type StatementInput, type XapiStatement } from "@bvte/learning-records";
import { expect } from "vitest";
import { FIXTURE_PASSWORD, type startTestServer } from "../testing/index.ts";

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

export async function signedIn(server: TestServer, login: string, password = FIXTURE_PASSWORD) {
  const client = server.client();
  const response = await client.signIn(login, password);
  expect(response.status, `sign in as ${login}`).toBe(200);
  return client;
}

/** Records statements through the real LRS endpoint with the learner's own session, as the player does. */
export async function record(
  server: TestServer,
  login: string,
  personId: string,
  inputs: Omit<StatementInput, "id" | "personId">[],
  extend: (statement: XapiStatement, index: number) => XapiStatement = (statement) => statement,
) {
  const learner = await signedIn(server, login);
  const statements = inputs.map((input, index) =>
    extend(buildStatement({ ...input, id: randomUUID(), personId }), index),
  );
  const response = await learner.post("/xapi/statements", statements, {
    "X-Experience-API-Version": "1.0.3",
  });
  expect(response.status, JSON.stringify(response.json)).toBe(200);
}

/** The instant `days` days before now. */
export const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

/** The Vietnamese calendar day (UTC+7) of an instant, as YYYY-MM-DD. */
export const vietnamDay = (instant: Date) =>
  new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

/** The last instant of a Vietnamese calendar day. */
export const endOfDay = (day: string) => new Date(`${day}T23:59:59.999+07:00`);
