// The labels and annotations a PipelineRun and its TaskRuns carry once Tekton's webhooks and
// controllers have written them, worked out only when printing. Go's maps have no order;
// kubectl prints them sorted by key, which kubectl.ts does (sortedRecord).
//
// The PipelineRun: its own, less `chains.tekton.dev/*` annotations (PipelineRun.SetDefaults,
// at creation); its first reconcile sets `tekton.dev/pipeline`
// (propagatePipelineNameLabelToPipelineRun), and once it fetches the Pipeline merges the
// Pipeline's labels and annotations under the run's own (storePipelineSpecAndMergeMeta).
//
// A TaskRun, made by createTaskRun, the first of a key winning (addMetadataByPrecedence):
// its `taskRunSpecs` entry's metadata, then the PipelineRun's labels with the ones the
// controller adds (createChildResourceLabels) and its annotations
// (createChildResourceAnnotations), then an embedded taskSpec's metadata
// (combineTaskRunAndTaskSpecLabels, combineTaskRunAndTaskSpecAnnotations); createTaskRun
// then marks `onError: continue`. The TaskRun webhook adds the managed-by label and drops
// reserved annotations (TaskRun.SetDefaults); the TaskRun's first reconcile merges the
// referenced Task's labels and annotations under its own and sets `tekton.dev/task`
// (storeTaskSpecAndMergeMeta).
//
// createTaskRun also sets the affinity assistant's annotation (plan/affinity-assistant.ts).
// Not printed: the TaskRun reconciler's `pipeline.tekton.dev/release` (the controller
// build's commit) and tracing's span context.
import type { MetadataRules } from '../model/profiles.js';
import { DEFAULT_PROFILE, PROFILES } from '../model/profiles.js';
import type { RunView, TaskRunView } from '../model/status.js';
import type { ObjectMeta, PipelineRunSpec } from '../model/tekton-types.js';
import { TEKTON_DEFAULT_MANAGED_BY_LABEL_VALUE } from '../model/tekton-config.js';
import { stringMap } from '../plan/metadata-sources.js';

