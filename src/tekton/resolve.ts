// References between loaded documents: a PipelineRun's pipelineRef and each pipeline task's
// taskRef, looked up by name among what was loaded, as Tekton's in-cluster lookup would.
// Whatever lives elsewhere (resolvers, bundles, ClusterTasks, custom tasks, Tasks in other
// files) becomes an opaque task with a note: the simulator can still schedule it, it just
// cannot see its steps. Only a missing Pipeline stops us, as there is nothing to simulate.
import type { Diagnostic, SourceLocation } from './diagnostics.js';
import { InputError } from './diagnostics.js';
import { locateField } from './convert.js';
import type { LoadedSet } from './load.js';
import type {
  PipelineResource,
  PipelineRunResource,
  TaskRunResource,
  TektonResource,
  YamlPath,
} from './resource.js';
import type {
  ObjectMeta,
  ObjectRef,
  PipelineSpec,
  PipelineTask,
  StepActionSpec,
  TaskSpec,
} from './types.js';

/** Where a pipeline spec was written: a Pipeline's `spec` or a PipelineRun's `spec.pipelineSpec`. */
export interface PipelineSource {
  /** A TaskRun stands here for its own Task, as if it were a pipeline of one task. */
  resource: PipelineResource | PipelineRunResource | TaskRunResource;
  /** Tekton field path of the spec in that resource: `spec` or `spec.pipelineSpec`. */
  fieldPath: string;
  /** The same as a path in the document. */
  path: YamlPath;
}

export interface ResolvedTask {
  /** The Task's spec, when we can see it (a loaded Task or an embedded taskSpec). */
  spec?: TaskSpec;
  /** The referenced Task's name (taskRef.name). */
  taskName?: string;
  /** The referenced Task's metadata, whose labels and annotations its TaskRuns take. */
  metadata?: ObjectMeta;
  /** Why we cannot see inside, e.g. `resolver git`, `bundle`, `ClusterTask`. */
  opaque?: string;
  /** Where `spec` was written: the Task (`spec`) or the pipeline (`spec.tasks[0].taskSpec`). */
  specSource?: { resource: TektonResource; fieldPath: string };
  /** The loaded StepActions its steps use by `ref.name`, by name. */
  stepActions?: Map<string, StepActionSpec>;
}

export interface ResolvedPipelineRun {
  run: PipelineRunResource;
  /** pipelineRef.name; absent for an embedded pipelineSpec. */
  pipelineName?: string;
  pipeline: PipelineSpec;
  pipelineSource?: PipelineSource;
  /** By pipeline task name, for `tasks` and `finally` alike. */
  tasks: Map<string, ResolvedTask>;
  /** Notes about opaque tasks and ambiguous names. */
  diagnostics: Diagnostic[];
}

export interface ResolvedPipelineTasks {
  tasks: Map<string, ResolvedTask>;
  diagnostics: Diagnostic[];
}

/** The PipelineRun's pipeline and tasks. Throws an InputError when the Pipeline is not at hand. */
export function resolvePipelineRun(set: LoadedSet, run: PipelineRunResource): ResolvedPipelineRun {
  const { pipeline, pipelineName, pipelineSource } = findPipeline(set, run);
  const { tasks, diagnostics } = resolvePipelineTasks(set, pipeline, pipelineSource);
  return { run, pipelineName, pipeline, pipelineSource, tasks, diagnostics };
}

/** Resolves the taskRefs of one pipeline spec (also for Pipelines no PipelineRun uses). */
export function resolvePipelineTasks(
  set: LoadedSet,
  pipeline: PipelineSpec,
  source: PipelineSource,
): ResolvedPipelineTasks {
  const tasks = new Map<string, ResolvedTask>();
  const diagnostics: Diagnostic[] = [];
  for (const list of ['tasks', 'finally'] as const) {
    (pipeline[list] ?? []).forEach((pipelineTask, index) => {
      const fieldPath = `${list}[${index}]`;
      const resolved = resolveTask(set, pipelineTask, source, fieldPath);
      diagnostics.push(...resolveStepActionRefs(set, pipelineTask.name, resolved.task));
      // Duplicate names are validation's to report; the first one wins here.
      if (!tasks.has(pipelineTask.name)) tasks.set(pipelineTask.name, resolved.task);
      if (resolved.note) {
        diagnostics.push({
          severity: 'note',
          message: resolved.note,
          fieldPath: `${source.fieldPath}.${resolved.fieldPath}`,
          location: locateInPipeline(source, resolved.fieldPath),
          resource: label(source.resource),
        });
      }
    });
  }
  return { tasks, diagnostics };
}

