// The same scenario and seed give the same trace, byte for byte. The runner runs a sample of
// seeds twice (every seed with --paranoid) and compares these hashes.
import { createHash } from 'node:crypto';
import type { TraceEvent } from '../../model/trace.js';
import type { Invariant } from './types.js';

export const determinism: Invariant = {
  name: 'determinism',
  description: 'a sample of seeds (all with --paranoid) run twice give identical trace hashes',
  kind: 'runner',
};

export function traceHash(trace: readonly TraceEvent[], extra = ''): string {
  // One text hashed in one call: the same bytes as an update per event and per newline, but
  // without two calls into the hash per event.
  let text = '';
  for (const event of trace) text += `${JSON.stringify(event)}\n`;
  return createHash('sha256')
    .update(text + extra)
    .digest('hex')
    .slice(0, 16);
}

export function determinismViolation(first: string, second: string): string | undefined {
  return first === second ? undefined : `the same seed gave trace hashes ${first} and ${second}`;
}

/** Seeds to run twice: every one when paranoid, else up to `sampleSize` spread evenly. */
export function determinismSample(
  firstSeed: number,
  lastSeed: number,
  paranoid: boolean,
  sampleSize = 16,
): Set<number> {
  const count = lastSeed - firstSeed + 1;
  const stride = paranoid ? 1 : Math.max(1, Math.ceil(count / sampleSize));
  const seeds = new Set<number>();
  for (let seed = firstSeed; seed <= lastSeed; seed += stride) seeds.add(seed);
  return seeds;
}
