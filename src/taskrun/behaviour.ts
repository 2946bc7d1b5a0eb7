// What one attempt of a TaskRun does: how long it runs, whether it fails, which results it
// writes and when. The default reads the steps' own scripts; scenarios substitute random
// draws (workload/). The engine asks once per attempt, at its start.
import type { Plan, PlanTask } from '../plan/plan.js';
import {
  type ParamLookup,
  substituteParamValue,
  substituteString,
  type SubstitutionContext,
} from '../tekton/substitute.js';
import type {
  AttemptOutcome,
  PropagatedResults,
  StepRunOutcome,
  WorkspaceResults,
} from '../model/taskrun.js';
import { propagateArgs, propagateStrings } from './propagate.js';
import type { ParamValue } from '../tekton/types.js';
import { stepWorkspaceVariables, taskWorkspaceVariables } from './workspace-variables.js';
import type { StepOutcome, Volume } from '../shell/index.js';
import { attemptFiles, type RunFiles, resultsVolume, stepsVolume } from './files.js';
import {
  expandStepResultArgs,
  fillStepResults,
  taskResultsFromStep,
  type WrittenStepResults,
} from './step-results.js';
import { withDefaultKeys } from './object-param-defaults.js';
import { stepEnvironment, stepOutputPaths, stepWorkingDir } from './step-env.js';
import { endOfStepByWhen, stepWhenVerdict } from './step-when.js';
import { limitsTerminationMessage, messageOverflow, shownResults } from './termination-message.js';

export type { AttemptOutcome };

/** An arg that is a whole array step result, `$(steps.S.results.R[*])`. */
function isArrayStepResult(arg: unknown): boolean {
  return typeof arg === 'string' && arg.startsWith('$(steps.') && arg.endsWith('[*])');
}

export interface AttemptRequest {
  plan: Plan;
  task: PlanTask;
  taskRunName: string;
  /** spec.params of the TaskRun, after substitution. */
  params: readonly { name: string; value: ParamValue }[];
  /** Earlier tasks' results written into an embedded taskSpec (Tekton's PropagateResults). */
  propagatedResults?: PropagatedResults;
  /** Task results in the TaskRun's workspace bindings (Tekton's ApplyResultsToWorkspaceBindings). */
  workspaceResults?: WorkspaceResults;
  /** 0-based; `$(context.task.retry-count)`. */
  attempt: number;
  matrixIndex: number;
  /** The run's virtual files; without them each step sees only its own. */
  files?: RunFiles;
}

export interface AttemptBehaviour {
  attempt(request: AttemptRequest): AttemptOutcome;
}

