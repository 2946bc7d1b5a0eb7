// Compiles one resolved PipelineRun into a Plan (see plan.ts). Runs once per PipelineRun;
// everything here is off the hot path of the simulation.
import { createHash } from 'node:crypto';
import { formatGoDuration, parseGoDuration } from '../tekton/duration.js';
import {
  findVariableReferences,
  parseExecutionStatusReference,
  resultReferencesOfPipelineTask,
  stringsOfParams,
  stringsOfWhen,
  taskResultReferencesIn,
} from '../tekton/references.js';
import type { SubstitutionContext } from '../tekton/substitute.js';
import { pipelineWorkspaceVariables } from '../tekton/workspaces.js';
import type {
  ObjectMeta,
  Param,
  ParamValue,
  PipelineRunSpec,
  PipelineSpec,
  PipelineTask,
  Step,
  StepActionSpec,
  TaskSpec,
} from '../tekton/types.js';
import { resolveStepActions } from './step-actions.js';
import { substitutePipelineTask, substituteTaskRef } from './substitute-pipeline-task.js';
import { knownTaskParams } from './step-action-task-params.js';
import { stepPathReplacements, withStepPaths } from './step-paths.js';
import { taskRunWorkspaceError } from './taskrun-workspace-checks.js';
import { unboundTaskWorkspace } from './workspace-bindings.js';
import { affinityAssistantOf } from './affinity-assistant.js';
import { taskRunMetadataSources } from './metadata-sources.js';
import { compileStep } from '../shell/index.js';
import { Messages, PipelineRunReason, TaskRunReason } from '../model/reasons.js';
import type { SemanticsProfile } from '../model/profiles.js';
import type { Plan, PlanResultReference, PlanStep, PlanTask, StartFailure } from './plan.js';
import { deriveTimeouts, sectionTimeoutForPropagation, taskRunTimeoutMs } from './timeouts.js';
import { resolveParamDefaults } from './param-defaults.js';
import { enumsOf, enumSubsetError, firstValueOutsideEnum } from './param-enum.js';
import {
  type ApiFieldsLevel,
  SIMULATOR_TEKTON_CONFIG,
  type TektonConfig,
} from '../model/tekton-config.js';
import { onErrorAfterParamsError } from './on-error-after-params.js';
import {
  invalidTaskParams,
  missingObjectKeys,
  optionalWorkspaceRequired,
  outOfBoundArrayReferences,
  paramsOfWrongType,
  unboundWorkspace,
} from './start-checks.js';

export interface ResolvedTaskInput {
  spec?: TaskSpec;
  /** The referenced Task's metadata, when the Task was loaded. */
  metadata?: ObjectMeta;
  /** Why the task cannot be seen into; the simulator then runs it as zero-time success. */
  opaque?: string;
  /** The loaded StepActions its steps use by `ref.name`, by name. */
  stepActions?: ReadonlyMap<string, StepActionSpec>;
}

export interface PlanInput {
  run: { metadata: ObjectMeta & { name: string }; spec: PipelineRunSpec };
  pipelineName?: string;
  /** The referenced Pipeline's metadata; undefined for an embedded pipelineSpec. */
  pipelineMetadata?: ObjectMeta;
  pipeline: PipelineSpec;
  /** By pipeline task name, for tasks and finally. */
  tasks: ReadonlyMap<string, ResolvedTaskInput>;
  /** ConfigMap and Secret data among the loaded files (LoadedSet.volumeSources). */
  volumeSources?: ReadonlyMap<string, Readonly<Record<string, string>>>;
}

export interface CompileOptions {
  profile: SemanticsProfile;
  defaultTimeoutMs: number;
  /** Feature flags and config-defaults; the simulator's defaults when absent. */
  tektonConfig?: TektonConfig;
}

