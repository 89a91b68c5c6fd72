import { Hono } from "hono";
import { z } from "zod";
import type { Database } from "../db/database.ts";
import { readAudit, writeAudit } from "../privacy/audit.ts";
import { erasePerson } from "../privacy/erase.ts";
import { createCredential, listCredentials, revokeCredential } from "../xapi/credentials.ts";
import { type AppEnv, requireRole } from "./session.ts";
import { HttpError, readJson } from "./validation.ts";

const labelSchema = z.object({ label: z.string().trim().min(1).max(200) }).strict();
const eraseSchema = z.object({ reason: z.string().trim().min(1).max(500) }).strict();
const uuid = z.uuid();

/** Admin only, mounted at /api/admin: LRS credentials, erasure of a person, the audit log. */
export function recordsAdminRoutes(db: Database) {
  const app = new Hono<AppEnv>();

  app.get("/lrs-credentials", async (c) => {
    requireRole(c, "admin");
    return c.json({ credentials: await listCredentials(db) });
  });

  /** The secret is in this response and nowhere else: only its hash is stored. */
  app.post("/lrs-credentials", async (c) => {
    const admin = requireRole(c, "admin");
    const { label } = await readJson(c, labelSchema);
    const created = await db.transaction(async (tx) => {
      const credential = await createCredential(tx, label, admin.id);
      await writeAudit(tx, {
        actorId: admin.id,
        action: "lrs-credential.create",
        details: { key: credential.key, label },
      });
      return credential;
    });
    return c.json(created, 201);
  });

  app.delete("/lrs-credentials/:id", async (c) => {
    const admin = requireRole(c, "admin");
    const id = c.req.param("id");
    const revoked = uuid.safeParse(id).success
      ? await db.transaction(async (tx) => {
          const found = await revokeCredential(tx, id);
          if (found)
            await writeAudit(tx, {
              actorId: admin.id,
              action: "lrs-credential.revoke",
              details: { credentialId: id },
            });
          return found;
        })
      : false;
    if (!revoked) throw new HttpError(404, "not_found", "No such credential");
    return c.body(null, 204);
  });

  app.post("/people/:id/erase", async (c) => {
    const admin = requireRole(c, "admin");
    const id = c.req.param("id");
    const { reason } = await readJson(c, eraseSchema);
    if (id === admin.id)
      throw new HttpError(409, "cannot_erase_self", "An admin cannot erase their own account");
    const result = uuid.safeParse(id).success ? await erasePerson(db, id, admin, reason) : null;
    if (!result) throw new HttpError(404, "not_found", "No such person");
    return c.json({ erased: true, ...result });
  });

  app.get("/audit-log", async (c) => {
    requireRole(c, "admin");
    const limit = Number(c.req.query("limit") ?? 100);
    const before = c.req.query("before");
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      throw new HttpError(400, "invalid_query", "limit: expected a whole number from 1 to 1000");
    }
    if (before !== undefined && Number.isNaN(Date.parse(before))) {
      throw new HttpError(400, "invalid_query", "before: expected an ISO 8601 timestamp");
    }
    return c.json({ entries: await readAudit(db, limit, before) });
  });

  return app;
}
