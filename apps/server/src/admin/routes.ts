import { Hono } from "hono";
import { z } from "zod";
import type { Database } from "../db/database.ts";
import { type AppEnv, requireRole } from "../http/session.ts";
import { HttpError, readJson } from "../http/validation.ts";
import {
  createTrainer,
  createTrainerSchema,
  listTrainers,
  updateTrainer,
  updateTrainerSchema,
} from "./trainers.ts";
import { addUnit, createUnitSchema, listUnits, updateUnit, updateUnitSchema } from "./units.ts";

/** Units as the signed-in trainer or admin may see them (for scope pickers and the units tree). */
export function unitRoutes(db: Database) {
  const app = new Hono<AppEnv>();
  app.get("/", async (c) => {
    const person = requireRole(c, "trainer", "admin");
    return c.json({ units: await listUnits(db, person) });
  });
  return app;
}

/** Administration of units and trainer accounts: administrators only. */
export function adminRoutes(db: Database) {
  const app = new Hono<AppEnv>();

  app.post("/units", async (c) => {
    requireRole(c, "admin");
    const input = await readJson(c, createUnitSchema);
    await addUnit(db, input);
    return c.json({ id: input.id }, 201);
  });

  app.patch("/units/:id", async (c) => {
    requireRole(c, "admin");
    const patch = await readJson(c, updateUnitSchema);
    await updateUnit(db, c.req.param("id"), patch);
    return c.body(null, 204);
  });

  app.get("/trainers", async (c) => {
    requireRole(c, "admin");
    return c.json({ trainers: await listTrainers(db) });
  });

  app.post("/trainers", async (c) => {
    requireRole(c, "admin");
    const input = await readJson(c, createTrainerSchema);
    return c.json({ id: await createTrainer(db, input) }, 201);
  });

  app.patch("/trainers/:id", async (c) => {
    const admin = requireRole(c, "admin");
    const id = c.req.param("id");
    if (!z.uuid().safeParse(id).success) throw new HttpError(404, "not_found", "No such trainer");
    const patch = await readJson(c, updateTrainerSchema);
    if (id === admin.id && patch.active === false) {
      throw new HttpError(400, "invalid_body", "active: you cannot deactivate your own account");
    }
    await updateTrainer(db, id, patch);
    return c.body(null, 204);
  });

  return app;
}
