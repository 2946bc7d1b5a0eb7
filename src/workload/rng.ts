// Seeded random streams: one seed per run, and from it an independent stream per purpose and
// name (`get('duration', 'build')`, `get('failure', 'test-3')`, `get('cancel')`). Each
// stream's state is a hash of (run seed, purpose, name) alone, so adding a task, renaming
// one or changing how many draws one task makes leaves every other stream's draws unchanged,
// and A/B variants of a scenario share their random numbers.
//
// The generator is Tyche-i (seedrandom's tychei, which passes BigCrush), written out here as
// a small class. Its four 32-bit words are set straight from the hash: the (purpose, name)
// part is hashed once per name, whatever the seed (streamNameKey), and mixed with the run
// seed by murmur3's finaliser, which every input bit flips about half the output bits of
// (streamWords). seedrandom's own seeding instead puts a 64-bit seed and two constants in the
// words and runs 20 rounds of the generator to mix them; a run of the kernel seeds about 21
// streams to read about 32 values, and those rounds and the per-seed hashing of each name
// were a fifth of its cost. A test holds a stream to seedrandom.tychei started from the same
// words.

export interface RandomStream {
  /** A uniform draw in [0, 1), with 32 random bits. */
  next(): number;
}

/** murmur3's 32-bit finaliser: a bijection with full avalanche. */
function fmix32(value: number): number {
  let h = Math.imul(value ^ (value >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** The two lanes hashNameLanes leaves, kept here so a per-seed caller allocates nothing. */
const nameLanes = new Int32Array(2);

/**
 * Runs the two multiply-xor lanes (h1, h2) over the purpose's characters, its length (so that
 * ('ab', 'c') and ('a', 'bc') differ) and the name's characters, into nameLanes.
 */
function hashNameLanes(h1: number, h2: number, purpose: string, name: string): void {
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
  nameLanes[0] = h1;
  nameLanes[1] = h2;
}

/**
 * A stream's (purpose, name) as two 32-bit lanes, the same for every seed: two multiply-xor
 * lanes over the characters (in the manner of cyrb53), with the purpose's length mixed in
 * between so that ('ab', 'c') and ('a', 'bc') differ, then each lane finalised.
 */
export function streamNameKey(purpose: string, name: string): [number, number] {
  hashNameLanes(0xdeadbeef, 0x41c6ce57, purpose, name);
  const h1 = nameLanes[0];
  const h2 = nameLanes[1];
  return [fmix32(h1 ^ (h2 >>> 15)), fmix32(h2 ^ (h1 >>> 17))];
}

/** The low 32 bits of a seed below 2^53, as streamWords takes them. */
export function seedLow(seed: number): number {
  return seed | 0;
}

/** The high 21 bits of a seed below 2^53. */
export function seedHigh(seed: number): number {
  return Math.floor(seed / 4294967296) | 0;
}

/**
 * Writes the Tyche-i words of the stream with name key (key1, key2) in the run whose seed
 * has halves (low, high) to words[at..at+3]. Every word depends on every bit of the seed
 * and the key: the seed's low half is mixed with the key's first lane, its high half with
 * the second lane and that result, and the first again with the second.
 */
export function streamWords(
  low: number,
  high: number,
  key1: number,
  key2: number,
  words: Int32Array,
  at: number,
): void {
  const x = fmix32(low ^ key1);
  const y = fmix32(((high ^ key2) + x) | 0);
  const z = fmix32(x ^ Math.imul(y, 0x9e3779b1));
  words[at] = z;
  words[at + 1] = y;
  words[at + 2] = fmix32((z + 0x6a09e667) | 0);
  words[at + 3] = fmix32((y + 0xbb67ae85) | 0);
}

/** streamWords' words for a TycheIStream (one buffer: a stream is made at a time). */
const newWords = new Int32Array(4);

class TycheIStream implements RandomStream {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, key: readonly [number, number]) {
    streamWords(seedLow(seed), seedHigh(seed), key[0], key[1], newWords, 0);
    this.a = newWords[0];
    this.b = newWords[1];
    this.c = newWords[2];
    this.d = newWords[3];
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
      stream = new TycheIStream(this.seed, streamNameKey(purpose, name));
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
  hashNameLanes(
    0xdeadbeef ^ (seed >>> 0),
    0x41c6ce57 ^ Math.floor(seed / 4294967296),
    purpose,
    name,
  );
  let h1 = nameLanes[0];
  let h2 = nameLanes[1];
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
