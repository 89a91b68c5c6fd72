import { AGENT_HOME_PAGE } from "@bvte/learning-records";
import { Hono } from "hono";
import type { Database } from "../db/database.ts";
import { ingestStatements, StatementConflictError } from "../xapi/ingest.ts";
import { statementBatchSchema } from "../xapi/statement-schema.ts";
import { type AppEnv, requirePerson } from "./session.ts";
import { HttpError, readJson } from "./validation.ts";

export const XAPI_VERSION = "1.0.3";

export function xapiRoutes(db: Database) {
  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    await next();
    c.header("X-Experience-API-Version", XAPI_VERSION);
  });

  app.get("/about", (c) => c.json({ version: [XAPI_VERSION] }));

  app.post("/statements", async (c) => {
    const person = requirePerson(c);
    // A single statement or an array; checking each shape on its own gives errors that name the field.
    const statements = await readJson(c, statementBatchSchema, (body) =>
      Array.isArray(body) ? body : [body],
    );
    statements.forEach((statement, index) => {
      const { homePage, name } = statement.actor.account;
      if (homePage !== AGENT_HOME_PAGE || name !== person.id) {
        throw new HttpError(
          403,
          "forbidden_actor",
          `${index}.actor: you may only record statements about yourself`,
        );
      }
    });
    try {
      return c.json(await ingestStatements(db, person.id, statements));
    } catch (error) {
      if (error instanceof StatementConflictError) throw new HttpError(409, "conflict", error.message);
      throw error;
    }
  });

  return app;
}
