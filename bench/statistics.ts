// The statistics the equivalence check needs: nearest-rank percentiles (the SimPy model's own
// definition), the standard error of a share, and of a percentile from the order statistics.

/** Nearest rank, as tekton_sim.py's pct(): the ceil(q * n)-th smallest value. */
export function nearestRank(sorted: Float64Array, q: number): number {
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

/** Standard error of the difference of two independent shares. */
export function shareDifferenceError(p1: number, n1: number, p2: number, n2: number): number {
  return Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
}

/**
 * Standard error of a sample percentile, from the spread of the order statistics one
 * binomial standard deviation of rank either side of it (distribution-free).
 */
export function percentileError(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  const spread = Math.sqrt(n * q * (1 - q));
  const low = sorted[Math.max(0, Math.floor(q * n - spread))];
  const high = sorted[Math.min(n - 1, Math.ceil(q * n + spread))];
  return (high - low) / 2;
}