export interface ResolvedTaskRun {
  run: TaskRunResource;
  /** Its Task: a loaded Task (taskRef.name), its embedded taskSpec, or opaque. */
  task: ResolvedTask;
  /** Notes about an opaque Task or the StepActions its steps use. */
  diagnostics: Diagnostic[];
}

/**
 * A TaskRun's Task, looked up as a pipeline task's is (the TaskRun reconciler's GetTaskData
 * resolves a taskRef by name in the TaskRun's namespace), at the TaskRun's own paths:
 * `spec.taskRef`, `spec.taskSpec`.
 */
export function resolveTaskRun(set: LoadedSet, run: TaskRunResource): ResolvedTaskRun {
  const source: PipelineSource = { resource: run, fieldPath: 'spec', path: ['spec'] };
  const asTask = {
    name: run.metadata.name,
    taskRef: run.spec.taskRef,
    taskSpec: run.spec.taskSpec,
  };
  const resolved = resolveTask(set, asTask as PipelineTask, source, '');
  const diagnostics = resolveStepActionRefs(set, run.metadata.name, resolved.task);
  if (resolved.note) {
    diagnostics.push({
      severity: 'note',
      message: resolved.note.replace(/^pipeline task "[^"]*"/, `TaskRun "${run.metadata.name}"`),
      fieldPath: joinPath(source.fieldPath, resolved.fieldPath),
      location: locateInPipeline(source, resolved.fieldPath),
      resource: label(run),
    });
  }
  return { run, task: resolved.task, diagnostics };
}

/** A run `tekton-sim run` simulates: a PipelineRun or a TaskRun. */
export type SelectedRun = PipelineRunResource | TaskRunResource;

/**
 * The run to simulate. `--pipelinerun NAME` names a PipelineRun and `--taskrun NAME` a
 * TaskRun (not both); with neither, the files must hold exactly one of the two kinds
 * together. Files without TaskRuns keep selectPipelineRun's words.
 */
export function selectRun(
  set: LoadedSet,
  names: { pipelineRun?: string; taskRun?: string },
): SelectedRun {
  if (names.pipelineRun !== undefined && names.taskRun !== undefined)
    throw new InputError({
      severity: 'error',
      message: `--pipelinerun and --taskrun both name a run; give one (PipelineRun "${names.pipelineRun}" or TaskRun "${names.taskRun}")`,
    });
  if (names.taskRun !== undefined) {
    const found = set.taskRuns.find((run) => run.metadata.name === names.taskRun);
    if (found) return found;
    throw new InputError({
      severity: 'error',
      message: `no TaskRun named "${names.taskRun}" in ${describeFiles(set)}; ${describeNames(
        'TaskRuns',
        set.taskRuns.map((run) => run.metadata.name),
      )}`,
    });
  }
  const refusedTaskRuns = set.rejected.filter((item) => item.kind === 'TaskRun');
  if (set.pipelineRuns.length === 0 && set.taskRuns.length === 0 && refusedTaskRuns.length > 0) {
    // A TaskRun the API server would refuse (a field of the wrong type) is left out: its
    // errors say why there is no run.
    const loadErrors = set.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    throw new InputError([
      ...loadErrors,
      {
        severity: 'error',
        message: `no PipelineRun or TaskRun to simulate in ${describeFiles(set)}: the TaskRun was not loaded because of the errors above`,
      },
    ]);
  }
  if (names.pipelineRun !== undefined || set.taskRuns.length === 0)
    return selectPipelineRun(set, names.pipelineRun);
  const runs = set.pipelineRuns.length + set.taskRuns.length;
  if (runs === 1) return set.pipelineRuns[0] ?? set.taskRuns[0];
  const listed = [
    set.pipelineRuns.length > 0
      ? `PipelineRuns ${set.pipelineRuns.map((run) => run.metadata.name).join(', ')}`
      : undefined,
    `TaskRuns ${set.taskRuns.map((run) => run.metadata.name).join(', ')}`,
  ].filter(Boolean);
  const how =
    set.pipelineRuns.length > 0 ? '--pipelinerun NAME or --taskrun NAME' : '--taskrun NAME';
  throw new InputError({
    severity: 'error',
    message: `${runs} runs in ${describeFiles(set)}: ${listed.join('; ')}; choose one with ${how}`,
  });
}

