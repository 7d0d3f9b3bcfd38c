// A small seeded pseudo-random generator (sfc32 seeded through splitmix32): the simulator's only source of
// randomness, so the same seed gives the same run bit for bit on every host.

/** Mixes a 32-bit seed into a well-spread 32-bit value (splitmix32's finaliser). */
function splitmix32(state: number): number {
  let z = (state + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * sfc32 (Chris Doty-Humphrey's small fast chaotic generator): four 32-bit words of state, integer arithmetic
 * only, so its output does not depend on the JavaScript engine's floating point.
 */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // Any finite number is a valid seed; fold the high part in so seeds above 2^32 still differ.
    const low = seed >>> 0;
    const high = Math.floor(Math.abs(seed) / 4294967296) >>> 0;
    this.a = splitmix32(low);
    this.b = splitmix32(this.a ^ high);
    this.c = splitmix32(this.b);
    this.d = 1;
    // The first outputs of sfc32 are weakly mixed; discard them as its author recommends.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  nextInt(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** A child generator for an independent stream (per TaskManager, per fault list), derived deterministically. */
  fork(salt: number): Prng {
    return new Prng((this.nextUint32() ^ Math.imul(salt | 0, 0x9e3779b1)) >>> 0);
  }

  /** `k` distinct indices from [0, n), in increasing order (partial Fisher-Yates on a scratch array). */
  sample(n: number, k: number): number[] {
    const pool = Array.from({ length: n }, (_, i) => i);
    const count = Math.min(k, n);
    for (let i = 0; i < count; i++) {
      const j = i + this.nextInt(n - i);
      const tmp = pool[i] as number;
      pool[i] = pool[j] as number;
      pool[j] = tmp;
    }
    return pool.slice(0, count).sort((x, y) => x - y);
  }
}