/** Runs the steps' scripts with the shell-subset interpreter (shell/). */
export const scriptBehaviour: AttemptBehaviour = {
  attempt(request) {
    const { task, plan } = request;
    if (task.opaque) return opaqueOutcome(plan, task);
    const context = stepSubstitutionContext(request);
    const propagated = request.propagatedResults;
    // The TaskRun reconciler applies params, then contexts, then workspaces, each over the
    // text the one before left (applyParamsContextsResultsAndWorkspaces): a param whose value
    // holds `$(context.task.retry-count)` or `$(workspaces.w.path)` has it filled in too.
    const paramsOnly: SubstitutionContext = { params: context.params, inputsParams: true };
    const afterParams: SubstitutionContext = {
      context: context.context,
      workspaces: context.workspaces,
    };
    const inPasses = (text: string) =>
      substituteString(substituteString(text, paramsOnly), afterParams);
    // Tekton writes propagated results into the spec before the TaskRun exists, so they go
    // in before the TaskRun's own params and context.
    const taskSubstitute = propagated
      ? (text: string) => inPasses(propagateStrings(text, propagated))
      : inPasses;
    // A step that lists a workspace with its own mountPath sees that path for it.
    const substituteFor = (stepIndex: number) => {
      const own = stepWorkspaceVariables(
        context.workspaces ?? {},
        task.taskSpec?.steps?.[stepIndex],
      );
      if (own === undefined) return taskSubstitute;
      const stepPasses: SubstitutionContext = { ...afterParams, workspaces: own };
      const inStepPasses = (text: string) =>
        substituteString(substituteString(text, paramsOnly), stepPasses);
      return propagated
        ? (text: string) => inStepPasses(propagateStrings(text, propagated))
        : inStepPasses;
    };
    const results: AttemptOutcome['results'] = [];
    const steps: StepRunOutcome[] = [];
    let elapsedMs = 0;
    const files = request.files;
    // The attempt's /tekton/results, looked up once the first step writes a result.
    let resultFiles: Volume | undefined;
    // Its /tekton/steps, looked up when the first step ends.
    let stepDirectory: Volume | undefined;
    const stepFiles = files
      ? attemptFiles(
          plan,
          task,
          request.taskRunName,
          request.attempt,
          files,
          request.workspaceResults,
          taskSubstitute,
        )
      : undefined;
    // This attempt's /tekton/steps/step-S/results/R, as the steps write them.
    const writtenStepResults: WrittenStepResults = new Map();
    // The declared task results on disk, when termination messages are limited to 4096 bytes.
    const onDisk = limitsTerminationMessage(plan) ? new Map<string, string>() : undefined;
    // The first step whose message passed the limit: it exited 1, and the TaskRun names it.
    let overflowContainer: string | undefined;
    for (let stepIndex = 0; stepIndex < task.steps.length; stepIndex++) {
      const step = task.steps[stepIndex];
      const substitute = substituteFor(stepIndex);
      const withStepResults = (text: string) =>
        fillStepResults(substitute(text), writtenStepResults);
      const expanded = step.argsWithArrays
        ? expandedArgs(propagateArgs(step.argsWithArrays, propagated), context)
        : undefined;
      // The entrypoint fills earlier steps' results into the args it is given, as into the rest.
      // An arg that is a whole array step result becomes several (replaceCommandAndArgs).
      const ownArgs = task.taskSpec?.steps?.[stepIndex]?.args;
      const args =
        expanded ??
        (writtenStepResults.size > 0 && ownArgs?.some(isArrayStepResult)
          ? ownArgs.map(substitute)
          : undefined);
      const positional =
        args && writtenStepResults.size > 0
          ? (expandStepResultArgs(args, writtenStepResults) ??
            args.map((arg) => fillStepResults(arg, writtenStepResults)))
          : args;
      const fill = writtenStepResults.size > 0 ? withStepResults : substitute;
      const when = stepWhenVerdict(task.taskSpec?.steps?.[stepIndex]?.when, context, fill);
      const ended = endOfStepByWhen(when, elapsedMs, step.containerName, results, steps);
      if (ended === 'skipped') continue;
      if (ended) return ended;
      const workingDir = stepWorkingDir(task.taskSpec, stepIndex);
      const outcome = step.program.run(fill, {
        positional,
        files: stepFiles?.step(stepIndex),
        workingDirectory: workingDir ? substitute(workingDir) : undefined,
        environment: stepEnvironment(plan, task.taskSpec, stepIndex, fill),
        outputPaths: stepOutputPaths(task.taskSpec, stepIndex, substitute),
      });
      // Later steps of the attempt read the results this one wrote from /tekton/results.
      if (files && outcome.results.length > 0) {
        resultFiles ??= resultsVolume(files, request.taskRunName, request.attempt);
        for (const result of outcome.results) resultFiles.write(result.name, result.value);
      }
      const onErrorContinue =
        step.onErrorText !== undefined
          ? substitute(step.onErrorText) === 'continue'
          : step.onErrorContinue;
      let durationMs = outcome.durationMs;
      let exitCode = outcome.exitCode;
      let stepTimedOut = false;
      if (step.timeoutMs !== undefined && durationMs > step.timeoutMs) {
        durationMs = step.timeoutMs;
        exitCode = 1;
        stepTimedOut = true;
      }
      for (const result of outcome.results) {
        if (result.atMs > durationMs) continue;
        results.push({ ...result, atMs: elapsedMs + result.atMs, step: stepIndex });
        onDisk?.set(result.name, result.value);
      }
      const stepResults = lastWrites(outcome.stepResults, durationMs);
      if (stepResults) {
        writtenStepResults.set(step.name, new Map(stepResults.map((r) => [r.name, r.value])));
        // Task results whose value names this step's results, at the step's end.
        const needed = taskResultsFromStep(task.taskSpec, step.name);
        if (needed)
          for (const result of stepResults) {
            const name = needed.get(result.name);
            if (name !== undefined)
              results.push({
                name,
                value: result.value,
                atMs: elapsedMs + durationMs,
                step: stepIndex,
                fromStepResult: true,
              });
          }
      }
      elapsedMs += durationMs;
      // What the entrypoint leaves in /tekton/steps for the steps after this one.
      if (files) {
        stepDirectory ??= stepsVolume(files, request.taskRunName, request.attempt);
        stepDirectory.write(`${step.containerName}/exitCode`, String(exitCode));
        for (const result of stepResults ?? [])
          stepDirectory.write(`${step.containerName}/results/${result.name}`, result.value);
      }
      const ran: StepRunOutcome = stepTimedOut
        ? { endMs: elapsedMs, exitCode, timedOut: true }
        : { endMs: elapsedMs, exitCode };
      if (stepResults) ran.stepResults = stepResults;
      steps.push(ran);
      // A step past its own timeout stops the steps after it even with onError: continue: the
      // entrypoint leaves an error post file and exits 1 on a deadline whatever onError says.
      const stops = exitCode !== 0 && (stepTimedOut || !onErrorContinue);
      if (onDisk && (onDisk.size > 0 || stepResults)) {
        const continued = exitCode !== 0 && !stops;
        const overflow = messageOverflow(
          onDisk,
          stepResults,
          stepTimedOut
            ? { key: 'Reason', value: 'TimeoutExceeded' }
            : continued
              ? { key: 'ExitCode', value: String(exitCode) }
              : undefined,
        );
        if (overflow) {
          ran.messageOverflow = overflow;
          if (continued) ran.continued = true;
          overflowContainer ??= step.containerName;
        }
      }
      if (stops && overflowContainer === undefined) {
        return {
          durationMs: elapsedMs,
          exitCode,
          failedContainer: step.containerName,
          stepTimedOut,
          results,
          steps,
        };
      }
      if (stops) break;
    }
    if (overflowContainer === undefined)
      return { durationMs: elapsedMs, exitCode: 0, results, steps };
    // A container that exited 1 for its message: the first one fails the TaskRun
    // (getFailureInfo), named for its deadline only if its message kept the Reason.
    const last = steps[steps.length - 1];
    return {
      durationMs: elapsedMs,
      exitCode: 1,
      failedContainer: overflowContainer,
      stepTimedOut:
        overflowContainer === task.steps[steps.length - 1].containerName &&
        last.timedOut === true &&
        last.messageOverflow !== 'final',
      results,
      shownResults: shownResults(results, steps),
      steps,
    };
  },
};