/** The PipelineRun to simulate: the named one, or the only one. */
export function selectPipelineRun(set: LoadedSet, name?: string): PipelineRunResource {
  const names = set.pipelineRuns.map((run) => run.metadata.name);
  if (name !== undefined) {
    const found = set.pipelineRuns.find((run) => run.metadata.name === name);
    if (found) return found;
    throw new InputError({
      severity: 'error',
      message: `no PipelineRun named "${name}" in ${describeFiles(set)}${taskRunNote(set, name)}; ${describeNames('PipelineRuns', names)}`,
    });
  }
  if (set.pipelineRuns.length === 1) return set.pipelineRuns[0];
  if (set.pipelineRuns.length === 0) {
    const pipelines = set.pipelines.map((pipeline) => pipeline.metadata.name);
    const hint =
      pipelines.length > 0
        ? `; ${describeNames('Pipelines', pipelines)}, add a PipelineRun that uses one`
        : '';
    // A PipelineRun refused while loading (a field of the wrong type) is left out of the set;
    // its errors say why there is none, which "no PipelineRun" alone would hide.
    const loadErrors = set.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    throw new InputError([
      ...loadErrors,
      {
        severity: 'error',
        message: `no PipelineRun in ${describeFiles(set)}${hint}${taskRunNote(set)}`,
      },
    ]);
  }
  throw new InputError({
    severity: 'error',
    message: `${set.pipelineRuns.length} PipelineRuns in ${describeFiles(set)}: ${names.join(', ')}; choose one with --pipelinerun NAME`,
  });
}

/**
 * Where a PipelineRun is wanted (a Scenario's pipelineRun, check, report, `--pipelinerun`)
 * but the name, or the files, hold TaskRuns: say that only `run --taskrun` simulates those.
 */
function taskRunNote(set: LoadedSet, name?: string): string {
  const taskRuns = set.taskRuns.map((run) => run.metadata.name);
  if (name !== undefined)
    return taskRuns.includes(name)
      ? ` ("${name}" is a TaskRun: \`tekton-sim run --taskrun ${name}\` simulates it; Scenarios, check and report take PipelineRuns only)`
      : '';
  if (taskRuns.length === 0) return '';
  return `; the TaskRuns here (${taskRuns.join(', ')}) are simulated by \`tekton-sim run --taskrun NAME\`, not by a Scenario, check or report`;
}

/** file:line:column of a field of a pipeline spec, given relative to the spec (`tasks[0].name`). */
export function locateInPipeline(
  source: PipelineSource,
  relativeFieldPath: string,
): SourceLocation {
  const separator = relativeFieldPath === '' || relativeFieldPath.startsWith('[') ? '' : '.';
  return locateField(source.resource, `${source.fieldPath}${separator}${relativeFieldPath}`);
}

interface FoundPipeline {
  pipeline: PipelineSpec;
  pipelineName?: string;
  pipelineSource: PipelineSource;
}

function findPipeline(set: LoadedSet, run: PipelineRunResource): FoundPipeline {
  const { pipelineRef, pipelineSpec } = run.spec;
  if (pipelineSpec && !pipelineRef) {
    return {
      pipeline: pipelineSpec,
      pipelineSource: {
        resource: run,
        fieldPath: 'spec.pipelineSpec',
        path: ['spec', 'pipelineSpec'],
      },
    };
  }
  const refError = (message: string, fieldPath: string): InputError =>
    new InputError({
      severity: 'error',
      message: `cannot simulate PipelineRun "${run.metadata.name}": ${message}`,
      fieldPath,
      location: locateField(run, fieldPath),
      resource: label(run),
    });
  if (!pipelineRef) {
    const message = pipelineSpec
      ? 'both pipelineRef and pipelineSpec are set'
      : 'it has neither pipelineRef nor pipelineSpec';
    throw refError(message, 'spec');
  }
  const elsewhere = describeRemoteRef(pipelineRef);
  if (elsewhere) {
    throw refError(
      `its Pipeline comes from ${elsewhere}, which the simulator cannot fetch; ` +
        'load the Pipeline from a file and refer to it with pipelineRef.name',
      'spec.pipelineRef',
    );
  }
  if (!pipelineRef.name) throw refError('pipelineRef has no name', 'spec.pipelineRef');
  const found = findByName(set.pipelines, pipelineRef.name, run);
  if (!found) {
    const rejected = set.rejected.some(
      (item) => item.kind === 'Pipeline' && item.name === pipelineRef.name,
    );
    const why = rejected
      ? 'was not loaded because of the errors reported for it'
      : `is not among the loaded files (${describeNames(
          'Pipelines',
          set.pipelines.map((p) => p.metadata.name),
        )})`;
    throw refError(`Pipeline "${pipelineRef.name}" ${why}`, 'spec.pipelineRef.name');
  }
  return {
    pipeline: found.spec,
    pipelineName: found.metadata.name,
    pipelineSource: { resource: found, fieldPath: 'spec', path: ['spec'] },
  };
}

