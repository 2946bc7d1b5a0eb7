// A TaskRun's two task specs as Tekton v1.15.0 writes them, made only when printed:
//
// - spec.taskSpec, for a pipeline task with an embedded spec: the PipelineRun controller has
//   filled in the run's params (a task param of the same name taking the pipeline param's
//   place: propagateParams), its contexts (ApplyContexts), `$(workspaces.W.bound)`
//   (ApplyWorkspaces) and earlier tasks' results (PropagateResults)
//   (pkg/reconciler/pipelinerun/resources/apply.go);
// - status.taskSpec, which each reconcile of the TaskRun rewrites: that spec, or the
//   referenced Task's, with the TaskRun's params and their defaults (ApplyParameters), its
//   contexts, the results' and steps' paths, then its workspaces, filled in one after the
//   other (pkg/reconciler/taskrun/taskrun.go applyParamsContextsResultsAndWorkspaces).
//
// `$(context.taskRun.uid)` stays as written: the simulator gives TaskRuns no uid. Step
// artifacts are left as written too.
import type { Plan, PlanTask } from '../plan/plan.js';
import type { TaskRunTaskSpecs } from '../model/status.js';
import type { PropagatedResults, TaskRunRecord } from '../model/taskrun.js';
import { applyStringReplacements } from '../tekton/apply-replacements.js';
import {
  type ParamLookup,
  substituteParamValue,
  substituteString,
  type SubstitutionContext,
} from '../tekton/substitute.js';
import { replaceInTaskSpec, type SpecReplacer } from '../tekton/task-spec-replace.js';
import type { ParamValue, Step, TaskSpec } from '../tekton/types.js';
import { stepWorkspaceVariables, taskWorkspaceVariables } from './workspace-variables.js';
import { propagateArgs, propagateStrings } from './propagate.js';
import { taskRunWorkspaces } from './workspace-bindings.js';
import { ownStepResultPaths, taskPathReplacements } from '../plan/step-paths.js';
import { withDefaultKeys } from './object-param-defaults.js';

type Json = Record<string, unknown>;

/** Undefined for a task we cannot see into. `attempt` is 0-based (`context.task.retry-count`). */
export function taskRunTaskSpecs(
  plan: Plan,
  task: PlanTask,
  taskRun: TaskRunRecord,
  attempt: number,
): TaskRunTaskSpecs | undefined {
  if (task.opaque || !task.taskSpec) return undefined;
  const declared = task.taskSpec as unknown as Json;
  const embedded = task.pipelineTask.taskSpec !== undefined && task.taskRunTaskRef === undefined;
  // A standalone TaskRun's own spec gets no PipelineRun pass: there is no PipelineRun.
  const spec =
    embedded && !plan.standaloneTaskRun
      ? replaceInTaskSpec(
          onlyTaskSpecFields(declared),
          pipelineLevel(plan, taskRun, taskRun.propagatedResults),
        )
      : undefined;
  const taskName = embedded ? taskRun.name : String(task.taskRunTaskRef?.name ?? '');
  let status = spec ?? declared;
  const passes = taskRunLevel(plan, task, taskRun, attempt, taskName, status);
  const variables = taskWorkspaceVariables(plan, task, taskRun.workspaceResults);
  passes.forEach((replacer, index) => {
    // ApplyResults fills each step's own step-result paths before the shared paths pass;
    // the workspaces pass, last, first fills the paths of steps that mount a workspace
    // elsewhere (applyWorkspaceMountPath).
    if (index === PATHS_PASS) status = withOwnStepResultPaths(status);
    if (index === passes.length - 1) status = withStepMountPaths(status, variables);
    status = replaceInTaskSpec(status, replacer);
  });
  const workspaces = taskRunWorkspaces(plan, task, taskRun.workspaceResults);
  status = withPropagatedWorkspaces(status, workspaces);
  return { ...(spec ? { spec } : {}), status, ...(workspaces ? { workspaces } : {}) };
}

/**
 * applyParamsContextsResultsAndWorkspaces: each of the TaskRun's bindings that the spec does
 * not declare is declared by name at the end (workspace propagation), before ApplyWorkspaces.
 */
function withPropagatedWorkspaces(spec: Json, bindings: Json[] | undefined): Json {
  const declared: Json[] = Array.isArray(spec.workspaces)
    ? spec.workspaces.filter(
        (item: unknown): item is Json => typeof item === 'object' && item !== null,
      )
    : [];
  const names = new Set(declared.map((workspace) => workspace.name));
  const added = (bindings ?? [])
    .map((binding) => binding.name)
    .filter((name) => typeof name === 'string' && !names.has(name));
  if (added.length === 0) return spec;
  return { ...spec, workspaces: [...declared, ...added.map((name) => ({ name }))] };
}

