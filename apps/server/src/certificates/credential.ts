import { createHash, type KeyObject, sign, verify } from "node:crypto";
import { activityId } from "@bvte/learning-records";
import type { SigningKey } from "./keys.ts";
import { base58btc } from "./multibase.ts";

/**
 * A certificate is an Open Badges 3.0 `OpenBadgeCredential` (a W3C Verifiable Credential 2.0)
 * secured with a Data Integrity proof of cryptosuite `eddsa-jcs-2022`: Ed25519 over the SHA-256 of
 * the JCS-canonical (RFC 8785) proof options and document. A wallet or another verifier can check
 * it with nothing but the issuer's public key, which GET /api/issuer publishes as a Multikey.
 */
export type Credential = Record<string, unknown> & { id: string; proof?: Proof };

export interface Proof {
  "@context"?: unknown;
  type: "DataIntegrityProof";
  cryptosuite: "eddsa-jcs-2022";
  created: string;
  verificationMethod: string;
  proofPurpose: "assertionMethod";
  proofValue: string;
}

const CONTEXT = [
  "https://www.w3.org/ns/credentials/v2",
  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
];
export const ISSUER_NAME = "BVTE Academy – Học viện Bảo vệ trẻ em";

export const issuerId = (baseUrl: string) => `${baseUrl}/api/issuer`;

export interface CertificateFacts {
  id: string;
  holderName: string;
  courseId: string;
  courseTitle: { vi: string; en: string };
  /** 0..100 */
  percentage: number;
  issuedAt: string;
  expiresAt: string;
}

export function buildCredential(facts: CertificateFacts, baseUrl: string): Credential {
  const issuer = issuerId(baseUrl);
  return {
    "@context": CONTEXT,
    id: `urn:uuid:${facts.id}`,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    issuer: { id: issuer, type: ["Profile"], name: ISSUER_NAME, url: baseUrl },
    validFrom: facts.issuedAt,
    validUntil: facts.expiresAt,
    name: `Chứng nhận: ${facts.courseTitle.vi}`,
    credentialSubject: {
      type: ["AchievementSubject"],
      // OB 3.0 names the holder through an IdentityObject; the name is what a verifier must see.
      identifier: [
        { type: "IdentityObject", identityHash: facts.holderName, identityType: "name", hashed: false },
      ],
      achievement: {
        id: activityId({ courseId: facts.courseId, assessment: "certification" }),
        type: ["Achievement"],
        achievementType: "Certificate",
        name: facts.courseTitle.vi,
        description: `${facts.courseTitle.vi} / ${facts.courseTitle.en}`,
        criteria: {
          narrative:
            "Đạt bài thi chứng nhận do máy chủ BVTE Academy chấm. / Passed the certification exam graded by the BVTE Academy server.",
        },
        resultDescription: [
          {
            id: `${issuer}/results/score`,
            type: ["ResultDescription"],
            name: "Điểm / Score",
            resultType: "Percent",
          },
        ],
      },
      result: [
        { type: ["Result"], resultDescription: `${issuer}/results/score`, value: String(facts.percentage) },
      ],
    },
  };
}

/** RFC 8785 JSON Canonicalization: sorted keys (by UTF-16 code units), ECMAScript number and string forms. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest();

/** What eddsa-jcs-2022 signs: hash(proof options with the document's @context) ‖ hash(document). */
function hashData(document: Record<string, unknown>, options: Omit<Proof, "proofValue">): Buffer {
  const { proof: _proof, ...unsecured } = document;
  const config = { ...options, "@context": unsecured["@context"] };
  return Buffer.concat([sha256(canonicalJson(config)), sha256(canonicalJson(unsecured))]);
}

export function signCredential(
  credential: Credential,
  key: SigningKey,
  baseUrl: string,
  created: string,
): Credential {
  const options: Omit<Proof, "proofValue"> = {
    type: "DataIntegrityProof",
    cryptosuite: "eddsa-jcs-2022",
    created,
    verificationMethod: `${issuerId(baseUrl)}#${key.id}`,
    proofPurpose: "assertionMethod",
  };
  const signature = sign(null, hashData(credential, options), key.privateKey);
  // The proof repeats the document's @context (as eddsa-jcs-2022 asks), so it can be checked on its own.
  const proof = {
    ...options,
    "@context": credential["@context"],
    proofValue: `z${base58btc.encode(signature)}`,
  };
  return { ...credential, proof };
}

/** True when the proof is ours, well formed and matches every byte the credential says. */
export function verifyCredential(credential: unknown, keys: Map<string, { key: KeyObject }>): boolean {
  if (typeof credential !== "object" || credential === null || Array.isArray(credential)) return false;
  const proof = (credential as { proof?: unknown }).proof as Partial<Proof> | undefined;
  if (typeof proof !== "object" || proof === null) return false;
  if (
    proof.type !== "DataIntegrityProof" ||
    proof.cryptosuite !== "eddsa-jcs-2022" ||
    proof.proofPurpose !== "assertionMethod"
  ) {
    return false;
  }
  const keyId =
    typeof proof.verificationMethod === "string" ? proof.verificationMethod.split("#")[1] : undefined;
  const key = keyId ? keys.get(keyId) : undefined;
  const signature =
    typeof proof.proofValue === "string" && proof.proofValue.startsWith("z")
      ? base58btc.decode(proof.proofValue.slice(1))
      : undefined;
  if (!key || !signature || signature.length !== 64) return false;
  const { proofValue: _value, ...options } = proof as Proof;
  return verify(null, hashData(credential as Record<string, unknown>, options), key.key, signature);
}