export function compilePlan(input: PlanInput, options: CompileOptions): Plan {
  const tektonConfig = options.tektonConfig ?? SIMULATOR_TEKTON_CONFIG;
  const checksParamEnum = tektonConfig.featureFlags.paramEnum === 'checked';
  const warnings: string[] = [];
  const runName = input.run.metadata.name;
  const namespace = input.run.metadata.namespace ?? 'default';
  const uid = input.run.metadata.uid ?? deterministicUid(`${namespace}/${runName}`);
  const { params, missing } = pipelineParams(input.pipeline, input.run.spec.params);
  const paramsError =
    missing.length === 0 && options.profile.chainedParamDefaults
      ? resolveParamDefaults(
          (input.pipeline.params ?? []).filter(Boolean),
          (input.run.spec.params ?? []).filter(Boolean),
          params,
        )
      : undefined;
  const context: Record<string, string> = {
    'pipelineRun.name': runName,
    'pipelineRun.namespace': namespace,
    'pipelineRun.uid': uid,
  };
  // GetPipelineData: an embedded spec's metadata is the PipelineRun's, so ApplyContexts
  // fills `$(context.pipeline.name)` with the run's name.
  context['pipeline.name'] = input.pipelineName ?? runName;
  const workspaceVariables = pipelineWorkspaceVariables(input.pipeline, input.run.spec);

  const declared = [
    ...(input.pipeline.tasks ?? []).map((task) => ({ task, isFinally: false })),
    ...(input.pipeline.finally ?? []).map((task) => ({ task, isFinally: true })),
  ];
  const taskIndexByName = new Map<string, number>();
  declared.forEach(({ task }, index) => taskIndexByName.set(task.name, index));
  const dagCount = input.pipeline.tasks?.length ?? 0;
  const timeouts = deriveTimeouts(input.run.spec.timeouts, options.defaultTimeoutMs);

  const tasks: PlanTask[] = declared.map(({ task, isFinally }, index) => {
    const resolved = input.tasks.get(task.name) ?? {};
    if (resolved.opaque)
      warnings.push(
        `task "${task.name}": ${resolved.opaque}; simulated as a task that succeeds at once`,
      );
    const retries =
      Number.isInteger(task.retries) && (task.retries ?? 0) > 0 ? (task.retries as number) : 0;
    // `$(context.pipelineTask.retries)` is not here: ApplyPipelineTaskContexts fills it in the
    // params alone, when each TaskRun is created (src/scheduler/pipeline-task-contexts.ts).
    const taskContext: SubstitutionContext = { params, context, workspaces: workspaceVariables };
    const substituted = substitutePipelineTask(task, taskContext);
    const resultReferences: PlanResultReference[] = resultReferencesOfPipelineTask(substituted).map(
      (reference) => ({ ...reference, producer: taskIndexByName.get(reference.task) ?? -1 }),
    );
    const parents = isFinally
      ? []
      : dagParents(substituted, resultReferences, taskIndexByName, dagCount);
    const trTimeoutMs = taskRunTimeoutMs({
      // Releases without taskRunSpecs[].timeout ignore the field.
      taskRunSpecTimeout: options.profile.taskRunSpecTimeout
        ? input.run.spec.taskRunSpecs?.find((s) => s?.pipelineTaskName === task.name)?.timeout
        : undefined,
      pipelineTaskTimeout: task.timeout,
      sectionTimeoutMs: sectionTimeoutForPropagation(
        input.run.spec.timeouts,
        isFinally ? 'finally' : 'tasks',
        options.defaultTimeoutMs,
      ),
      defaultTimeoutMs: options.defaultTimeoutMs,
      propagatesSectionTimeout: options.profile.propagatesSectionTimeoutToTaskRuns,
    });
    const written = resolved.opaque ? undefined : (resolved.spec ?? task.taskSpec);
    // The TaskRun reconciler resolves steps' StepActions before anything reads the steps.
    const stepActions = written
      ? resolveStepActions(
          written,
          resolved.stepActions,
          knownTaskParams(written.params, substituted.params),
        )
      : undefined;
    const spec = stepActions?.spec;
    // prepare resolves StepActions before it checks the workspace bindings.
    const workspaceError = stepActions?.resolutionError
      ? undefined
      : taskRunWorkspaceError(
          { runSpec: input.run.spec, pipelineRunName: runName, namespace, uid, tektonConfig },
          task,
          spec,
          tektonConfig.featureFlags.coschedule,
        );
    const resolutionError = stepActions?.resolutionError ?? workspaceError;
    // A Task we cannot see into may declare the workspace optional: it is given the benefit.
    const bindingsError =
      isChildPipeline(task) || spec === undefined
        ? undefined
        : unboundTaskWorkspace(input.run.spec, task, spec);
    if (bindingsError)
      warnings.push(
        `task "${task.name}": ${bindingsError}; Tekton creates no TaskRun for it and the PipelineRun waits`,
      );
    // createTaskRun puts an embedded spec in the TaskRun, which disable-inline-spec: taskrun
    // makes the TaskRun webhook refuse.
    const inlineRefused =
      tektonConfig.featureFlags.disableInlineSpec.includes('taskrun') &&
      Boolean(task.taskSpec) &&
      !task.taskRef &&
      !resolved.opaque;
    const createRunError = taskRunRefusal(task.retries, trTimeoutMs, inlineRefused);
    const paramEnums = checksParamEnum ? enumsOf(spec?.params) : undefined;
    // Releases without pipeline-task onError treat every failure as stopAndFail.
    // ApplyParameters fills an onError given as a param (replaceVariablesInPipelineTasks).
    const onErrorContinue =
      options.profile.pipelineTaskOnError && substituted.onError === 'continue';
    return {
      ...(createRunError ? { createRunError } : {}),
      ...(resolutionError ? { resolutionError } : {}),
      ...(bindingsError ? { bindingsError } : {}),
      ...(workspaceError ? { resolutionReason: TaskRunReason.TaskRunValidationFailed } : {}),
      ...(paramEnums && paramEnums.size > 0 ? { paramEnums } : {}),
      index,
      name: task.name,
      isFinally,
      pipelineTask: substituted,
      params: substituted.params ?? [],
      when: substituted.when ?? [],
      taskSpec: spec,
      ...(task.taskRef ? { taskRunTaskRef: substituteTaskRef(task.taskRef, taskContext) } : {}),
      opaque: resolved.opaque ?? (spec ? undefined : 'no task spec'),
      parents,
      children: [],
      resultReferences,
      hasParamOrWhenResultReferences:
        [...stringsOfParams(substituted.params), ...stringsOfWhen(substituted.when)].flatMap(
          taskResultReferencesIn,
        ).length > 0,
      usesExecutionStatus: usesExecutionStatus(substituted),
      declaredResults: new Set((spec?.results ?? []).map((result) => result?.name)),
      retries,
      taskRunTimeoutMs: trTimeoutMs,
      effectiveTimeoutMs: trTimeoutMs ?? options.defaultTimeoutMs,
      onErrorContinue,
      steps: compileSteps(task.name, spec, warnings),
      taskParamDefaults: taskParamDefaults(spec),
      hasMatrix: Boolean(
        task.matrix &&
          ((task.matrix.params?.length ?? 0) > 0 || (task.matrix.include?.length ?? 0) > 0),
      ),
      metadataSources: taskRunMetadataSources(
        task,
        resolved.metadata,
        onErrorContinue,
        isChildPipeline(task)
          ? undefined
          : affinityAssistantOf(
              { runSpec: input.run.spec, pipelineRunName: runName, namespace, uid, tektonConfig },
              task,
              tektonConfig.featureFlags.coschedule,
            ),
      ),
    };
  });
  for (const task of tasks)
    for (const parent of task.parents) tasks[parent].children.push(task.index);

  const opaqueResultNames = new Map<number, Set<string>>();
  for (const task of tasks) {
    for (const reference of task.resultReferences) {
      if (reference.producer >= 0 && tasks[reference.producer].opaque) {
        const names = opaqueResultNames.get(reference.producer) ?? new Set<string>();
        names.add(reference.result);
        opaqueResultNames.set(reference.producer, names);
      }
    }
  }
  for (const result of input.pipeline.results ?? []) {
    for (const reference of stringsOfParams([{ name: result.name, value: result.value }]).flatMap(
      taskResultReferencesIn,
    )) {
      const producer = taskIndexByName.get(reference.task);
      if (producer !== undefined && tasks[producer].opaque) {
        const names = opaqueResultNames.get(producer) ?? new Set<string>();
        names.add(reference.result);
        opaqueResultNames.set(producer, names);
      }
    }
  }

  return {
    pipelineRunName: runName,
    namespace,
    uid,
    pipelineName: input.pipelineName,
    ...(input.pipelineMetadata ? { pipelineMetadata: input.pipelineMetadata } : {}),
    runSpec: input.run.spec,
    pipelineSpec: input.pipeline,
    tasks,
    dagCount,
    timeouts,
    defaultTimeoutMs: options.defaultTimeoutMs,
    tektonConfig,
    params,
    pipelineResults: input.pipeline.results ?? [],
    opaqueResultNames,
    profile: options.profile,
    boundWorkspaces: workspaceVariables,
    startFailure: startFailure(
      input,
      tasks,
      taskIndexByName,
      missing,
      paramsError,
      checksParamEnum,
      tektonConfig.featureFlags.enableApiFields,
    ),
    resultParamTasks: tasks
      .filter(
        (task) =>
          (task.taskSpec?.params ?? []).length > 0 &&
          stringsOfParams(task.params).some((text) => taskResultReferencesIn(text).length > 0),
      )
      .map((task) => task.index),
    indexedResultTasks: tasks
      .filter((task) => task.resultReferences.some((reference) => reference.index !== undefined))
      .map((task) => task.index),
    warnings,
    taskIndexByName,
    volumeSources: input.volumeSources ?? new Map(),
  };
}

