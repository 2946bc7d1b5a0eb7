// What one attempt of a TaskRun does, decided when it starts (taskrun/behaviour.ts), and
// what of it the status view keeps for printing.

/** One step that ran: its end as an offset from the first step's start, and its exit code. */
export interface StepRunOutcome {
  endMs: number;
  exitCode: number;
  /** It ran past its own step `timeout` (the entrypoint's TimeoutExceeded). */
  timedOut?: boolean;
  /** Its own `when` was false: the entrypoint skipped it (exit 0, terminationReason Skipped). */
  skipped?: true;
  /**
   * Its termination message would have passed 4096 bytes at this write: the container
   * exited 1 (taskrun/termination-message.ts). `exitCode` stays the command's.
   */
  messageOverflow?: 'task-results' | 'step-results' | 'final';
  /** With messageOverflow: the command failed and `onError: continue` let it through. */
  continued?: true;
  /**
   * What it wrote to `$(step.results.R.path)` by its end, last write per name, in the order
   * first written; absent when nothing.
   */
  stepResults?: readonly { name: string; value: string }[];
}

export interface AttemptOutcome {
  durationMs: number;
  /** 0 when every step succeeded (or failed with onError: continue). */
  exitCode: number;
  /** Container of the step that failed the attempt. */
  failedContainer?: string;
  /** The failing step ran past its own step timeout. */
  stepTimedOut?: boolean;
  /**
   * Results with the offset from the attempt's start at which they are written, the index of
   * the step that wrote them (whose termination message first carries them; absent when
   * drawn for the task as a whole) and whether that step's result made them
   * (createTaskResultsFromStepResults) rather than a write to /tekton/results.
   */
  results: { name: string; value: string; atMs: number; step?: number; fromStepResult?: true }[];
  /**
   * When a step's termination message passed its limit: what status.results is read from
   * instead of `results` (each step's message as it stands; taskrun/termination-message.ts).
   */
  shownResults?: AttemptOutcome['results'];
  /**
   * The steps that ran, in order, up to the one that failed the attempt. Undefined when
   * the attempt's time was drawn for the task as a whole, so no step's own times are known.
   */
  steps?: StepRunOutcome[];
}
