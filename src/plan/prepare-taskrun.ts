// A standalone TaskRun, prepared as `tekton-sim run --taskrun` simulates it: validated as the
// TaskRun webhook would (with the Task it references), then compiled as a Plan of one task,
// so the TaskRun lifecycle, steps and scripts are the very ones a pipeline task's TaskRun
// gets. What only the PipelineRun controller does is kept out here: the Plan has no
// pipeline, tasks or finally deadline, its one TaskRun is named by its own metadata.name,
// its timeout is its own spec.timeout (TaskRunSpec.SetDefaults: default-timeout-minutes when
// unset; `0s` = none), its retries are spec.retries, and `standaloneTaskRun` tells the engine
// that a cancel is the TaskRun's own spec.status (taskrun.go ReconcileKind, IsCancelled).
import { compilePlan } from './compile.js';
import type { Plan } from './plan.js';
import { laterPrepareFailure } from './taskrun-prepare-checks.js';
import { InputError, type Diagnostic } from '../tekton/diagnostics.js';
import { parseGoDuration } from '../tekton/duration.js';
import type { LoadedSet } from '../tekton/load.js';
import type { TaskRunResource, TektonResource } from '../tekton/resource.js';
import { resolveTaskRun, type ResolvedTaskRun } from '../tekton/resolve.js';
import type { PipelineSpec, PipelineTask } from '../tekton/types.js';
import {
  checkInvolved,
  type PrepareOptions,
  profileOf,
  refuseForeignManagedBy,
} from './prepare.js';
import { invalidTaskParams } from './start-checks.js';

export interface PreparedTaskRun {
  run: TaskRunResource;
  resolved: ResolvedTaskRun;
  plan: Plan;
  diagnostics: Diagnostic[];
}

export function prepareTaskRun(
  set: LoadedSet,
  run: TaskRunResource,
  options: PrepareOptions = {},
): PreparedTaskRun {
  const profile = profileOf(options);
  const resolved = resolveTaskRun(set, run);
  const involved: TektonResource[] = [run];
  const taskResource = resolved.task.specSource?.resource;
  if (taskResource && taskResource !== run && set.resources.includes(taskResource))
    involved.push(taskResource);
  const { tektonConfig, defaultTimeoutMs, diagnostics } = checkInvolved(
    set,
    involved,
    resolved.diagnostics,
    options,
  );

  const name = run.metadata.name;
  const spec = run.spec;
  // controller.go taskRunFilterManagedBy: Tekton's controller leaves another's TaskRun alone.
  refuseForeignManagedBy(run);
  const bindings = (spec.workspaces ?? []).filter(
    (binding): binding is Record<string, unknown> =>
      typeof binding === 'object' &&
      binding !== null &&
      typeof (binding as { name?: unknown }).name === 'string',
  );
  // The one task: the TaskRun's Task, params and workspaces, each workspace bound to the
  // TaskRun's binding of the same name. Timeout and retries are set on the Plan below.
  const task: PipelineTask = {
    name,
    ...(spec.taskRef ? { taskRef: spec.taskRef } : {}),
    ...(spec.taskSpec ? { taskSpec: spec.taskSpec } : {}),
    params: spec.params ?? [],
    workspaces: bindings.map((binding) => ({ name: binding.name, workspace: binding.name })),
    retries: spec.retries ?? 0,
  };
  const pipeline: PipelineSpec = {
    tasks: [task],
    workspaces: bindings.map((binding) => ({ name: binding.name })),
  };
  const compiled = compilePlan(
    {
      run: {
        metadata: run.metadata,
        spec: {
          pipelineSpec: pipeline,
          workspaces: bindings,
          timeouts: { pipeline: '0s' },
          // Its pod template, where a PipelineRun's TaskRuns find theirs (the pod's volumes).
          ...(spec.podTemplate !== undefined
            ? { taskRunTemplate: { podTemplate: spec.podTemplate } }
            : {}),
        },
      },
      pipeline,
      tasks: new Map([[name, { ...resolved.task }]]),
      volumeSources: set.volumeSources,
    },
    { profile, defaultTimeoutMs, tektonConfig },
  );
  const [only] = compiled.tasks;
  // prepare's ValidateResolvedTask: params missing or of the wrong type fail the TaskRun at
  // its first reconcile, before any pod (MarkResourceFailed, TaskRunValidationFailed), and
  // each retry the same way: the lifecycle checks a standalone TaskRun's params
  // (lifecycle.ts taskRunParamsError), so the PipelineRun's own start check is dropped.
  const paramsError =
    only.taskSpec && !only.resolutionError
      ? invalidTaskParams(task, only.taskSpec.params ?? [])
      : undefined;
  if (compiled.startFailure && !paramsError) {
    // Another check of the PipelineRun reconciler that no TaskRun of these files can fail.
    throw new InputError({
      severity: 'error',
      message: `TaskRun "${name}": ${compiled.startFailure.message}; not simulated for a TaskRun`,
      location: run.source.locate([]),
    });
  }
  // TaskRunSpec.SetDefaults: an unset timeout is default-timeout-minutes; 0 means none.
  const timeoutMs =
    spec.timeout === undefined
      ? defaultTimeoutMs
      : (parseGoDuration(spec.timeout) ?? defaultTimeoutMs);
  // `$(workspaces.W...)` of a workspace the TaskRun does not bind is no missing binding
  // here: only the PipelineRun reconciler propagates an embedded spec's workspaces and asks
  // the PipelineRun for them; the TaskRun's prepare checks the Task's declarations alone
  // (ValidateResolvedTask), and the reference stays as written.
  const bindingsError = only.bindingsError;
  const plan: Plan = {
    ...compiled,
    warnings: bindingsError
      ? compiled.warnings.filter((warning) => !warning.includes(bindingsError))
      : compiled.warnings,
    // The one startFailure left is the params check, which the TaskRun's prepare makes.
    startFailure: undefined,
    indexedResultTasks: [],
    resultParamTasks: [],
    timeouts: {},
    tasks: [
      {
        ...only,
        bindingsError: undefined,
        // Its params, as written: compilePlan filled a pipeline task's in with the
        // PipelineRun's params and contexts, and read result references from them.
        pipelineTask: { ...only.pipelineTask, params: spec.params ?? [] },
        params: spec.params ?? [],
        resultReferences: [],
        hasParamOrWhenResultReferences: false,
        usesExecutionStatus: false,
        createRunError: undefined,
        // The enum check is the TaskRun's own here, not the PipelineRun's createTaskRuns.
        paramEnums: undefined,
        ...laterPrepareFailure(only, spec),
        taskRunTimeoutMs: timeoutMs,
        effectiveTimeoutMs: timeoutMs,
      },
    ],
    standaloneTaskRun: {
      name,
      ...(spec.status ? { specStatus: spec.status } : {}),
      ...(spec.statusMessage ? { statusMessage: spec.statusMessage } : {}),
    },
  };
  return { run, resolved, plan, diagnostics };
}