/**
 * TaskRunSpec.Validate on the TaskRun the task would create: retries and timeout must be >= 0
 * (the Pipeline webhook checks neither). knative sorts the field errors by message.
 */
function taskRunRefusal(
  retries: unknown,
  timeoutMs: number | undefined,
  inlineRefused: boolean,
): string | undefined {
  const errors: string[] = [];
  if (inlineRefused) errors.push('must not set the field(s): spec.taskSpec');
  if (typeof retries === 'number' && Number.isInteger(retries) && retries < 0)
    errors.push(`invalid value: ${retries} should be >= 0: spec.retries`);
  if (timeoutMs !== undefined && timeoutMs < 0)
    errors.push(`invalid value: ${formatGoDuration(timeoutMs)} should be >= 0: spec.timeout`);
  return errors.length > 0 ? Messages.taskRunRefused(errors.sort()) : undefined;
}

/** PipelineRun params over Pipeline defaults; names of required params nobody gave. */
function pipelineParams(
  pipeline: PipelineSpec,
  given: readonly Param[] | undefined,
): { params: Map<string, ParamValue>; missing: string[] } {
  const params = new Map<string, ParamValue>();
  for (const spec of pipeline.params ?? []) {
    if (spec?.default !== undefined) params.set(spec.name, spec.default);
  }
  for (const param of given ?? []) if (param?.name) params.set(param.name, param.value);
  const missing = (pipeline.params ?? [])
    .filter((spec) => spec && !params.has(spec.name))
    .map((spec) => spec.name);
  return { params, missing };
}

