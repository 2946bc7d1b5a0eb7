// A seed that hits the engine's event bound still gives a result, shared by the single-run
// and the shared-cluster paths.
import { livenessViolation } from '../check/invariants/liveness.js';
import type { SeedResult } from '../check/seed-result.js';
import { NOT_COMPLETED_REASON } from '../model/not-completed.js';

/**
 * The result of a seed whose simulation ran out of its event bound: a liveness violation,
 * reported like any other. Anything else thrown is a bug of ours and goes on up.
 */
export function notCompleted(
  base: Pick<SeedResult, 'scenario' | 'file' | 'seed'>,
  error: unknown,
): SeedResult {
  const message = livenessViolation(error);
  if (message === undefined) throw error;
  return {
    ...base,
    status: 'Unknown',
    reason: NOT_COMPLETED_REASON,
    eventCount: 0,
    endTimeMs: 0,
    violations: [{ invariant: 'liveness', message }],
    findings: [],
  };
}
