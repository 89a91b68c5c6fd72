import { Hono } from "hono";
import { z } from "zod";
import type { CertificationService } from "../certification/exams.ts";
import type { Config } from "../config.ts";
import { publicBaseUrl } from "./public-url.ts";
import { type AppEnv, requireRole } from "./session.ts";
import { HttpError, readJson } from "./validation.ts";

/** The roles that sit exams; trainers and admins take them only if they also hold one of these. */
export const LEARNER_ROLES = [
  "teacher",
  "health-worker",
  "investigator",
  "parent",
  "child-protection-officer",
];

const attemptIdSchema = z.uuid();
const submitSchema = z
  .object({
    responses: z
      .record(z.string().max(200), z.unknown())
      .refine((r) => Object.keys(r).length <= 500, "too many responses"),
  })
  .strict();
const scenarioStepSchema = z
  .object({
    itemId: z.string().min(1).max(200),
    path: z
      .array(z.object({ step: z.string().min(1).max(200), choice: z.string().min(1).max(200) }).strict())
      .max(100),
  })
  .strict();

function attemptId(value: string): string {
  // Malformed and unknown ids look the same, like someone else's attempt.
  if (!attemptIdSchema.safeParse(value).success) throw new HttpError(404, "not_found", "No such attempt");
  return value;
}

/** Certification exams, drawn and graded on the server: no response here ever carries a key. */
export function certificationRoutes(exams: CertificationService, config: Config) {
  const app = new Hono<AppEnv>();

  app.get("/:courseId", async (c) => {
    const person = requireRole(c, ...LEARNER_ROLES);
    return c.json(await exams.status(person, c.req.param("courseId")));
  });

  app.post("/:courseId/attempts", async (c) => {
    const person = requireRole(c, ...LEARNER_ROLES);
    const attempt = await exams.start(person, c.req.param("courseId"), publicBaseUrl(c, config));
    return c.json(attempt, attempt.resumed ? 200 : 201);
  });

  app.post("/attempts/:attemptId/scenario-step", async (c) => {
    const person = requireRole(c, ...LEARNER_ROLES);
    const id = attemptId(c.req.param("attemptId"));
    const body = await readJson(c, scenarioStepSchema);
    return c.json(await exams.scenarioStep(person, id, body.itemId, body.path, publicBaseUrl(c, config)));
  });

  app.post("/attempts/:attemptId/submit", async (c) => {
    const person = requireRole(c, ...LEARNER_ROLES);
    const id = attemptId(c.req.param("attemptId"));
    const body = await readJson(c, submitSchema);
    return c.json(await exams.submit(person, id, body.responses, publicBaseUrl(c, config)));
  });

  return app;
}
