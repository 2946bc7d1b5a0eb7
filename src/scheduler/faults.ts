// Test-only switches that break one rule of Tekton's each, so that tests can show the
// invariant checkers catch the break, replay reproduces it and shrink reduces it. Never set
// outside tests; the CLI has no flag for them.
export interface PlantedFaults {
  /** Start finally tasks as soon as any DAG task is done, not when all are. */
  finallyStartsEarly?: boolean;
  /** Retry a TaskRun that was cancelled (Tekton never does). */
  retryAfterCancel?: boolean;
  /** Never enforce the pipeline deadline. */
  missPipelineDeadline?: boolean;
}
