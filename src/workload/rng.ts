// Seeded random streams: one seed per run, and from it an independent stream per purpose and
// name (`get('duration', 'build')`, `get('failure', 'test-3')`, `get('cancel')`). Each
// stream's seed is a hash of (run seed, purpose, name) alone, so adding a task, renaming
// one or changing how many draws one task makes leaves every other stream's draws unchanged,
// and A/B variants of a scenario share their random numbers.
//
// The generator is seedrandom's Tyche-i (it passes BigCrush), written out here as a small
// class that produces exactly the numbers `seedrandom.tychei(integerSeed)` produces (a test
// holds the two together). Measured, seedrandom's own constructor costs about 210 ns, mostly
// in the closures it builds, against about 50 ns here; a run creates a stream per task and
// purpose, so that difference alone would be several microseconds of every run.

export interface RandomStream {
  /** A uniform draw in [0, 1), with 32 random bits. */
  next(): number;
}

class TycheIStream implements RandomStream {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `seed` is an integer below 2^53: its high bits seed `a`, its low 32 bits seed `b`. */
  constructor(seed: number) {
    this.a = (seed / 0x100000000) | 0;
    this.b = seed | 0;
    this.c = 2654435769 | 0;
    this.d = 1367130551;
    // Tyche-i's initialisation: 20 rounds of the generator mix the seed into all four words.
    for (let round = 0; round < 20; round++) this.next();
  }

  next(): number {
    let a = this.a;
    let b = this.b;
    let c = this.c;
    let d = this.d;
    b = (b << 25) ^ (b >>> 7) ^ c;
    c = (c - d) | 0;
    d = (d << 24) ^ (d >>> 8) ^ a;
    a = (a - b) | 0;
    b = (b << 20) ^ (b >>> 12) ^ c;
    c = (c - d) | 0;
    d = (d << 16) ^ (c >>> 16) ^ a;
    a = (a - b) | 0;
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    return (a >>> 0) / 0x100000000;
  }
}

export class RandomStreams {
  private readonly streams = new Map<string, Map<string, RandomStream>>();

  constructor(readonly seed: number) {
    if (!Number.isSafeInteger(seed)) {
      throw new Error(`random streams: the seed must be a safe integer, got ${seed}`);
    }
  }

  /** The stream for `purpose` (and `name`, e.g. a task name); the same object on every call. */
  get(purpose: string, name = ''): RandomStream {
    let byName = this.streams.get(purpose);
    if (byName === undefined) {
      byName = new Map();
      this.streams.set(purpose, byName);
    }
    let stream = byName.get(name);
    if (stream === undefined) {
      stream = new TycheIStream(streamSeed(this.seed, purpose, name));
      byName.set(name, stream);
    }
    return stream;
  }
}

/**
 * A 53-bit hash of (seed, purpose, name): two 32-bit multiply-xor lanes over the characters
 * (in the manner of cyrb53), with the purpose's length mixed in between so that
 * ('ab', 'c') and ('a', 'bc') differ. Exported for tests.
 */
export function streamSeed(seed: number, purpose: string, name: string): number {
  let h1 = 0xdeadbeef ^ (seed >>> 0);
  let h2 = 0x41c6ce57 ^ Math.floor(seed / 4294967296);
  for (let index = 0; index < purpose.length; index++) {
    const code = purpose.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (purpose.length + 0x10000), 2654435761);
  h2 = Math.imul(h2 ^ (purpose.length + 0x10000), 1597334677);
  for (let index = 0; index < name.length; index++) {
    const code = name.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (h2 & 0x1fffff) + (h1 >>> 0);
}

// Distribution helpers. Each takes its stream explicitly, draws a fixed number of uniforms
// per value (so a stream's position depends only on how many values were drawn), and does no
// argument checking: parameters are validated once, where the workload is loaded.

export function uniform(stream: RandomStream, min: number, max: number): number {
  return min + (max - min) * stream.next();
}

/** Box-Muller with one value per pair of draws; no cached spare keeps the helpers stateless. */
export function normal(stream: RandomStream, mean: number, sd: number): number {
  const u1 = 1 - stream.next(); // in (0, 1], so the logarithm is finite
  const u2 = stream.next();
  return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** exp(N(mu, sigma)): mu and sigma are the mean and deviation of the logarithm. */
export function lognormal(stream: RandomStream, mu: number, sigma: number): number {
  return Math.exp(normal(stream, mu, sigma));
}

export function exponential(stream: RandomStream, mean: number): number {
  return -mean * Math.log(1 - stream.next());
}

/** True with probability p. */
export function bernoulli(stream: RandomStream, p: number): boolean {
  return stream.next() < p;
}
