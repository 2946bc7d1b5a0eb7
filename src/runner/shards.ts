// Shards: `--shard I/N` runs the I-th of N contiguous slices of every scenario's seeds, so N
// machines share a sweep and `merge` puts the slices back in seed order by concatenation.
import { MAX_SEED_COUNT } from '../model/seed-bounds.js';
import { InputError } from '../tekton/diagnostics.js';
import type { PlannedScenario } from './runner.js';
import { splitRange } from './seeds.js';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/**
 * At most one shard a seed of the largest sweep one command runs; past 2^53 the numbers would
 * not even be kept exactly, and the part's file name would not be the one typed.
 */
export const MAX_SHARD_COUNT = MAX_SEED_COUNT;

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const shard = match ? { index: Number(match[1]), count: Number(match[2]) } : undefined;
  if (
    !shard ||
    shard.count < 1 ||
    shard.count > MAX_SHARD_COUNT ||
    shard.index < 1 ||
    shard.index > shard.count
  )
    throw new InputError({
      severity: 'error',
      message: `--shard: "${text}" should be I/N with whole numbers 1 <= I <= N <= ${MAX_SHARD_COUNT}, e.g. 1/4`,
    });
  return shard;
}

/**
 * The shard's slice of each planned scenario, with the whole range kept for the determinism
 * sample. A scenario with fewer seeds than shards has empty slices, left out here.
 */
export function shardPlan(planned: readonly PlannedScenario[], shard: Shard): PlannedScenario[] {
  return planned.flatMap((entry) => {
    const count = entry.seeds.last - entry.seeds.first + 1;
    // splitRange makes min(N, seeds) parts; pad so shard I always means the same slice.
    const parts = splitRange(entry.seeds, shard.count);
    if (count < shard.count && shard.index > count) return [];
    const seeds = parts[shard.index - 1];
    return [{ ...entry, seeds, fullRange: entry.seeds }];
  });
}