interface TaskResolution {
  task: ResolvedTask;
  /** A note for the user, about the field at `fieldPath` (relative to the pipeline spec). */
  note?: string;
  fieldPath: string;
}

function resolveTask(
  set: LoadedSet,
  pipelineTask: PipelineTask,
  source: PipelineSource,
  taskPath: string,
): TaskResolution {
  const opaque = (reason: string, fieldPath: string): TaskResolution => ({
    task: { opaque: reason },
    note: `pipeline task "${pipelineTask.name}": ${reason}; the simulator cannot see its steps or results`,
    fieldPath,
  });
  if (pipelineTask.pipelineRef || pipelineTask.pipelineSpec) {
    const field = pipelineTask.pipelineRef ? 'pipelineRef' : 'pipelineSpec';
    return opaque(`pipeline in a pipeline (${field}, alpha TEP-0056)`, `${taskPath}.${field}`);
  }
  const { taskRef, taskSpec } = pipelineTask;
  if (taskSpec) {
    const fieldPath = joinPath(taskPath, 'taskSpec');
    if (taskSpec.apiVersion && taskSpec.kind)
      return opaque(`custom task ${taskSpec.apiVersion} ${taskSpec.kind}`, fieldPath);
    return {
      task: {
        spec: taskSpec,
        specSource: { resource: source.resource, fieldPath: joinPath(source.fieldPath, fieldPath) },
      },
      fieldPath,
    };
  }
  const refPath = joinPath(taskPath, 'taskRef');
  if (!taskRef) return opaque('neither taskRef nor taskSpec', taskPath);
  // Tekton's own test for a custom task: a taskRef with both apiVersion and kind.
  if (taskRef.apiVersion && taskRef.kind)
    return opaque(`custom task ${taskRef.apiVersion} ${taskRef.kind}`, refPath);
  const elsewhere = describeRemoteRef(taskRef);
  if (elsewhere) {
    const reason = taskRef.resolver ? `resolver ${taskRef.resolver}` : 'bundle';
    return {
      ...opaque(reason, refPath),
      note: opaqueNote(pipelineTask, `its Task comes from ${elsewhere}`),
    };
  }
  if (taskRef.kind === 'ClusterTask') return opaque('ClusterTask', refPath);
  // Any other kind without an apiVersion names a namespaced Task: GetTaskFunc's
  // LocalTaskRefResolver.GetTask (pkg/reconciler/taskrun/resources/taskref.go) reads
  // Tasks(namespace).Get(name) whatever the kind says (beta/emit-array-results.yaml: `task`).
  if (!taskRef.name) return opaque('taskRef without a name', refPath);
  const found = findByName(set.tasks, taskRef.name, source.resource);
  if (!found) {
    const rejected = set.rejected.some(
      (item) => item.kind === 'Task' && item.name === taskRef.name,
    );
    const reason = rejected
      ? `Task "${taskRef.name}" was not loaded because of the errors reported for it`
      : `Task "${taskRef.name}" not among the loaded files`;
    return opaque(reason, `${refPath}.name`);
  }
  return {
    task: {
      spec: found.spec,
      taskName: found.metadata.name,
      metadata: found.metadata,
      specSource: { resource: found, fieldPath: 'spec' },
    },
    fieldPath: refPath,
  };
}

/**
 * The StepActions a task's steps use, looked up by name in the Task's namespace as Tekton's
 * LocalStepActionRefResolver does; a note for each step whose StepAction is not among the
 * loaded files or comes from a resolver: such a step runs as an unknown command taking no time.
 */
