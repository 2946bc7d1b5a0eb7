// The same scenario and seed give the same run, byte for byte. The runner runs a sample of
// seeds twice (every seed with --paranoid) on the engine that gives that seed's numbers and
// compares hashes: of the trace on the reference engine, of the SeedResult on the kernel
// (which keeps no trace; its result holds every value the store keeps of the seed).
import { createHash } from 'node:crypto';
import type { TraceEvent } from '../../model/trace.js';
import type { SeedResult } from '../seed-result.js';
import type { Invariant } from './types.js';

export const determinism: Invariant = {
  name: 'determinism',
  description:
    'a sample of seeds (all with --paranoid) run twice give identical hashes: of the trace on the reference engine, of the result on the kernel',
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

/**
 * traceHash of the traces one after another, then `extra`: the same bytes hashed, a trace at a
 * time, so that a fleet of many PipelineRuns never builds all its traces' text as one string.
 */
export function tracesHash(traces: readonly (readonly TraceEvent[])[], extra: string): string {
  const hash = createHash('sha256');
  for (const trace of traces) {
    let text = '';
    for (const event of trace) text += `${JSON.stringify(event)}\n`;
    hash.update(text);
  }
  return hash.update(extra).digest('hex').slice(0, 16);
}

export function determinismViolation(first: string, second: string): string | undefined {
  return first === second ? undefined : `the same seed gave trace hashes ${first} and ${second}`;
}

/**
 * A hash of everything a seed's result says: status, reason, event count, end time, every
 * metric and task value. Built from the plain object the kernel made for the seed, never from
 * its typed arrays, whose tails may still hold an earlier seed's values.
 */
export function resultHash(result: SeedResult): string {
  // JSON writes NaN and both infinities as null, and a SeedResult holds no null of its own:
  // only a text with a null in it is written again with them spelled out, since a replacer
  // makes JSON.stringify about 1.5x slower (26 against 17 us for a seed of the bench, which
  // --paranoid pays twice a seed). -0 is written 0, as every report writes it.
  let text = JSON.stringify(result);
  if (text.includes('null')) text = JSON.stringify(result, spellNonFinite);
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

function spellNonFinite(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
}

/** What a sampled seed's second run on the kernel gave: its result, or the reason it was handed back. */
export type KernelRerun = SeedResult | { handedBack: string };

/**
 * The determinism verdict on one seed run twice on the kernel: the first run's result hash,
 * and the violation's message when the second run differs (or was handed back to the
 * reference engine when the first was not).
 */
export function compareKernelRuns(
  first: SeedResult,
  second: KernelRerun,
): { hash: string; message?: string } {
  const hash = resultHash(first);
  if ('handedBack' in second)
    return {
      hash,
      message: `the same seed gave kernel result hash ${hash}, then was handed back to the reference engine (${second.handedBack})`,
    };
  const again = resultHash(second);
  return again === hash
    ? { hash }
    : { hash, message: `the same seed gave kernel result hashes ${hash} and ${again}` };
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
