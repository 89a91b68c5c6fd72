import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { opaqueId, seededRng, shuffled } from "./random.ts";
import { sha256 } from "./sha256.ts";

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

describe("sha256", () => {
  it.each([
    ["", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    [
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    ],
  ])("hashes %j like FIPS 180-4", (input, digest) => {
    expect(hex(sha256(new TextEncoder().encode(input)))).toBe(digest);
  });
});

describe("seededRng", () => {
  it("repeats per seed and purpose and differs otherwise", () => {
    const draw = (rng: () => number) => Array.from({ length: 5 }, rng);
    expect(draw(seededRng("s", "items"))).toEqual(draw(seededRng("s", "items")));
    expect(draw(seededRng("s", "items"))).not.toEqual(draw(seededRng("s", "options")));
    expect(draw(seededRng("s"))).not.toEqual(draw(seededRng("t")));
  });

  it("stays in [0, 1) with a plausible mean", () => {
    const rng = seededRng("mean");
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      const x = rng();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
    }
    expect(sum / 10_000).toBeCloseTo(0.5, 1);
  });
});

const SHUFFLE_SEED = 20260317;

describe("shuffled", () => {
  it(`returns a permutation of its input (fast-check seed ${SHUFFLE_SEED})`, () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.string(), (items, seed) => {
        const out = shuffled(items, seededRng(seed));
        expect([...out].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
      }),
      { seed: SHUFFLE_SEED, numRuns: 300 },
    );
  });

  it(`is reproducible per seed and leaves its input alone (fast-check seed ${SHUFFLE_SEED})`, () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 30 }), fc.string(), (items, seed) => {
        const copy = [...items];
        expect(shuffled(items, seededRng(seed))).toEqual(shuffled(items, seededRng(seed)));
        expect(items).toEqual(copy);
      }),
      { seed: SHUFFLE_SEED, numRuns: 300 },
    );
  });

  it("puts every element first about equally often across seeds", () => {
    const firsts = [0, 0, 0, 0, 0];
    const runs = 10_000;
    for (let i = 0; i < runs; i++) {
      const first = shuffled([0, 1, 2, 3, 4], seededRng(`seed-${i}`))[0] as number;
      firsts[first] = (firsts[first] ?? 0) + 1;
    }
    // Chi-square with 4 degrees of freedom; 18.47 is the 0.1% critical value.
    const expected = runs / 5;
    const chi2 = firsts.reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(18.47);
  });
});

describe("opaqueId", () => {
  it("is 12 base32 characters, stable, and changes with the secret and every part", () => {
    const id = opaqueId("secret", "public", 0, "o", 1);
    expect(id).toMatch(/^[a-z2-7]{12}$/);
    expect(opaqueId("secret", "public", 0, "o", 1)).toBe(id);
    expect(opaqueId("secret2", "public", 0, "o", 1)).not.toBe(id);
    expect(opaqueId("secret", "public", 0, "o", 2)).not.toBe(id);
    expect(opaqueId("secret", "public", 1, "o", 1)).not.toBe(id);
  });
});
