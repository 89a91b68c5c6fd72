import { Hono } from "hono";
import { z } from "zod";
import { verifyCertificate, verifyPresented } from "../certificates/certificates.ts";
import { type Credential, ISSUER_NAME, issuerId } from "../certificates/credential.ts";
import { verificationKeys } from "../certificates/keys.ts";
import { renderVerifyPage } from "../certificates/page.ts";
import { renderCertificatePdf } from "../certificates/pdf.ts";
import type { Config } from "../config.ts";
import type { CourseCatalog } from "../content.ts";
import type { Database } from "../db/database.ts";
import { writeAudit } from "../privacy/audit.ts";
import { publicBaseUrl } from "./public-url.ts";
import { type AppEnv, requirePerson, requireRole } from "./session.ts";
import { HttpError, readJson } from "./validation.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const revokeSchema = z.object({ reason: z.string().trim().min(1).max(500) }).strict();
const presentedSchema = z.object({ credential: z.record(z.string(), z.unknown()) }).strict();

/**
 * Certificates: the holder's PDF, public verification (page and API, no sign-in), the issuer's
 * public keys, and revocation by an admin. Mounted at the root: the paths are absolute.
 */
export function certificateRoutes(db: Database, catalog: CourseCatalog, config: Config) {
  const app = new Hono<AppEnv>();

  app.get("/verify/:id", async (c) => {
    const result = await verifyCertificate(db, c.req.param("id"));
    c.header("Cache-Control", "no-store");
    return c.html(
      renderVerifyPage(result),
      result.holderName === null && result.status === "forged" ? 404 : 200,
    );
  });

  app.get("/api/verify/:id", async (c) => {
    const result = await verifyCertificate(db, c.req.param("id"));
    return c.json(result, result.holderName === null && result.status === "forged" ? 404 : 200);
  });

  /** A credential as its holder presents it (say, from a wallet): is it exactly what we issued? */
  app.post("/api/verify", async (c) => {
    const { credential } = await readJson(c, presentedSchema);
    return c.json(await verifyPresented(db, credential));
  });

  /** The issuer profile, with every key that ever signed a certificate, as W3C Multikeys. */
  app.get("/api/issuer", async (c) => {
    const base = publicBaseUrl(c, config);
    const id = issuerId(base);
    const keys = [...(await verificationKeys(db)).entries()].map(([keyId, { multibase }]) => ({
      id: `${id}#${keyId}`,
      type: "Multikey",
      controller: id,
      publicKeyMultibase: multibase,
    }));
    return c.json({
      "@context": [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
      ],
      id,
      type: ["Profile"],
      name: ISSUER_NAME,
      url: base,
      verificationMethod: keys,
      assertionMethod: keys.map((key) => key.id),
    });
  });

  app.get("/api/certificates/:file", async (c) => {
    const person = requirePerson(c);
    const file = c.req.param("file");
    const id = file.endsWith(".pdf") ? file.slice(0, -4) : "";
    const { rows } = UUID.test(id)
      ? await db.query<{
          person_id: string;
          course_id: string;
          credential: Credential | null;
          revoked_at: Date | null;
        }>("select person_id, course_id, credential, revoked_at from certificates where id = $1", [id])
      : { rows: [] };
    const row = rows[0];
    // Someone else's certificate looks the same as none; an erased holder's has nothing left to print.
    if (!row?.credential || (row.person_id !== person.id && !person.roles.includes("admin"))) {
      throw new HttpError(404, "not_found", "No such certificate");
    }
    const subject = row.credential.credentialSubject as {
      identifier: { identityHash: string }[];
      result: { value: string }[];
    };
    const title = catalog.find(row.course_id)?.manifest.title ?? { vi: row.course_id, en: row.course_id };
    const pdf = await renderCertificatePdf({
      id,
      holderName: subject.identifier[0]?.identityHash ?? "",
      courseTitle: title,
      percentage: Number(subject.result[0]?.value ?? 0),
      issuedAt: row.credential.validFrom as string,
      expiresAt: row.credential.validUntil as string,
      verifyUrl: `${publicBaseUrl(c, config)}/verify/${id}`,
      revoked: row.revoked_at !== null,
    });
    return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="chung-nhan-${id}.pdf"`,
    });
  });

  app.post("/api/admin/certificates/:id/revoke", async (c) => {
    const admin = requireRole(c, "admin");
    const id = c.req.param("id");
    const { reason } = await readJson(c, revokeSchema);
    const revoked = await db.transaction(async (tx) => {
      const { rows } = UUID.test(id)
        ? await tx.query<{ revoked_at: Date; revoke_reason: string }>(
            `update certificates set revoked_at = coalesce(revoked_at, now()), revoke_reason = coalesce(revoke_reason, $2),
                    revoked_by = coalesce(revoked_by, $3)
              where id = $1
             returning revoked_at, revoke_reason`,
            [id, reason, admin.id],
          )
        : { rows: [] };
      const row = rows[0];
      if (row)
        await writeAudit(tx, {
          actorId: admin.id,
          action: "certificate.revoke",
          details: { certificateId: id, reason },
        });
      return row;
    });
    if (!revoked) throw new HttpError(404, "not_found", "No such certificate");
    return c.json({
      id,
      status: "revoked",
      revokedAt: new Date(revoked.revoked_at).toISOString(),
      reason: revoked.revoke_reason,
    });
  });

  return app;
}