/** The last write of each step result by `byMs`, in the order first written; undefined if none. */
function lastWrites(
  written: StepOutcome['stepResults'],
  byMs: number,
): { name: string; value: string }[] | undefined {
  if (!written || written.length === 0) return undefined;
  const byName = new Map<string, string>();
  for (const result of written) if (result.atMs <= byMs) byName.set(result.name, result.value);
  return byName.size === 0 ? undefined : [...byName].map(([name, value]) => ({ name, value }));
}

/** Args with whole array references expanded into separate arguments, as Tekton does. */
function expandedArgs(args: readonly string[], context: SubstitutionContext): string[] {
  return (substituteParamValue([...args], context) as string[]).map(String);
}

/** Tasks we cannot see into succeed at once and write the results others read from them. */
export function opaqueOutcome(plan: Plan, task: PlanTask): AttemptOutcome {
  const names = plan.opaqueResultNames.get(task.index);
  return {
    durationMs: 0,
    exitCode: 0,
    results: names ? [...names].sort().map((name) => ({ name, value: '', atMs: 0 })) : [],
  };
}

export function stepSubstitutionContext(request: AttemptRequest): SubstitutionContext {
  const { plan, task } = request;
  const fixed = fixedContext(plan, task);
  // A standalone TaskRun's spec is embedded in no pipeline: no PipelineRun context reaches it.
  const embedded =
    task.pipelineTask.taskSpec !== undefined &&
    task.taskRunTaskRef === undefined &&
    plan.standaloneTaskRun === undefined;
  return {
    params: new AttemptParams(fixed.params, request.params, task.taskParamDefaults),
    inputsParams: true,
    context: {
      // The PipelineRun's contexts reach only an embedded spec (ApplyContexts, then
      // propagateParams into the taskSpec); a referenced Task's steps keep them as written.
      // `$(context.pipelineTask.retries)` reaches no step: ApplyPipelineTaskContexts fills
      // the pipeline task's params alone.
      ...(embedded
        ? {
            'pipelineRun.name': plan.pipelineRunName,
            'pipelineRun.namespace': plan.namespace,
            'pipelineRun.uid': plan.uid,
            'pipeline.name': plan.pipelineName ?? plan.pipelineRunName,
          }
        : {}),
      // The TaskRun reconciler's contexts (taskrun/resources/apply.go GetContextReplacements).
      'task.retry-count': String(request.attempt),
      'taskRun.name': request.taskRunName,
      'taskRun.namespace': plan.namespace,
      // GetTaskData: the referenced Task's name, or for an embedded spec the TaskRun's own.
      'task.name': task.taskRunTaskRef
        ? String(task.taskRunTaskRef.name ?? '')
        : request.taskRunName,
    },
    // Results in the bindings differ from TaskRun to TaskRun.
    workspaces: request.workspaceResults
      ? taskWorkspaceVariables(plan, task, request.workspaceResults)
      : fixed.workspaces,
  };
}