function dagParents(
  task: PipelineTask,
  resultReferences: readonly PlanResultReference[],
  taskIndexByName: ReadonlyMap<string, number>,
  dagCount: number,
): number[] {
  const parents = new Set<number>();
  for (const name of task.runAfter ?? []) {
    const index = taskIndexByName.get(name);
    if (index !== undefined && index < dagCount) parents.add(index);
  }
  for (const reference of resultReferences) {
    if (reference.scope === 'tasks' && reference.producer >= 0 && reference.producer < dagCount) {
      parents.add(reference.producer);
    }
  }
  return [...parents].sort((a, b) => a - b);
}

function usesExecutionStatus(task: PipelineTask): boolean {
  const strings = [...stringsOfParams(task.params), ...stringsOfWhen(task.when)];
  return strings.some((text) =>
    findVariableReferences(text).some((reference) => parseExecutionStatusReference(reference)),
  );
}

function compileSteps(
  taskName: string,
  spec: TaskSpec | undefined,
  warnings: string[],
): PlanStep[] {
  const seen = new Set<string>();
  return (spec?.steps ?? []).map((written, stepIndex) => {
    // The result and exit-code paths are the same for every TaskRun of the task.
    const step =
      written && spec ? withStepPaths(written, stepPathReplacements(spec, stepIndex)) : written;
    const name = step?.name ?? '';
    const warn = (message: string) => {
      const text = `task "${taskName}" step "${name || stepIndex}": ${message}`;
      if (!seen.has(text)) {
        seen.add(text);
        warnings.push(text);
      }
    };
    const timeoutMs = step?.timeout ? parseGoDuration(step.timeout) : undefined;
    return {
      name,
      containerName: name ? `step-${name}` : `step-unnamed-${stepIndex}`,
      onErrorContinue: step?.onError === 'continue',
      onErrorText:
        typeof step?.onError === 'string' && step.onError.includes('$(') ? step.onError : undefined,
      argsWithArrays: argsWithArrays(step),
      timeoutMs: timeoutMs && timeoutMs > 0 ? timeoutMs : undefined,
      program: compileStep(step ?? {}, warn),
    };
  });
}

