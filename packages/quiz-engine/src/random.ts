/**
 * Seeded randomness. cyrb128 turns a string into 128 bits of state and sfc32 (from PractRand) draws
 * from it; both are small, well known and give identical numbers in every JS engine, which is what
 * lets a phone and the server draw the same form from the same seed.
 */

import { sha256 } from "./sha256.ts";

/** cyrb128 by bryc: four 32-bit hashes of a string. */
function hash128(str: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044813);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044813);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** @public A source of uniform numbers in [0, 1). */
export type Rng = () => number;

function sfc32(a: number, b: number, c: number, d: number): Rng {
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/**
 * @public A generator for one purpose of one seed. Separate streams per purpose keep draws
 * independent: adding an item to the pool does not change how another item's options are shuffled.
 */
export function seededRng(seed: string, ...purpose: string[]): Rng {
  const [a, b, c, d] = hash128([seed, ...purpose].join("\u0000"));
  const rng = sfc32(a, b, c, d);
  // The first outputs of sfc32 still echo the seed words; discard them as its author recommends.
  for (let i = 0; i < 15; i++) rng();
  return rng;
}

/** @public Fisher–Yates into a new array. */
export function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = out[i] as T;
    out[i] = out[j] as T;
    out[j] = t;
  }
  return out;
}

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

/**
 * @internal An opaque 12-character id derived from a secret and some parts with SHA-256, so that
 * public ids reveal nothing about the parts, nor about the secret that also seeds the shuffles.
 */
export function opaqueId(secret: string, ...parts: (string | number)[]): string {
  const digest = sha256(new TextEncoder().encode([secret, ...parts].join("\u0000")));
  let out = "";
  for (let i = 0; i < 12; i++) out += BASE32[(digest[i] as number) & 31];
  return out;
}
