// The share of seeds that hit each kind of timeout, read from the store's timeouts column
// (one bit per kind, TIMEOUT_KINDS order): what `report` shows under its timeouts and
// `check -o json` carries as each scenario's `timeouts`, the same numbers in the same shape.
import { shareOf, type ShareEstimate } from './statistics.js';
import type { ScenarioStore } from './store/scenario-store.js';
import { TIMEOUT_KINDS } from './timeout-kinds.js';

export type TimeoutShare = { kind: string; description: string } & ShareEstimate;

export function timeoutShares(store: ScenarioStore): TimeoutShare[] {
  // One pass over the column counts the seeds with each set of bits (and, in the last slot,
  // those with none stored); each kind's hits are then the counts of the sets that hold it.
  const sets = new Float64Array((1 << TIMEOUT_KINDS.length) + 1);
  store.timeouts.tally(sets, 0, store.seeds);
  const hits = TIMEOUT_KINDS.map(() => 0);
  for (let bits = 1; bits < sets.length - 1; bits++)
    for (let bit = 0; bit < hits.length; bit++)
      if ((bits & (1 << bit)) !== 0) hits[bit] += sets[bits];
  return TIMEOUT_KINDS.map(({ kind, description }, bit) => ({
    kind,
    description,
    ...shareOf(hits[bit], store.seeds),
  }));
}