function resolveStepActionRefs(
  set: LoadedSet,
  pipelineTaskName: string,
  task: ResolvedTask,
): Diagnostic[] {
  const source = task.specSource;
  if (!task.spec || !source) return [];
  const diagnostics: Diagnostic[] = [];
  (task.spec.steps ?? []).forEach((step, index) => {
    const ref = step?.ref;
    if (!ref || typeof ref !== 'object') return;
    const fieldPath = `${source.fieldPath}.steps[${index}].ref`;
    const note = (what: string, path: string) =>
      diagnostics.push({
        severity: 'note',
        message:
          `pipeline task "${pipelineTaskName}" step "${step.name ?? index}": ${what}; ` +
          'the simulator runs the step as an unknown command taking no time',
        fieldPath: path,
        location: locateField(source.resource, path),
        resource: label(source.resource),
      });
    const elsewhere = describeRemoteRef({ resolver: ref.resolver, params: ref.params });
    if (elsewhere || ref.params) {
      note(`its StepAction comes from ${elsewhere ?? 'a resolver'}`, fieldPath);
      return;
    }
    if (!ref.name) return;
    const found = findByName(set.stepActions, ref.name, source.resource);
    if (!found) {
      note(
        `StepAction "${ref.name}" not among the loaded files (${describeNames(
          'StepActions',
          set.stepActions.map((action) => action.metadata.name),
        )})`,
        `${fieldPath}.name`,
      );
      return;
    }
    task.stepActions ??= new Map();
    task.stepActions.set(ref.name, found.spec);
  });
  return diagnostics;
}

function opaqueNote(pipelineTask: PipelineTask, what: string): string {
  return `pipeline task "${pipelineTask.name}": ${what}; the simulator cannot see its steps or results`;
}

/** `the "git" resolver (url=..., pathInRepo=...)` or `bundle ...` for refs we cannot follow. */
function describeRemoteRef(ref: ObjectRef): string | undefined {
  if (ref.resolver) {
    const params = (ref.params ?? [])
      .filter((param) => typeof param.value === 'string')
      .map((param) => `${param.name}=${param.value as string}`);
    return `the "${ref.resolver}" resolver${params.length > 0 ? ` (${params.join(', ')})` : ''}`;
  }
  if (ref.bundle) return `bundle ${ref.bundle}${ref.name ? ` (${ref.name})` : ''}`;
  return undefined;
}

/**
 * Tekton looks names up in the referrer's namespace. Documents without a namespace land in
 * whatever namespace they are applied to, so they match any; among matches the one in the
 * referrer's own file wins, then the first loaded.
 */
function findByName<T extends Pick<TektonResource, 'metadata' | 'source'>>(
  candidates: readonly T[],
  name: string,
  referrer: TektonResource,
): T | undefined {
  const namespace = referrer.metadata.namespace;
  const matches = candidates.filter(
    (candidate) =>
      candidate.metadata.name === name &&
      (namespace === undefined ||
        candidate.metadata.namespace === undefined ||
        candidate.metadata.namespace === namespace),
  );
  return matches.find((candidate) => candidate.source.file === referrer.source.file) ?? matches[0];
}

/** `a.b`, or `b` alone under the root (a TaskRun's Task is at `spec.taskRef`, not under a task). */
function joinPath(parent: string, child: string): string {
  return parent === '' ? child : `${parent}.${child}`;
}

function label(resource: TektonResource): string {
  return `${resource.kind}/${resource.metadata.name}`;
}

function describeNames(kindPlural: string, names: string[]): string {
  if (names.length === 0) return `no ${kindPlural} loaded`;
  return `loaded ${kindPlural}: ${names.join(', ')}`;
}

function describeFiles(set: LoadedSet): string {
  if (set.files.length === 0) return 'the loaded files';
  if (set.files.length <= 3) return set.files.join(', ');
  return `${set.files.length} files`;
}

/** file:line:column of a field of a resolved task's spec (`steps[0].image`), when we have its spec. */
export function locateInTask(
  task: ResolvedTask,
  relativeFieldPath: string,
): SourceLocation | undefined {
  if (!task.specSource) return undefined;
  const separator = relativeFieldPath === '' || relativeFieldPath.startsWith('[') ? '' : '.';
  return locateField(
    task.specSource.resource,
    `${task.specSource.fieldPath}${separator}${relativeFieldPath}`,
  );
}