export interface Metadata {
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** What the formatter knows of the PipelineRun as written. */
export interface RunInput {
  metadata: ObjectMeta;
  spec: PipelineRunSpec;
}

const LABEL_PIPELINE = 'tekton.dev/pipeline';
const LABEL_PIPELINE_RUN = 'tekton.dev/pipelineRun';
const LABEL_PIPELINE_RUN_UID = 'tekton.dev/pipelineRunUID';
const LABEL_PIPELINE_TASK = 'tekton.dev/pipelineTask';
const LABEL_MEMBER_OF = 'tekton.dev/memberOf';
const LABEL_TASK = 'tekton.dev/task';
const LABEL_MANAGED_BY = 'app.kubernetes.io/managed-by';
/** v1.PipelineTaskOnErrorAnnotation. */
const ANNOTATION_ON_ERROR = 'pipeline.tekton.dev/pipeline-task-on-error';
const ANNOTATION_AFFINITY_ASSISTANT = 'pipeline.tekton.dev/affinity-assistant';
/** KubectlLastAppliedAnnotationKey. */
const ANNOTATION_LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/**
 * TektonReservedAnnotationExpr, `(chains.tekton.dev)/.*`: Go's MatchString finds it anywhere
 * in the key, and its dots match any character.
 */
const RESERVED_ANNOTATION = /(chains.tekton.dev)\/.*/;
/** names.SimpleNameGenerator's longest name. */
const MAX_NAME_LENGTH = 63;

/** A view not built from a Plan (a hand-made fixture) follows the default release. */
const DEFAULT_RULES = PROFILES[DEFAULT_PROFILE].metadata;

/**
 * The PipelineRun's labels and annotations as its reconciler holds them once it has fetched
 * the Pipeline: what every TaskRun is made from, whether or not the reconcile that made it
 * has written the PipelineRun back yet.
 */
export function reconciledPipelineRunMetadata(view: RunView, run: RunInput): Metadata {
  return pipelineRunMetadataAfter('fetched', view, run);
}

/** The PipelineRun's labels and annotations as kubectl shows them. */
export function pipelineRunMetadata(view: RunView, run: RunInput): Metadata {
  // No reconcile has updated it yet: the run as the webhook let it in.
  if (view.pipelineRun.statusUnwritten) return pipelineRunMetadataAfter('created', view, run);
  // status.pipelineSpec is written by the same call that merges the Pipeline's metadata: a
  // run pending or cancelled from its creation never fetched it.
  if (view.pipelineRun.pipelineSpec === undefined)
    return pipelineRunMetadataAfter('named', view, run);
  return pipelineRunMetadataAfter('fetched', view, run);
}

function pipelineRunMetadataAfter(
  stage: 'created' | 'named' | 'fetched',
  view: RunView,
  run: RunInput,
): Metadata {
  const rules = view.metadataSources?.rules ?? DEFAULT_RULES;
  let labels: Record<string, string> = { ...run.metadata.labels };
  let annotations = created(run.metadata.annotations ?? {}, rules);
  if (stage === 'created') return { labels, annotations };
  if (rules.pipelineLabel === 'always-set' || !(LABEL_PIPELINE in labels))
    labels[LABEL_PIPELINE] = propagatedPipelineName(view, run, rules);
  if (stage === 'named') return { labels, annotations };
  const pipeline = view.metadataSources?.pipeline;
  // GetPipelineData: an embedded spec's metadata is the run's own, which adds nothing. (A
  // view not built from a Plan knows the referenced Pipeline by its name alone.)
  const referenced = run.spec.pipelineRef?.name;
  const meta: ObjectMeta =
    pipeline ??
    (referenced
      ? { name: referenced }
      : { name: view.pipelineRunName, generateName: run.metadata.generateName });
  if (pipeline) {
    labels = { ...pipeline.labels, ...labels };
    annotations = { ...withoutLastApplied(pipeline.annotations, rules), ...annotations };
  }
  const name = meta.name ?? '';
  const keepsLabel =
    rules.pipelineLabel === 'generate-name' && Boolean(meta.generateName) && labels[LABEL_PIPELINE];
  if (name !== '' && !keepsLabel) labels[LABEL_PIPELINE] = name;
  return { labels, annotations };
}

export function taskRunMetadata(
  taskRun: TaskRunView,
  view: RunView,
  run: RunInput,
  pipelineRun: Metadata,
): Metadata {
  const rules = view.metadataSources?.rules ?? DEFAULT_RULES;
  const sources = view.metadataSources?.tasks.get(taskRun.pipelineTaskName);
  const override = taskRunSpecMetadata(run.spec, taskRun.pipelineTaskName);
  const labels: Record<string, string> = {};
  addAbsent(labels, stringMap(override?.labels));
  addAbsent(labels, childLabels(taskRun, view, run, pipelineRun, rules));
  addAbsent(labels, sources?.taskSpec?.labels);
  let annotations: Record<string, string> = {};
  addAbsent(annotations, stringMap(override?.annotations));
  // createChildResourceAnnotations drops reserved keys, as the webhook does below anyway.
  addAbsent(annotations, pipelineRun.annotations);
  addAbsent(annotations, sources?.taskSpec?.annotations);
  if (sources?.onErrorContinue) annotations[ANNOTATION_ON_ERROR] = 'continue';
  if (sources?.affinityAssistant)
    annotations[ANNOTATION_AFFINITY_ASSISTANT] = sources.affinityAssistant;
  // The TaskRun webhook, at creation.
  if (!(LABEL_MANAGED_BY in labels))
    labels[LABEL_MANAGED_BY] =
      view.metadataSources?.managedBy ?? TEKTON_DEFAULT_MANAGED_BY_LABEL_VALUE;
  annotations = created(annotations, rules);
  // Its first reconcile's prepare; until that reconcile writes, the TaskRun is as created.
  if (taskRun.statusUnwritten) return { labels, annotations };
  return withFetchedTask(labels, annotations, taskRun, sources, rules);
}

/** createChildResourceLabels: the PipelineRun's labels, then what marks its child. */
function childLabels(
  taskRun: TaskRunView,
  view: RunView,
  run: RunInput,
  pipelineRun: Metadata,
  rules: MetadataRules,
): Record<string, string> {
  const labels: Record<string, string> = {
    ...pipelineRun.labels,
    [LABEL_PIPELINE_RUN]: view.pipelineRunName,
  };
  // The uid the PipelineRun is printed with; the simulator knows it only if it was given one.
  if (rules.pipelineRunUidLabel && run.metadata.uid)
    labels[LABEL_PIPELINE_RUN_UID] = run.metadata.uid;
  labels[LABEL_PIPELINE_TASK] = taskRun.pipelineTaskName;
  labels[LABEL_MEMBER_OF] = taskRun.isFinally ? 'finally' : 'tasks';
  return labels;
}

/** propagatePipelineNameLabelToPipelineRun, for the references the simulator can run. */
function propagatedPipelineName(view: RunView, run: RunInput, rules: MetadataRules): string {
  const referenced = run.spec.pipelineRef?.name;
  if (referenced) return referenced;
  const generateName = run.metadata.generateName;
  if (rules.pipelineLabel === 'generate-name' && generateName)
    return restrictLength(generateName) || view.pipelineRunName;
  return view.pipelineRunName;
}

/** names.SimpleNameGenerator.RestrictLength: at most 63 characters, ending alphanumeric. */
function restrictLength(base: string): string {
  return base.slice(0, MAX_NAME_LENGTH).replace(/[^a-zA-Z0-9]+$/, '');
}

/**
 * storeTaskSpecAndMergeMeta names the Task a TaskRun references (meta.Name): the loaded
 * Task's name, or the name it is referenced by when it was not loaded. A Task from a
 * resolver or a bundle, a ClusterTask or a custom task is left unnamed: the simulator does
 * not see what it resolves to.
 */
function referencedTaskName(
  taskRun: TaskRunView,
  task: ObjectMeta | undefined,
): string | undefined {
  const ref = taskRun.taskRef;
  if (!ref?.name || ref.resolver || ref.bundle || ref.apiVersion) return undefined;
  // Any kind names a namespaced Task (LocalTaskRefResolver), whose name the label takes.
  return task?.name ?? ref.name;
}

/**
 * storeTaskSpecAndMergeMeta, at the TaskRun's first reconcile: the fetched Task's labels and
 * annotations under the TaskRun's own, and `tekton.dev/task` naming the Task.
 */
function withFetchedTask(
  labels: Record<string, string>,
  annotations: Record<string, string>,
  taskRun: TaskRunView,
  sources: { task?: ObjectMeta } | undefined,
  rules: MetadataRules,
): Metadata {
  const task = sources?.task;
  let merged = { labels, annotations };
  if (task)
    merged = {
      labels: { ...task.labels, ...labels },
      annotations: { ...withoutLastApplied(task.annotations, rules), ...annotations },
    };
  const taskName = referencedTaskName(taskRun, task);
  if (taskName !== undefined) merged.labels[LABEL_TASK] = taskName;
  return merged;
}

/** GetTaskRunSpec: the last `taskRunSpecs` entry naming the task gives its metadata. */
function taskRunSpecMetadata(
  spec: PipelineRunSpec,
  pipelineTaskName: string,
): { labels?: unknown; annotations?: unknown } | undefined {
  let metadata: unknown;
  for (const entry of spec.taskRunSpecs ?? [])
    if (entry?.pipelineTaskName === pipelineTaskName) metadata = entry.metadata;
  return typeof metadata === 'object' && metadata !== null ? metadata : undefined;
}

/** What a webhook lets in at creation: no reserved annotation, in releases that drop them. */
function created(
  annotations: Record<string, string>,
  rules: MetadataRules,
): Record<string, string> {
  return rules.dropsReservedAnnotations ? withoutReserved(annotations) : { ...annotations };
}

function withoutReserved(annotations: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(annotations))
    if (!RESERVED_ANNOTATION.test(key)) kept[key] = value;
  return kept;
}

