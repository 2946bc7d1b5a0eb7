// The bounds on seeds, shared by the command line and Scenario documents. A seed seeds the
// random streams whole, so it must be an integer JavaScript holds exactly (below 2^53; above
// it `seed + 1` can equal `seed`, and a loop over seeds never ends). The count bounds one
// command's work: ten million runs of a small pipeline take about an hour on one core.

export const MIN_SEED = 0;
export const MAX_SEED = Number.MAX_SAFE_INTEGER;
export const MAX_SEED_COUNT = 10_000_000;

/** What is wrong with seeds first..last, or undefined when they are within the bounds. */
export function seedRangeProblem(first: number, last: number): string | undefined {
  if (!isSeed(first) || !isSeed(last))
    return `seeds are whole numbers from ${MIN_SEED} to ${MAX_SEED} (2^53 - 1)`;
  if (last < first) return `the last seed (${last}) is below the first (${first})`;
  const count = last - first + 1;
  if (count > MAX_SEED_COUNT)
    return `that is ${count} seeds; at most ${MAX_SEED_COUNT} run in one command (split the range with --seed-range)`;
  return undefined;
}

export function isSeed(value: number): boolean {
  return Number.isSafeInteger(value) && value >= MIN_SEED;
}
