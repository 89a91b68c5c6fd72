import { generateKeyPairSync, randomUUID } from "node:crypto";
import { PDFDict, PDFDocument, PDFName } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueCertificate } from "../certificates/certificates.ts";
import { type Credential, verifyCredential } from "../certificates/credential.ts";
import { loadSigningKey, publicKeyFromMultibase } from "../certificates/keys.ts";
import { fixture, startTestServer } from "../testing/index.ts";
import { passCertification } from "./lrs-helpers.ts";

const COURSE = "child-friendly-investigation";

describe("certificates", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let ids: Awaited<ReturnType<typeof fixture>>;
  let passed: Awaited<ReturnType<typeof passCertification>>;
  beforeAll(async () => {
    server = await startTestServer();
    ids = await fixture(server.db);
    passed = await passCertification(server, "learner.a", ids.password, COURSE);
  });
  afterAll(() => server.stop());

  const credentialOf = async (id: string) =>
    (
      await server.db.query<{ credential: Credential }>("select credential from certificates where id = $1", [
        id,
      ])
    ).rows[0]?.credential as Credential;

  it("verifies publicly, in Vietnamese first, with holder, course, dates and status", async () => {
    const anyone = server.client();
    const api = await anyone.get(`/api/verify/${passed.certificateId}`);
    expect(api.status).toBe(200);
    expect(api.json).toMatchObject({
      id: passed.certificateId,
      status: "valid",
      holderName: "learner.a",
      courseId: COURSE,
      courseTitle: "Điều tra thân thiện với trẻ em",
      revokedAt: null,
    });
    const page = await anyone.get(`/verify/${passed.certificateId}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page.text).toContain('<html lang="vi">');
    expect(page.text).toContain("Hợp lệ");
    expect(page.text).toContain("Điều tra thân thiện với trẻ em");
    expect(page.text).not.toMatch(/<script/i);
  });

  it("is an Open Badges 3.0 credential anyone can check with the key the issuer publishes", async () => {
    const credential = await credentialOf(passed.certificateId);
    expect(credential).toMatchObject({
      type: ["VerifiableCredential", "OpenBadgeCredential"],
      credentialSubject: { type: ["AchievementSubject"], achievement: { type: ["Achievement"] } },
      proof: { type: "DataIntegrityProof", cryptosuite: "eddsa-jcs-2022", proofPurpose: "assertionMethod" },
    });
    const issuer = (await server.client().get("/api/issuer")).json;
    const method = issuer.verificationMethod.find(
      (m: { id: string }) => m.id === credential.proof?.verificationMethod,
    );
    expect(method).toMatchObject({ type: "Multikey", publicKeyMultibase: expect.stringMatching(/^z6Mk/) });
    const key = publicKeyFromMultibase(method.publicKeyMultibase);
    const keyId = method.id.split("#")[1];
    expect(verifyCredential(credential, new Map([[keyId, { key: key as NonNullable<typeof key> }]]))).toBe(
      true,
    );
    expect(JSON.stringify(issuer)).not.toMatch(/PRIVATE|private/);
  });

  it("reports a tampered or forged certificate as forged", async () => {
    const original = await credentialOf(passed.certificateId);
    const renamed = structuredClone(original) as Credential & {
      credentialSubject: { identifier: { identityHash: string }[] };
    };
    renamed.credentialSubject.identifier[0] = {
      ...renamed.credentialSubject.identifier[0],
      identityHash: "Kẻ Giả Mạo",
    } as never;
    const presented = async (credential: unknown) =>
      (await server.client().post("/api/verify", { credential })).json.status;
    expect(await presented(original)).toBe("valid");
    expect(await presented(renamed)).toBe("forged");
    expect(await presented({ ...original, validUntil: "2099-01-01T00:00:00.000Z" })).toBe("forged");
    expect(await presented({ ...original, id: `urn:uuid:${randomUUID()}` })).toBe("forged");

    // Altered in the database itself: the signature no longer matches.
    await server.db.query("update certificates set credential = $2 where id = $1", [
      passed.certificateId,
      JSON.stringify(renamed),
    ]);
    const tampered = await server.client().get(`/api/verify/${passed.certificateId}`);
    expect(tampered.json.status).toBe("forged");
    expect((await server.client().get(`/verify/${passed.certificateId}`)).text).toContain("Không hợp lệ");
    await server.db.query("update certificates set credential = $2 where id = $1", [
      passed.certificateId,
      JSON.stringify(original),
    ]);
    expect((await server.client().get(`/api/verify/${passed.certificateId}`)).json.status).toBe("valid");

    for (const id of [randomUUID(), "not-an-id"]) {
      const unknown = await server.client().get(`/api/verify/${id}`);
      expect(unknown.status).toBe(404);
      expect(unknown.json.status).toBe("forged");
    }
  });

  it("says expired once the validity has passed", async () => {
    const key = await loadSigningKey(server.db);
    const id = randomUUID();
    await issueCertificate(server.db, key, server.url, {
      id,
      personId: ids.learnerB,
      attemptId: null,
      holderName: "Lê Văn Bình",
      courseId: COURSE,
      courseTitle: { vi: "Điều tra thân thiện với trẻ em", en: "Child-friendly investigation" },
      percentage: 85,
      issuedAt: "2023-01-10T03:00:00.000Z",
      expiresAt: "2025-01-10T03:00:00.000Z",
    });
    expect((await server.client().get(`/api/verify/${id}`)).json).toMatchObject({
      status: "expired",
      holderName: "Lê Văn Bình",
    });
    const page = (await server.client().get(`/verify/${id}`)).text;
    expect(page).toContain("Đã hết hạn");
    expect(page).toContain("10/01/2025");
  });

  it("gives the holder (and an admin) a PDF with the font embedded", async () => {
    const pdf = await passed.client.download(`/api/certificates/${passed.certificateId}.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    const document = await PDFDocument.load(pdf.bytes);
    expect(document.getPageCount()).toBe(1);
    expect(document.getTitle()).toBe("Giấy chứng nhận – Điều tra thân thiện với trẻ em");
    const descriptors = document.context
      .enumerateIndirectObjects()
      .map(([, object]) => object)
      .filter(
        (object) =>
          object instanceof PDFDict && object.get(PDFName.of("Type")) === PDFName.of("FontDescriptor"),
      )
      .map((object) => object as PDFDict);
    // Both weights of Noto Sans, subset and embedded (FontFile2 is the TrueType program itself).
    expect(descriptors.map((d) => d.get(PDFName.of("FontName"))?.toString()).sort()).toEqual([
      expect.stringMatching(/^\/NotoSans-Bold/),
      expect.stringMatching(/^\/NotoSans-Regular/),
    ]);
    expect(descriptors.every((d) => d.has(PDFName.of("FontFile2")))).toBe(true);

    const other = server.client();
    await other.signIn("learner.b", ids.password);
    expect((await other.get(`/api/certificates/${passed.certificateId}.pdf`)).status).toBe(404);
    expect((await server.client().get(`/api/certificates/${passed.certificateId}.pdf`)).status).toBe(401);
    const admin = server.client();
    await admin.signIn("admin", ids.password);
    expect((await admin.download(`/api/certificates/${passed.certificateId}.pdf`)).status).toBe(200);
  });

  it("lets only an admin revoke, with a reason, and then says revoked everywhere", async () => {
    const path = `/api/admin/certificates/${passed.certificateId}/revoke`;
    expect((await passed.client.post(path, { reason: "tôi muốn" })).status).toBe(403);
    const admin = server.client();
    await admin.signIn("admin", ids.password);
    const noReason = await admin.post(path, {});
    expect(noReason.status).toBe(400);
    expect(noReason.json.details[0].path).toBe("reason");
    const revoked = await admin.post(path, { reason: "Gian lận trong bài thi" });
    expect(revoked.status).toBe(200);
    expect(revoked.json).toMatchObject({ status: "revoked", reason: "Gian lận trong bài thi" });
    expect((await admin.post(path, { reason: "lần hai" })).json.reason).toBe("Gian lận trong bài thi");
    expect((await admin.post(`/api/admin/certificates/${randomUUID()}/revoke`, { reason: "x" })).status).toBe(
      404,
    );

    expect((await server.client().get(`/api/verify/${passed.certificateId}`)).json.status).toBe("revoked");
    expect((await server.client().get(`/verify/${passed.certificateId}`)).text).toContain("Đã bị thu hồi");
    const mine = (await passed.client.get("/api/me/certificates")).json.certificates;
    expect(mine[0]).toMatchObject({ id: passed.certificateId, status: "revoked" });
    const progress = (await passed.client.get("/api/me/progress")).json.courses;
    expect(progress.find((c: { courseId: string }) => c.courseId === COURSE).certified).toBe(false);
    const log = (await admin.get("/api/admin/audit-log")).json.entries;
    expect(log).toContainEqual(expect.objectContaining({ action: "certificate.revoke", actorId: ids.admin }));
  });
});

describe("CERT_SIGNING_KEY", () => {
  it("signs with the key from the environment and stores only its public half", async () => {
    const { privateKey } = generateKeyPairSync("ed25519");
    const pem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    const server = await startTestServer({ env: { CERT_SIGNING_KEY: pem } });
    try {
      const { rows } = await server.db.query<{ id: string; private_key: string | null }>(
        "select id, private_key from signing_keys",
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]?.private_key).toBeNull();
      const key = await loadSigningKey(server.db, pem);
      expect(key.id).toBe(rows[0]?.id);
      const issuer = (await server.client().get("/api/issuer")).json;
      expect(issuer.verificationMethod.map((m: { id: string }) => m.id.split("#")[1])).toEqual([key.id]);
    } finally {
      await server.stop();
    }
    const { privateKey: rsa } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const wrong = rsa.export({ format: "pem", type: "pkcs8" }).toString();
    await expect(startTestServer({ env: { CERT_SIGNING_KEY: wrong } })).rejects.toThrow(/Ed25519/);
  });
});