/**
 * A script's args when one of them is exactly one reference (`$(params.arr[*])`,
 * `$(params.arr)`), which Tekton expands into as many arguments as the array holds.
 * Args of a step without a script name the command itself and are not expanded here.
 */
function argsWithArrays(step: Step | undefined): string[] | undefined {
  if (step?.script === undefined || !step.args) return undefined;
  const expands = step.args.some(
    (arg) => typeof arg === 'string' && /^\$\([^()]*\)$/.test(arg.trim()),
  );
  return expands ? step.args : undefined;
}

function taskParamDefaults(spec: TaskSpec | undefined): Map<string, ParamValue> {
  const defaults = new Map<string, ParamValue>();
  for (const param of spec?.params ?? []) {
    if (param?.default !== undefined) defaults.set(param.name, param.default);
  }
  return defaults;
}

/** Run-time validation Tekton does before creating any TaskRun (tekton-semantics 2.6, 5.1). */
function startFailure(
  input: PlanInput,
  tasks: readonly PlanTask[],
  taskIndexByName: ReadonlyMap<string, number>,
  missingParams: readonly string[],
  paramsError: string | undefined,
  checksParamEnum: boolean,
  apiFields: ApiFieldsLevel,
): StartFailure | undefined {
  const runName = input.run.metadata.name;
  const namespace = input.run.metadata.namespace ?? 'default';
  const pipelineName = input.pipelineName ?? runName;
  if (missingParams.length > 0) {
    return {
      reason: PipelineRunReason.ParameterMissing,
      beforeParams: true,
      message: Messages.parameterMissing(namespace, runName, pipelineName, missingParams),
    };
  }
  const given = input.run.spec.params;
  const wrongType = paramsOfWrongType(input.pipeline, given);
  if (wrongType.length > 0) {
    return {
      reason: PipelineRunReason.ParameterTypeMismatch,
      beforeParams: true,
      message: Messages.parameterTypeMismatch(namespace, runName, pipelineName, wrongType),
    };
  }
  const outsideEnum = checksParamEnum
    ? firstValueOutsideEnum(given, enumsOf(input.pipeline.params))
    : undefined;
  if (outsideEnum) {
    return {
      reason: PipelineRunReason.InvalidParamValue,
      beforeParams: true,
      message: Messages.pipelineRunParamNotInEnum(
        namespace,
        runName,
        outsideEnum.name,
        outsideEnum.value,
      ),
    };
  }
  const missingKeys = missingObjectKeys(input.pipeline, given);
  if (missingKeys) {
    return {
      reason: PipelineRunReason.ObjectParameterMissKeys,
      beforeParams: true,
      message: Messages.objectParameterMissKeys(namespace, runName, pipelineName, missingKeys),
    };
  }
  const outOfBound = outOfBoundArrayReferences(input.pipeline, given);
  if (outOfBound.length > 0) {
    return {
      reason: PipelineRunReason.ParamArrayIndexingInvalid,
      beforeParams: true,
      message: Messages.paramArrayIndexingInvalid(namespace, runName, pipelineName, outOfBound),
    };
  }
  const unbound = unboundWorkspace(input.pipeline, input.run.spec.workspaces);
  if (unbound !== undefined) {
    return {
      reason: PipelineRunReason.InvalidWorkspaceBindings,
      beforeParams: true,
      message: Messages.invalidWorkspaceBindings(namespace, runName, pipelineName, unbound),
    };
  }
  for (const spec of input.run.spec.taskRunSpecs ?? []) {
    if (spec && !taskIndexByName.has(spec.pipelineTaskName)) {
      return {
        reason: PipelineRunReason.InvalidTaskRunSpecs,
        beforeParams: true,
        message: Messages.invalidTaskRunSpecs(namespace, runName, spec.pipelineTaskName),
      };
    }
  }
  if (paramsError) {
    return {
      reason: PipelineRunReason.PipelineValidationFailed,
      beforeParams: true,
      message: Messages.parametersNotApplied(namespace, pipelineName, paramsError),
    };
  }
  // An onError given as a param is checked once the params are in (entry 46).
  const onErrorError = onErrorAfterParamsError(tasks, apiFields);
  if (onErrorError) {
    return {
      reason: PipelineRunReason.PipelineValidationFailed,
      message: Messages.invalidSpecAfterParams(namespace, pipelineName, onErrorError),
    };
  }
  const declared = [...(input.pipeline.tasks ?? []), ...(input.pipeline.finally ?? [])];
  for (const task of tasks) {
    if (!task.taskSpec) continue;
    const taskName = task.pipelineTask.taskRef ? String(task.pipelineTask.taskRef.name ?? '') : '';
    const error = invalidTaskParams(task.pipelineTask, task.taskSpec.params ?? []);
    if (error) {
      return {
        reason: PipelineRunReason.PipelineValidationFailed,
        message: Messages.invalidTaskParams(runName, taskName, error),
      };
    }
    // Checked with the params as written, before substitution (originalTasks in Tekton).
    const subsetError = checksParamEnum
      ? enumSubsetError(
          declared[task.index]?.params,
          input.pipeline.params,
          task.taskSpec.params,
          taskName,
        )
      : undefined;
    if (subsetError) {
      return {
        reason: PipelineRunReason.PipelineValidationFailed,
        message: Messages.paramEnumNotSubset(subsetError),
      };
    }
  }
  for (const task of tasks) {
    for (const reference of task.resultReferences) {
      const producer = tasks[reference.producer];
      if (producer && !producer.opaque && !producer.declaredResults.has(reference.result)) {
        return {
          reason: PipelineRunReason.InvalidTaskResultReference,
          message: Messages.undeclaredTaskResult(task.name, reference.result, producer.name),
          afterCel: true,
        };
      }
    }
  }
  for (const result of input.pipeline.results ?? []) {
    for (const reference of stringsOfParams([{ name: result.name, value: result.value }]).flatMap(
      taskResultReferencesIn,
    )) {
      const producer = tasks[taskIndexByName.get(reference.task) ?? -1];
      if (producer && !producer.opaque && !producer.declaredResults.has(reference.result)) {
        return {
          reason: PipelineRunReason.InvalidPipelineResultReference,
          message: Messages.undeclaredPipelineResult(
            runName,
            result.name,
            reference.result,
            producer.name,
          ),
          afterCel: true,
        };
      }
    }
  }
  const required = optionalWorkspaceRequired(
    input.pipeline,
    (task) => input.tasks.get(task.name)?.spec?.workspaces,
  );
  if (required) {
    return {
      reason: PipelineRunReason.RequiredWorkspaceMarkedOptional,
      message: Messages.requiredWorkspaceMarkedOptional(required.workspace, required.task),
      afterCel: true,
    };
  }
  return undefined;
}

/** A pipeline task that runs a child Pipeline (its workspaces are the child's business). */
function isChildPipeline(task: PipelineTask): boolean {
  const fields = task as PipelineTask & { pipelineRef?: unknown; pipelineSpec?: unknown };
  return fields.pipelineRef !== undefined || fields.pipelineSpec !== undefined;
}

/** A stable UUID-shaped id for a PipelineRun that has none, so output is reproducible. */
function deterministicUid(key: string): string {
  const hex = createHash('sha1').update(key).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
