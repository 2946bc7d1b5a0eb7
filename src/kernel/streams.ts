// The named random streams of one seed, as workload/rng.ts makes them, kept in one typed
// array that every seed reuses: stream s has its four Tyche-i words at 4s..4s+3. A stream is
// seeded the first time it is drawn from in a seed, from the same hash of (run seed, purpose,
// name), so it yields exactly the numbers `RandomStreams.get(purpose, name)` would; a test
// holds the two together.
import type { RandomStream } from '../workload/rng.js';

export class KernelStreams implements RandomStream {
  private readonly words: Int32Array;
  /** The run each stream was last seeded in; a stream is reseeded when it differs. */
  private readonly seededIn: Float64Array;
  /** Per stream: its purpose's number, and its name's character codes (nameCodes[nameStart[s]..]). */
  private readonly purposeOf: Int32Array;
  private readonly nameStart: Int32Array;
  private readonly nameCodes: Int32Array;
  private readonly purposes: readonly string[];
  /** Per purpose: streamSeed's two lanes after the run seed and the purpose, for this run. */
  private readonly purposeLanes: Int32Array;
  private readonly purposeLanesIn: Float64Array;
  /** Per stream: uniforms owed (skipped, their values unused) in the run `owedIn` says. */
  private readonly owed: Int32Array;
  private readonly owedIn: Float64Array;
  /** The stream `next()` draws from, chosen with `use()`. */
  private current = 0;
  private runSeed = 0;
  /** Counts runs, so that running one seed twice reseeds every stream. */
  private run = -1;

  /** `names[s]` is stream s's [purpose, name]. */
  constructor(names: readonly (readonly [string, string])[]) {
    this.words = new Int32Array(4 * names.length);
    this.seededIn = new Float64Array(names.length).fill(-1);
    this.owed = new Int32Array(names.length);
    this.owedIn = new Float64Array(names.length).fill(-1);
    const purposes = [...new Set(names.map(([purpose]) => purpose))];
    this.purposes = purposes;
    this.purposeOf = Int32Array.from(names, ([purpose]) => purposes.indexOf(purpose));
    this.nameStart = new Int32Array(names.length + 1);
    names.forEach(([, name], stream) => {
      this.nameStart[stream + 1] = this.nameStart[stream] + name.length;
    });
    this.nameCodes = new Int32Array(this.nameStart[names.length]);
    names.forEach(([, name], stream) => {
      for (let index = 0; index < name.length; index++)
        this.nameCodes[this.nameStart[stream] + index] = name.charCodeAt(index);
    });
    this.purposeLanes = new Int32Array(2 * purposes.length);
    this.purposeLanesIn = new Float64Array(purposes.length).fill(-1);
  }

  /** A new seed: streams are reseeded lazily from the run's stream seed. */
  reset(runSeed: number): void {
    this.run++;
    this.runSeed = runSeed;
  }

  /** Makes stream `stream` the one `next()` draws from; returns this, to pass to `sample`. */
  use(stream: number): RandomStream {
    if (this.seededIn[stream] !== this.run) this.seed(stream);
    this.current = stream;
    if (this.owedIn[stream] === this.run && this.owed[stream] > 0) {
      for (let count = this.owed[stream]; count > 0; count--) this.next();
      this.owed[stream] = 0;
    }
    return this;
  }

  /**
   * Passes over `count` uniforms of `stream` whose values nothing reads (a failure draw
   * against probability 0, the failure point of an attempt that does not fail). They are
   * drawn only if a later value of the stream is used, so a stream nobody reads is never
   * seeded; every value that is read is the one the reference draws.
   */
  skip(stream: number, count: number): void {
    if (this.owedIn[stream] !== this.run) {
      this.owedIn[stream] = this.run;
      this.owed[stream] = 0;
    }
    this.owed[stream] += count;
  }

  next(): number {
    return this.step(this.current * 4);
  }

  /** One Tyche-i round of the stream whose words start at `at` (seed() runs the same round 20 times). */
  private step(at: number): number {
    const words = this.words;
    let a = words[at];
    let b = words[at + 1];
    let c = words[at + 2];
    let d = words[at + 3];
    b = (b << 25) ^ (b >>> 7) ^ c;
    c = (c - d) | 0;
    d = (d << 24) ^ (d >>> 8) ^ a;
    a = (a - b) | 0;
    b = (b << 20) ^ (b >>> 12) ^ c;
    c = (c - d) | 0;
    d = (d << 16) ^ (c >>> 16) ^ a;
    a = (a - b) | 0;
    words[at] = a;
    words[at + 1] = b;
    words[at + 2] = c;
    words[at + 3] = d;
    return (a >>> 0) / 0x100000000;
  }

  /**
   * streamSeed(runSeed, purpose, name) of rng.ts, with the lanes after the purpose computed
   * once per run and purpose (the part every task's stream of that purpose shares), then
   * Tyche-i's initialisation as rng.ts's TycheIStream constructor does it.
   */
  private seed(stream: number): void {
    const purpose = this.purposeOf[stream];
    if (this.purposeLanesIn[purpose] !== this.run) this.seedPurpose(purpose);
    let h1 = this.purposeLanes[2 * purpose];
    let h2 = this.purposeLanes[2 * purpose + 1];
    const codes = this.nameCodes;
    for (let index = this.nameStart[stream]; index < this.nameStart[stream + 1]; index++) {
      const code = codes[index];
      h1 = Math.imul(h1 ^ code, 2654435761);
      h2 = Math.imul(h2 ^ code, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    const seed = 4294967296 * (h2 & 0x1fffff) + (h1 >>> 0);
    // Tyche-i's initialisation: the seed's words, then 20 rounds of the generator. The rounds
    // are step()'s, kept in local variables rather than written to the array after each one:
    // seeding is most of a seed's random numbers (about 21 streams of 20 rounds for 32 values
    // read), and this way it costs 2.0 instead of 2.9 us a seed of the bench scenario. The
    // streams test holds both to rng.ts.
    let a = (seed / 0x100000000) | 0;
    let b = seed | 0;
    let c = 2654435769 | 0;
    let d = 1367130551;
    for (let round = 0; round < 20; round++) {
      b = (b << 25) ^ (b >>> 7) ^ c;
      c = (c - d) | 0;
      d = (d << 24) ^ (d >>> 8) ^ a;
      a = (a - b) | 0;
      b = (b << 20) ^ (b >>> 12) ^ c;
      c = (c - d) | 0;
      d = (d << 16) ^ (c >>> 16) ^ a;
      a = (a - b) | 0;
    }
    const at = stream * 4;
    this.words[at] = a;
    this.words[at + 1] = b;
    this.words[at + 2] = c;
    this.words[at + 3] = d;
    this.seededIn[stream] = this.run;
  }

  private seedPurpose(purpose: number): void {
    const text = this.purposes[purpose];
    const seed = this.runSeed;
    let h1 = 0xdeadbeef ^ (seed >>> 0);
    let h2 = 0x41c6ce57 ^ Math.floor(seed / 4294967296);
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      h1 = Math.imul(h1 ^ code, 2654435761);
      h2 = Math.imul(h2 ^ code, 1597334677);
    }
    h1 = Math.imul(h1 ^ (text.length + 0x10000), 2654435761);
    h2 = Math.imul(h2 ^ (text.length + 0x10000), 1597334677);
    this.purposeLanes[2 * purpose] = h1;
    this.purposeLanes[2 * purpose + 1] = h2;
    this.purposeLanesIn[purpose] = this.run;
  }
}
