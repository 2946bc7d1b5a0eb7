// The named random streams of one seed, as workload/rng.ts makes them, kept in one typed
// array that every seed reuses: stream s has its four Tyche-i words at 4s..4s+3. Each
// stream's name key is hashed once, here; a stream is seeded the first time it is drawn
// from in a seed, from the run seed and that key (rng.ts streamWords), so it yields exactly
// the numbers `RandomStreams.get(purpose, name)` would; a test holds the two together.
import {
  seedHigh,
  seedLow,
  streamNameKey,
  streamWords,
  type RandomStream,
} from '../workload/rng.js';

export class KernelStreams implements RandomStream {
  private readonly words: Int32Array;
  /** The run each stream was last seeded in; a stream is reseeded when it differs. */
  private readonly seededIn: Float64Array;
  /** Per stream: its (purpose, name) key's two lanes at 2s and 2s+1. */
  private readonly keys: Int32Array;
  /** Per stream: uniforms owed (skipped, their values unused) in the run `owedIn` says. */
  private readonly owed: Int32Array;
  private readonly owedIn: Float64Array;
  /** The stream `next()` draws from, chosen with `use()`. */
  private current = 0;
  /** The run seed's halves, as streamWords takes them. */
  private runLow = 0;
  private runHigh = 0;
  /** Counts runs, so that running one seed twice reseeds every stream. */
  private run = -1;

  /** `names[s]` is stream s's [purpose, name]. */
  constructor(names: readonly (readonly [string, string])[]) {
    this.words = new Int32Array(4 * names.length);
    this.seededIn = new Float64Array(names.length).fill(-1);
    this.owed = new Int32Array(names.length);
    this.owedIn = new Float64Array(names.length).fill(-1);
    this.keys = new Int32Array(2 * names.length);
    names.forEach(([purpose, name], stream) => {
      const [key1, key2] = streamNameKey(purpose, name);
      this.keys[2 * stream] = key1;
      this.keys[2 * stream + 1] = key2;
    });
  }

  /** A new seed: streams are reseeded lazily from the run's stream seed. */
  reset(runSeed: number): void {
    this.run++;
    this.runLow = seedLow(runSeed);
    this.runHigh = seedHigh(runSeed);
  }

  /** Makes stream `stream` the one `next()` draws from; returns this, to pass to `sample`. */
  use(stream: number): RandomStream {
    if (this.seededIn[stream] !== this.run) {
      streamWords(
        this.runLow,
        this.runHigh,
        this.keys[2 * stream],
        this.keys[2 * stream + 1],
        this.words,
        4 * stream,
      );
      this.seededIn[stream] = this.run;
    }
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

  /** One Tyche-i round of the stream whose words start at `at`. */
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
}
