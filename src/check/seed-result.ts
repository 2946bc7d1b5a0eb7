// The outcome of one seed of one scenario: small and plain, so a worker can post it back and
// every report is a pure function of a list of these.
import type { AttemptRow } from './attempt-rows.js';
import type { KnownBugFinding, Violation } from './invariants/types.js';
import type { RunMetrics } from './metrics.js';

export interface SeedResult {
  scenario: string;
  file: string;
  seed: number;
  /** Condition status and reason at the end; `Unknown`/`NotCompleted` when the run never ended. */
  status: string;
  reason: string;
  eventCount: number;
  endTimeMs: number;
  violations: Violation[];
  findings: KnownBugFinding[];
  /** Undefined when the run did not complete (liveness). */
  metrics?: RunMetrics;
  /** With a cluster: one row per PipelineRun of the seed, in arrival order (metrics is the first). */
  runMetrics?: RunMetrics[];
  /**
   * With a cluster, which PipelineRun each row of runMetrics is; otherwise the one run.
   * Undefined when the run did not complete.
   */
  pipelineRuns?: { name: string; arrivalMs: number }[];
  /**
   * Every TaskRun attempt, in creation order: built only when asked for (a per-attempt CSV);
   * undefined when not asked or the run did not complete.
   */
  attempts?: AttemptRow[];
  /** An attempt of a TaskRun ended TaskRunTimeout (kept so attempts need not be built). */
  taskRunTimedOut?: boolean;
  /** Set for the seeds run twice for the determinism check on the reference engine. */
  traceHash?: string;
  /** Set for the seeds run twice for the determinism check on the kernel (resultHash). */
  resultHash?: string;
}
