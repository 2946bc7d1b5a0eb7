// A step's termination message and its 4096-byte limit (pkg/termination/write.go
// writeMessage, MaxContainerTerminationMessageLength), as the entrypoint writes it in the
// default `results-from: termination-message` mode without compression
// (pkg/entrypoint/entrypointer.go Go): once its command ended and its post file is written,
// it writes the declared task results on disk (readResultsFromDisk, TaskRunResultType), then
// appends the step's own results (StepResultType), then, deferred, appends StartedAt and any
// ExitCode or Reason. A write whose JSON would pass 4096 bytes fails with
// MessageLengthError and the container exits 1 (cmd/entrypoint/main.go); what was written
// before stays. The post file was already written, so the steps after a step that
// succeeded (or failed with onError: continue) still run; every later step reads the same
// files and fails the same way.
import type { AttemptOutcome, StepRunOutcome } from '../model/attempt-outcome.js';
import type { Plan } from '../plan/plan.js';

export const MAX_TERMINATION_MESSAGE_BYTES = 4096;

/** Which write passed the limit; each keeps in the message only what was written before it. */
export type MessageOverflow = 'task-results' | 'step-results' | 'final';

/** StartedAt as the entrypoint formats it (RFC 3339 with milliseconds, UTC). */
const STARTED_AT = '2006-01-02T15:04:05.000Z';

/** Whether the steps' results travel in termination messages of at most 4096 bytes. */
export function limitsTerminationMessage(plan: Plan): boolean {
  const flags = plan.tektonConfig.featureFlags;
  return flags.resultsFrom !== 'sidecar-logs' && flags.terminationMessageCompression !== true;
}

/**
 * Which of the step's writes, if any, passes the limit. `taskResults` are the declared task
 * results on disk at the step's end, `stepResults` its own, `internal` the key and value of
 * its ExitCode or Reason entry when it writes one.
 */
export function messageOverflow(
  taskResults: ReadonlyMap<string, string>,
  stepResults: readonly { name: string; value: string }[] | undefined,
  internal: { key: string; value: string } | undefined,
): MessageOverflow | undefined {
  let bytes = 0;
  let entries = 0;
  const add = (key: string, value: string, type: number) => {
    bytes += entryBytes(key, value, type);
    entries++;
  };
  for (const [name, value] of taskResults) add(name, value, 1);
  if (entries > 0 && arrayBytes(bytes, entries) > MAX_TERMINATION_MESSAGE_BYTES)
    return 'task-results';
  const beforeStep = entries;
  for (const { name, value } of stepResults ?? []) add(name, value, 4);
  if (entries > beforeStep && arrayBytes(bytes, entries) > MAX_TERMINATION_MESSAGE_BYTES)
    return 'step-results';
  add('StartedAt', STARTED_AT, 3);
  if (internal) add(internal.key, internal.value, 3);
  return arrayBytes(bytes, entries) > MAX_TERMINATION_MESSAGE_BYTES ? 'final' : undefined;
}

/** `[` entries joined by `,` `]`. */
function arrayBytes(entryTotal: number, entries: number): number {
  return entryTotal + entries + 1;
}

/** One result.RunResult as json.Marshal writes it: `{"key":..,"value":..,"type":N}`. */
function entryBytes(key: string, value: string, type: number): number {
  // {"key":,"value":,"type":N}
  return 25 + String(type).length + goStringBytes(key) + goStringBytes(value);
}

/**
 * The bytes of a string as Go's encoding/json writes it: as JSON.stringify (Tekton v1.15 is
 * built with Go 1.26, and since Go 1.22 \b and \f are short escapes there too), but `<`, `>`,
 * `&`, U+2028 and U+2029 as \u escapes (6 bytes).
 */
function goStringBytes(text: string): number {
  let bytes = Buffer.byteLength(JSON.stringify(text));
  for (const character of text) {
    if (character === '<' || character === '>' || character === '&') bytes += 5;
    else if (character === '\u2028' || character === '\u2029') bytes += 3;
  }
  return bytes;
}

/**
 * The results status.results is read from when a step's message passed the limit: each
 * step's message in order (the declared task results on disk at its end, then those its own
 * results make), left out where the write failed, at the step's end.
 */
export function shownResults(
  results: AttemptOutcome['results'],
  steps: readonly StepRunOutcome[],
): AttemptOutcome['results'] {
  const shown: AttemptOutcome['results'] = [];
  const onDisk = new Map<string, string>();
  for (const [index, step] of steps.entries()) {
    for (const result of results)
      if (result.step === index && !result.fromStepResult) onDisk.set(result.name, result.value);
    if (step.skipped || step.messageOverflow === 'task-results') continue;
    for (const [name, value] of onDisk) shown.push({ name, value, atMs: step.endMs, step: index });
    if (step.messageOverflow === 'step-results') continue;
    for (const result of results)
      if (result.step === index && result.fromStepResult) shown.push(result);
  }
  return shown;
}