/**
 * The params an attempt's steps read: the TaskRun's own (the last of a name wins), then the
 * task's defaults and propagated pipeline params; looked up in place rather than copied into
 * a map at every attempt.
 */
class AttemptParams implements ParamLookup {
  constructor(
    private readonly fixed: ReadonlyMap<string, ParamValue>,
    private readonly own: readonly { name: string; value: ParamValue }[],
    private readonly defaults: ReadonlyMap<string, ParamValue>,
  ) {}

  get(name: string): ParamValue | undefined {
    for (let index = this.own.length - 1; index >= 0; index--)
      if (this.own[index].name === name)
        return withDefaultKeys(this.own[index].value, this.defaults.get(name));
    return this.fixed.get(name);
  }

  has(name: string): boolean {
    for (const param of this.own) if (param.name === name) return true;
    return this.fixed.has(name);
  }
}

/** The part of a task's substitution context that no attempt changes. */
interface FixedContext {
  params: ReadonlyMap<string, ParamValue>;
  workspaces: Readonly<Record<string, string>>;
}

// A Plan is immutable and shared by every seed, so what depends only on it is worked out
// once per task rather than at every attempt.
const fixedContexts = new WeakMap<PlanTask, FixedContext>();

function fixedContext(plan: Plan, task: PlanTask): FixedContext {
  let fixed = fixedContexts.get(task);
  if (fixed === undefined) {
    // Embedded task specs see the pipeline's params without declaring them (propagated params).
    const params = new Map<string, ParamValue>(task.pipelineTask.taskSpec ? plan.params : []);
    for (const [name, value] of task.taskParamDefaults) params.set(name, value);
    const workspaces = Object.freeze(taskWorkspaceVariables(plan, task));
    fixed = { params, workspaces };
    fixedContexts.set(task, fixed);
  }
  return fixed;
}