function withoutLastApplied(
  annotations: Record<string, string> | undefined,
  rules: MetadataRules,
): Record<string, string> {
  const copy = { ...annotations };
  if (rules.skipsLastApplied) delete copy[ANNOTATION_LAST_APPLIED];
  return copy;
}

/** addMetadataByPrecedence: a key already there keeps its value. */
function addAbsent(
  target: Record<string, string>,
  added: Record<string, string> | undefined,
): void {
  for (const [key, value] of Object.entries(added ?? {})) if (!(key in target)) target[key] = value;
}

/**
 * A standalone TaskRun's labels and annotations: its own, with the managed-by label the
 * webhook adds and reserved annotations dropped (TaskRun.SetDefaults); once its first
 * reconcile has fetched the Task, the referenced Task's labels and annotations under its own
 * and `tekton.dev/task` (storeTaskSpecAndMergeMeta). None of the `tekton.dev/pipelineRun`,
 * `pipelineTask` or `memberOf` labels: no PipelineRun made it.
 */
export function standaloneTaskRunMetadata(
  taskRun: TaskRunView,
  view: RunView,
  own: ObjectMeta,
  fetchedTask: boolean,
): Metadata {
  const rules = view.metadataSources?.rules ?? DEFAULT_RULES;
  const sources = view.metadataSources?.tasks.get(taskRun.pipelineTaskName);
  const labels: Record<string, string> = { ...own.labels };
  if (!(LABEL_MANAGED_BY in labels))
    labels[LABEL_MANAGED_BY] =
      view.metadataSources?.managedBy ?? TEKTON_DEFAULT_MANAGED_BY_LABEL_VALUE;
  const annotations = created(own.annotations ?? {}, rules);
  if (taskRun.statusUnwritten || !fetchedTask) return { labels, annotations };
  return withFetchedTask(labels, annotations, taskRun, sources, rules);
}