/** ApplyResults fills each step's own `$(step.results.R.path)`, step by step. */
function withOwnStepResultPaths(spec: Json): Json {
  if (!Array.isArray(spec.steps)) return spec;
  const steps = spec.steps.map((step: unknown, index: number) => {
    const paths = ownStepResultPaths(step as Step, index);
    if (paths.size === 0) return step;
    const byMap: SpecReplacer = {
      text: (value) => applyStringReplacements(value, paths),
      list: (value) => [applyStringReplacements(value, paths)],
    };
    return (replaceInTaskSpec({ steps: [step] }, byMap).steps as unknown[])[0];
  });
  return { ...spec, steps };
}

/** Each step that lists a workspace with its own mountPath, that path filled in for it. */
function withStepMountPaths(spec: Json, variables: Readonly<Record<string, string>>): Json {
  if (!Array.isArray(spec.steps)) return spec;
  const steps = (spec.steps as unknown[]).map((step) => {
    const own = stepWorkspaceVariables(variables, step as { workspaces?: unknown });
    if (own === undefined) return step;
    const paths = Object.fromEntries(Object.entries(own).filter(([key]) => key.endsWith('.path')));
    const context: SubstitutionContext = { workspaces: paths };
    const replaced = replaceInTaskSpec(
      { steps: [step] },
      {
        text: (value) => substituteString(value, context),
        list: (value) => expanded(value, context),
      },
    );
    return (replaced.steps as unknown[])[0];
  });
  return { ...spec, steps };
}

/** An EmbeddedTask's own keys (its type and metadata) are not part of the TaskSpec. */
function onlyTaskSpecFields(spec: Json): Json {
  const { apiVersion, kind, metadata, spec: custom, ...rest } = spec;
  return rest;
}

/**
 * The PipelineRun controller's replacements for an embedded spec: pipeline params (a pipeline
 * task param of the same name in their place), contexts and bound workspaces, then
 * propagated results.
 */
function pipelineLevel(
  plan: Plan,
  taskRun: TaskRunRecord,
  propagated: PropagatedResults | undefined,
): SpecReplacer {
  const params = new Map<string, ParamValue>(plan.params);
  for (const param of taskRun.params)
    if (params.has(param.name)) params.set(param.name, param.value);
  const context: SubstitutionContext = {
    params,
    context: {
      'pipelineRun.name': plan.pipelineRunName,
      'pipelineRun.namespace': plan.namespace,
      'pipelineRun.uid': plan.uid,
      'pipeline.name': plan.pipelineName ?? plan.pipelineRunName,
    },
    workspaces: plan.boundWorkspaces ?? {},
  };
  const text = (value: string) => {
    const substituted = substituteString(value, context);
    return propagated ? propagateStrings(substituted, propagated) : substituted;
  };
  return {
    text,
    list: (value) =>
      propagateArgs(expanded(value, context), propagated).map((item) =>
        typeof item === 'string' ? item : String(item),
      ),
  };
}

/** taskRunLevel's third pass, the results' and steps' paths (ApplyResults, ApplyStepExitCodePath). */
const PATHS_PASS = 2;

/** The TaskRun reconciler's passes, in its order: params, contexts, results' and steps' paths, workspaces. */
function taskRunLevel(
  plan: Plan,
  task: PlanTask,
  taskRun: TaskRunRecord,
  attempt: number,
  taskName: string,
  spec: Json,
): SpecReplacer[] {
  const params: SubstitutionContext = {
    params: new TaskRunParams(task, taskRun),
    inputsParams: true,
  };
  const contexts: SubstitutionContext = {
    context: {
      'taskRun.name': taskRun.name,
      'task.name': taskName,
      'taskRun.namespace': plan.namespace,
      'task.retry-count': String(attempt),
    },
  };
  // Step results' own paths are per step (ApplyResults); only the shared ones are here.
  const paths = taskPathReplacements(spec as TaskSpec);
  const workspaces: SubstitutionContext = {
    workspaces: taskWorkspaceVariables(plan, task, taskRun.workspaceResults),
  };
  const byContext = (context: SubstitutionContext): SpecReplacer => ({
    text: (value) => substituteString(value, context),
    list: (value) => expanded(value, context),
  });
  const byMap: SpecReplacer = {
    text: (value) => applyStringReplacements(value, paths),
    list: (value) => [applyStringReplacements(value, paths)],
  };
  return [byContext(params), byContext(contexts), byMap, byContext(workspaces)];
}

/** One args or command element: a whole array reference becomes its elements. */
function expanded(value: string, context: SubstitutionContext): string[] {
  return (substituteParamValue([value], context) as unknown[]).map(String);
}

/** The TaskRun's params (the last of a name wins), then the Task's defaults. */
class TaskRunParams implements ParamLookup {
  constructor(
    private readonly task: PlanTask,
    private readonly taskRun: TaskRunRecord,
  ) {}

  get(name: string): ParamValue | undefined {
    const own = this.taskRun.params;
    for (let index = own.length - 1; index >= 0; index--)
      if (own[index].name === name)
        return withDefaultKeys(own[index].value, this.task.taskParamDefaults.get(name));
    return this.task.taskParamDefaults.get(name);
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }
}
