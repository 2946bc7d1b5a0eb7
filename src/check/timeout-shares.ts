// The share of seeds that hit each kind of timeout, read from the store's timeouts column
// (one bit per kind, TIMEOUT_KINDS order): what `report` shows under its timeouts and
// `check -o json` carries as each scenario's `timeouts`, the same numbers in the same shape.
import { shareOf, type ShareEstimate } from './statistics.js';
import type { ScenarioStore } from './store/scenario-store.js';
import { TIMEOUT_KINDS } from './timeout-kinds.js';

export type TimeoutShare = { kind: string; description: string } & ShareEstimate;

export function timeoutShares(store: ScenarioStore): TimeoutShare[] {
  // One pass over the column, a count per bit, rather than a pass per kind.
  const hits = TIMEOUT_KINDS.map(() => 0);
  for (let index = 0; index < store.seeds; index++) {
    const bits = store.timeouts.get(index);
    if (bits === 0) continue;
    for (let bit = 0; bit < hits.length; bit++) if ((bits & (1 << bit)) !== 0) hits[bit]++;
  }
  return TIMEOUT_KINDS.map(({ kind, description }, bit) => ({
    kind,
    description,
    ...shareOf(hits[bit], store.seeds),
  }));
}
