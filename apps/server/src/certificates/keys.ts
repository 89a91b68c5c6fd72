import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from "node:crypto";
import type { Database, Queryable } from "../db/database.ts";
import { base58btc } from "./multibase.ts";

/** The Ed25519 key that signs new certificates. The private half stays in this process. */
export interface SigningKey {
  id: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

// Any constant works; it only has to be the same for every server process sharing the database.
const KEY_CREATION_LOCK = 827_3112;
// Multicodec prefix of an Ed25519 public key (0xed, varint-encoded), as Multikey documents use it.
const ED25519_PUB = Buffer.from([0xed, 0x01]);

function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: "jwk" });
  return Buffer.from(jwk.x as string, "base64url");
}

/** `z6Mk…`: the public key as W3C Multikey's publicKeyMultibase. */
export function publicKeyMultibase(key: KeyObject): string {
  return `z${base58btc.encode(Buffer.concat([ED25519_PUB, rawPublicKey(key)]))}`;
}

export function publicKeyFromMultibase(multibase: string): KeyObject | undefined {
  if (!multibase.startsWith("z")) return undefined;
  const bytes = base58btc.decode(multibase.slice(1));
  if (bytes?.length !== 34 || bytes[0] !== 0xed || bytes[1] !== 0x01) return undefined;
  return createPublicKey({
    key: { kty: "OKP", crv: "Ed25519", x: Buffer.from(bytes.subarray(2)).toString("base64url") },
    format: "jwk",
  });
}

const keyIdOf = (key: KeyObject) =>
  `key-${createHash("sha256").update(rawPublicKey(key)).digest("hex").slice(0, 16)}`;

/** CERT_SIGNING_KEY: a PKCS#8 Ed25519 private key, as PEM or as base64 of its DER bytes. */
export function parseSigningKey(text: string): KeyObject {
  const pem = text.includes("-----BEGIN") ? text.replaceAll("\\n", "\n") : undefined;
  const key = pem
    ? createPrivateKey(pem)
    : createPrivateKey({ key: Buffer.from(text.trim(), "base64"), format: "der", type: "pkcs8" });
  if (key.asymmetricKeyType !== "ed25519") throw new Error("CERT_SIGNING_KEY must be an Ed25519 private key");
  return key;
}

/**
 * The signing key: CERT_SIGNING_KEY when given (only its public half is recorded, so old certificates
 * keep verifying after a rotation), otherwise the key kept in the database, created by the first
 * server to start. Several servers share the database, so they must share the key too.
 */
export async function loadSigningKey(db: Database, fromEnv?: string): Promise<SigningKey> {
  if (fromEnv) {
    const privateKey = parseSigningKey(fromEnv);
    const publicKey = createPublicKey(privateKey);
    const id = keyIdOf(publicKey);
    await db.query("insert into signing_keys (id, public_key) values ($1, $2) on conflict (id) do nothing", [
      id,
      publicKeyMultibase(publicKey),
    ]);
    return { id, privateKey, publicKey };
  }
  return db.transaction(async (tx) => {
    await tx.query("select pg_advisory_xact_lock($1)", [KEY_CREATION_LOCK]);
    const { rows } = await tx.query<{ id: string; private_key: string }>(
      "select id, private_key from signing_keys where private_key is not null order by created_at desc, id limit 1",
    );
    const row = rows[0];
    if (row) {
      const privateKey = createPrivateKey(row.private_key);
      return { id: row.id, privateKey, publicKey: createPublicKey(privateKey) };
    }
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    const id = keyIdOf(publicKey);
    await tx.query("insert into signing_keys (id, public_key, private_key) values ($1, $2, $3)", [
      id,
      publicKeyMultibase(publicKey),
      privateKey.export({ format: "pem", type: "pkcs8" }),
    ]);
    return { id, privateKey, publicKey };
  });
}

/** Every public key ever used to sign, by id: certificates signed by a retired key still verify. */
export async function verificationKeys(
  db: Queryable,
): Promise<Map<string, { multibase: string; key: KeyObject }>> {
  const { rows } = await db.query<{ id: string; public_key: string }>(
    "select id, public_key from signing_keys order by created_at",
  );
  const out = new Map<string, { multibase: string; key: KeyObject }>();
  for (const row of rows) {
    const key = publicKeyFromMultibase(row.public_key);
    if (key) out.set(row.id, { multibase: row.public_key, key });
  }
  return out;
}
