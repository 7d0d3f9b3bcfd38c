// A short digest of a text, for keys kept in memory in place of the text itself: an investigation's setups are
// grouped by their canonical JSON (fix-proof.ts), a few hundred characters each, and an investigation whose every
// run is its own setup (a sweep, auto-peel, a soak) would otherwise keep a copy of that text per run.
//
// Two 53-bit hashes of the UTF-16 code units (the cyrb53 mixing, with two seeds), 106 bits in all: two different
// setups of one investigation sharing a digest is far less likely than the machine flipping a bit. Not for
// anything an adversary chooses: the audit chain uses SHA-256.

function hash53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ unit, 2654435761);
    h2 = Math.imul(h2 ^ unit, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** About 22 characters, the same for the same text, in any process. */
export function textDigest(text: string): string {
  return `${hash53(text, 0).toString(36)}.${hash53(text, 0x9e3779b9).toString(36)}`;
}
