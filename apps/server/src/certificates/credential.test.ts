import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildCredential, canonicalJson, signCredential, verifyCredential } from "./credential.ts";
import { publicKeyFromMultibase, publicKeyMultibase } from "./keys.ts";
import { base58btc } from "./multibase.ts";

// The eddsa-jcs-2022 test vector Digital Bazaar published for interoperability testing of the W3C
// Data Integrity EdDSA cryptosuites: checking it proves our JCS, hashing and proof layout match theirs.
const DIGITAL_BAZAAR_KEY = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
const digitalBazaarVector = {
  "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
  id: "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
  type: ["VerifiableCredential", "AlumniCredential"],
  name: "Alumni Credential",
  description: "A minimum viable example of an Alumni Credential.",
  issuer: `did:key:${DIGITAL_BAZAAR_KEY}`,
  validFrom: "2023-01-01T00:00:00Z",
  credentialSubject: { id: "did:example:abcdefgh", alumniOf: "The School of Examples" },
  proof: {
    type: "DataIntegrityProof",
    created: "2023-02-24T23:36:38Z",
    verificationMethod: `did:key:${DIGITAL_BAZAAR_KEY}#${DIGITAL_BAZAAR_KEY}`,
    cryptosuite: "eddsa-jcs-2022",
    proofPurpose: "assertionMethod",
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
    proofValue: "z5EhYRJkfPLkoT92FPXN8KK6M9rsBhq3xs19GBSsA6VdNYH4QMKSyNuA2Gfznz9QthVD7Rz3HTAfqxxay23htUpTg",
  },
};

describe("eddsa-jcs-2022 credentials", () => {
  it("verify another implementation's test vector, and refuse it once altered", () => {
    const key = publicKeyFromMultibase(DIGITAL_BAZAAR_KEY);
    expect(key).toBeDefined();
    const keys = new Map([[DIGITAL_BAZAAR_KEY, { key: key as NonNullable<typeof key> }]]);
    expect(verifyCredential(digitalBazaarVector, keys)).toBe(true);
    expect(verifyCredential({ ...digitalBazaarVector, name: "Alumni Credentials" }, keys)).toBe(false);
    const otherProof = { ...digitalBazaarVector.proof, created: "2023-02-24T23:36:39Z" };
    expect(verifyCredential({ ...digitalBazaarVector, proof: otherProof }, keys)).toBe(false);
    expect(
      verifyCredential(
        { ...digitalBazaarVector, proof: { ...digitalBazaarVector.proof, cryptosuite: "eddsa-rdfc-2022" } },
        keys,
      ),
    ).toBe(false);
    expect(verifyCredential({ ...digitalBazaarVector, proof: undefined }, keys)).toBe(false);
  });

  it("sign certificates that verify with the public key alone", () => {
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    const credential = buildCredential(
      {
        id: "7b0c3a52-8a44-4a27-a2ad-5d7f0b3b1f10",
        holderName: "Vũ Đức Minh",
        courseId: "child-friendly-investigation",
        courseTitle: { vi: "Điều tra thân thiện với trẻ em", en: "Child-friendly investigation" },
        percentage: 93.1,
        issuedAt: "2026-11-22T10:00:00.000Z",
        expiresAt: "2028-11-22T10:00:00.000Z",
      },
      "https://bvte.example.vn",
    );
    const signed = signCredential(
      credential,
      { id: "key-1", privateKey, publicKey },
      "https://bvte.example.vn",
      "2026-11-22T10:00:00.000Z",
    );
    expect(signed.proof?.verificationMethod).toBe("https://bvte.example.vn/api/issuer#key-1");
    const viaMultibase = publicKeyFromMultibase(publicKeyMultibase(publicKey));
    const keys = new Map([["key-1", { key: viaMultibase as NonNullable<typeof viaMultibase> }]]);
    expect(verifyCredential(JSON.parse(JSON.stringify(signed)), keys)).toBe(true);
    expect(verifyCredential({ ...signed, validUntil: "2099-01-01T00:00:00.000Z" }, keys)).toBe(false);
    expect(verifyCredential(signed, new Map())).toBe(false);
  });

  it("canonicalise JSON as RFC 8785 does", () => {
    // RFC 8785 §3.2.3: properties sorted by UTF-16 code units.
    const sorted = canonicalJson({
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis",
    });
    const keys = [...sorted.matchAll(/"([^"]*)":/g)].map((m) => m[1]);
    expect(keys).toEqual(["\\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33"]);
    expect(canonicalJson({ b: [1e30, 4.5, 0.002, 1e-7], a: { d: null, c: true } })).toBe(
      '{"a":{"c":true,"d":null},"b":[1e+30,4.5,0.002,1e-7]}',
    );
  });

  it("encode base58btc as multibase does", () => {
    expect(base58btc.encode(Buffer.from("hello world"))).toBe("StV1DL6CwTryKyV");
    expect(base58btc.encode(Uint8Array.from([0, 0, 1]))).toBe("112");
    expect(Buffer.from(base58btc.decode("StV1DL6CwTryKyV") ?? []).toString()).toBe("hello world");
    expect(base58btc.decode("0OIl")).toBeUndefined();
  });
});
