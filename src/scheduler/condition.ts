// The PipelineRun `Succeeded` condition, as GetPipelineConditionStatus computes it
// (tekton-semantics 5.1). Pure: counts and flags in, status/reason/message out.
import { formatGoDuration } from '../tekton/duration.js';
import { Messages, PipelineRunReason } from '../model/reasons.js';
import type { SemanticsProfile } from '../model/profiles.js';
import type { ConditionStatus } from '../model/status.js';

export interface TaskCounts {
  succeeded: number;
  /** Failed, including cancelled-for-timeout; excluding ignored failures. */
  failed: number;
  /** Failures of tasks with onError: continue. */
  ignored: number;
  cancelled: number;
  validationFailed: number;
  skipped: number;
  skippedDueToTimeout: number;
  incomplete: number;
}

export interface ConditionFacts {
  pipelineRunName: string;
  counts: TaskCounts;
  validationErrors: readonly string[];
  hasFinally: boolean;
  allFinallyDone: boolean;
  pipelineTimedOut: boolean;
  /** HaveTasksTimedOut as the profile computes it. */
  tasksTimedOut: boolean;
  /** How the release treats the tasks deadline (profiles.ts). */
  tasksDeadline: SemanticsProfile['tasksDeadline'];
  pipelineTimeoutMs?: number;
  tasksTimeoutMs?: number;
  gracefullyCancelled: boolean;
  gracefullyStopped: boolean;
}

export interface ConditionResult {
  status: ConditionStatus;
  reason: string;
  message: string;
}

export function pipelineRunCondition(facts: ConditionFacts): ConditionResult {
  const { counts } = facts;
  if (facts.pipelineTimedOut) {
    return {
      status: 'False',
      reason: PipelineRunReason.PipelineRunTimeout,
      message: Messages.pipelineTimedOut(
        facts.pipelineRunName,
        formatGoDuration(facts.pipelineTimeoutMs ?? 0),
      ),
    };
  }
  const tasksDeadlineEndsRun =
    facts.tasksDeadline === 'fail-at-once' ||
    (facts.tasksDeadline === 'run-finally' && (!facts.hasFinally || facts.allFinallyDone));
  if (facts.tasksTimedOut && tasksDeadlineEndsRun) {
    return {
      status: 'False',
      reason: PipelineRunReason.PipelineRunTimeout,
      message: Messages.tasksTimedOut(
        facts.pipelineRunName,
        formatGoDuration(facts.tasksTimeoutMs ?? 0),
      ),
    };
  }
  if (counts.incomplete === 0) return completedCondition(facts);
  return {
    status: 'Unknown',
    reason: runningReason(facts),
    message: runningMessage(counts),
  };
}

function completedCondition(facts: ConditionFacts): ConditionResult {
  const { counts } = facts;
  let message = `${tasksCompletedPrefix(counts)}, Skipped: ${counts.skipped}`;
  if (counts.validationFailed > 0) {
    message += `, Failed Validation: ${counts.validationFailed} (${validationErrorText(facts.validationErrors)})`;
  }
  if (counts.validationFailed > 0) {
    return { status: 'False', reason: PipelineRunReason.PipelineValidationFailed, message };
  }
  if (counts.failed > 0 || counts.skippedDueToTimeout > 0) {
    return { status: 'False', reason: PipelineRunReason.Failed, message };
  }
  if (facts.gracefullyCancelled || facts.gracefullyStopped) {
    return {
      status: 'False',
      reason: PipelineRunReason.Cancelled,
      message: Messages.pipelineRunCancelled(facts.pipelineRunName),
    };
  }
  if (counts.cancelled > 0)
    return { status: 'False', reason: PipelineRunReason.Cancelled, message };
  const reason = counts.skipped > 0 ? PipelineRunReason.Completed : PipelineRunReason.Succeeded;
  return { status: 'True', reason, message };
}

/** Tekton cuts the joined errors at 1024 characters and marks the cut with "...". */
const VALIDATION_ERRORS_MAX_LENGTH = 1024;

function validationErrorText(errors: readonly string[]): string {
  const joined = errors.join('; ');
  return joined.length > VALIDATION_ERRORS_MAX_LENGTH
    ? `${joined.slice(0, VALIDATION_ERRORS_MAX_LENGTH)}...`
    : joined;
}

function runningReason(facts: ConditionFacts): string {
  const { counts } = facts;
  if (
    facts.tasksDeadline === 'run-finally' &&
    facts.tasksTimedOut &&
    facts.hasFinally &&
    !facts.allFinallyDone
  ) {
    return PipelineRunReason.PipelineRunTimeoutRunningFinally;
  }
  if (facts.gracefullyCancelled) return PipelineRunReason.CancelledRunningFinally;
  if (facts.gracefullyStopped) return PipelineRunReason.StoppedRunningFinally;
  if (counts.cancelled > 0 || (counts.failed > 0 && facts.allFinallyDone)) {
    return PipelineRunReason.PipelineRunStopping;
  }
  return PipelineRunReason.Running;
}

/**
 * While running, Tekton prints the failures that count (ignored ones are completed but not
 * failed) and never the `(Ignored: N)` part the final message has.
 */
function runningMessage(counts: TaskCounts): string {
  const completed = counts.succeeded + counts.failed + counts.cancelled + counts.ignored;
  return `Tasks Completed: ${completed} (Failed: ${counts.failed}, Cancelled ${counts.cancelled}), Incomplete: ${counts.incomplete}, Skipped: ${counts.skipped}`;
}

function tasksCompletedPrefix(counts: TaskCounts): string {
  const completed = counts.succeeded + counts.failed + counts.cancelled + counts.ignored;
  const failed = counts.failed + counts.ignored;
  const failedText = counts.ignored > 0 ? `${failed} (Ignored: ${counts.ignored})` : String(failed);
  return `Tasks Completed: ${completed} (Failed: ${failedText}, Cancelled ${counts.cancelled})`;
}
