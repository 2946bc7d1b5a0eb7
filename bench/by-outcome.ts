// Figure 1's makespan percentiles within each outcome, ours against the SimPy model's: where
// the pooled percentiles differ.
import { formatNumber } from './figure.js';
import { nearestRank, percentileError } from './statistics.js';

/**
 * The same percentile within each outcome: where the pooled makespans differ. The two models
 * stop differently after a failure (README, Performance), so Failed runs are expected to
 * differ and Succeeded runs, where both run every task, to agree.
 */
export function byOutcomeNote(
  q: number,
  oursByOutcome: (outcome: string) => Float64Array,
  theirsByOutcome: Record<string, Float64Array>,
): string {
  const parts: string[] = [];
  for (const outcome of ['Succeeded', 'Failed']) {
    const mine = oursByOutcome(outcome);
    const theirs = theirsByOutcome[outcome];
    if (!theirs || theirs.length === 0 || mine.length === 0) continue;
    const error = Math.hypot(percentileError(mine, q), percentileError(theirs, q));
    const difference = Math.abs(nearestRank(mine, q) - nearestRank(theirs, q));
    parts.push(
      `${outcome} runs ${nearestRank(mine, q).toFixed(1)} s vs ${nearestRank(theirs, q).toFixed(1)} s (${(difference / error).toFixed(1)} SE)`,
    );
  }
  const seeds = Object.values(theirsByOutcome).reduce((sum, values) => sum + values.length, 0);
  return `by outcome (SimPy's first ${formatNumber(seeds)} seeds): ${parts.join('; ')}`;
}
