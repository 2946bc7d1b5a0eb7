// The named random streams of one seed, as workload/rng.ts makes them, kept in one typed
// array that every seed reuses: stream s has its four Tyche-i words at 4s..4s+3. A stream is
// seeded the first time it is drawn from in a seed, from the same hash of (run seed, purpose,
// name), so it yields exactly the numbers `RandomStreams.get(purpose, name)` would.
import { streamSeed, type RandomStream } from '../workload/rng.js';

export class KernelStreams implements RandomStream {
  private readonly words: Int32Array;
  /** The run each stream was last seeded in; a stream is reseeded when it differs. */
  private readonly seededIn: Float64Array;
  /** The stream `next()` draws from, chosen with `use()`. */
  private current = 0;
  private runSeed = 0;
  /** Counts runs, so that running one seed twice reseeds every stream. */
  private run = -1;

  /** `names[s]` is stream s's [purpose, name]. */
  constructor(private readonly names: readonly (readonly [string, string])[]) {
    this.words = new Int32Array(4 * names.length);
    this.seededIn = new Float64Array(names.length).fill(-1);
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
    return this;
  }

  next(): number {
    const words = this.words;
    const at = this.current * 4;
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

  private seed(stream: number): void {
    const [purpose, name] = this.names[stream];
    const seed = streamSeed(this.runSeed, purpose, name);
    // Tyche-i's initialisation, as rng.ts's TycheIStream constructor does it.
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
}
