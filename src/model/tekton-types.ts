// Tekton's API objects as the simulator reads them, always in their tekton.dev/v1 shape
// (v1beta1 input is converted on load, as Tekton's controller does). Only the fields that
// matter to scheduling, status or validation are typed; everything else passes through.
import { SpecStatus } from './reasons.js';

/** A param or result value: Tekton has string, array and object params. */
export type ParamValue = string | string[] | { [key: string]: string };

export interface Param {
  name: string;
  value: ParamValue;
}

export interface ParamSpec {
  name: string;
  type?: 'string' | 'array' | 'object';
  default?: ParamValue;
  enum?: string[];
  properties?: Record<string, { type?: string }>;
  description?: string;
}

export interface WhenExpression {
  input?: string;
  operator?: string;
  values?: string[];
  cel?: string;
}

export interface Step {
  name?: string;
  image?: string;
  script?: string;
  command?: string[];
  args?: string[];
  onError?: string;
  timeout?: string;
  /** A StepAction this step uses, by name among the loaded files or through a resolver. */
  ref?: StepRef;
  /** Values for the StepAction's params; only with `ref`. */
  params?: Param[];
  /** Step results (`$(step.results.R.path)`); a step with `ref` takes its StepAction's. */
  results?: StepResultSpec[];
  workingDir?: string;
  env?: unknown[];
  volumeMounts?: unknown[];
  securityContext?: unknown;
  /** Workspaces this step alone mounts (isolated workspaces), with an optional mountPath. */
  workspaces?: unknown[];
  /** Step `when` expressions: the entrypoint skips the step (exit 0) when one is false. */
  when?: WhenExpression[];
}

export interface StepRef {
  name?: string;
  resolver?: string;
  params?: Param[];
}

export interface StepResultSpec {
  name: string;
  type?: 'string' | 'array' | 'object';
  properties?: { [key: string]: { type?: string } };
  description?: string;
}

/**
 * A StepAction's spec (tekton.dev/v1alpha1 and v1beta1 alike): what a step that refers to it
 * takes in place of its own image, command, script and the rest.
 */
export interface StepActionSpec {
  description?: string;
  image?: string;
  command?: string[];
  args?: string[];
  script?: string;
  env?: unknown[];
  workingDir?: string;
  securityContext?: unknown;
  volumeMounts?: unknown[];
  params?: ParamSpec[];
  results?: StepResultSpec[];
}

export interface TaskResultSpec {
  name: string;
  type?: 'string' | 'array' | 'object';
  /** Keys of an object result; declaring them makes the type default to object. */
  properties?: { [key: string]: { type?: string } };
  description?: string;
}

export interface TaskSpec {
  params?: ParamSpec[];
  results?: TaskResultSpec[];
  steps?: Step[];
  /** Fields every step inherits unless it sets its own; only the image matters here. */
  stepTemplate?: { image?: string };
  sidecars?: Step[];
  workspaces?: unknown[];
  description?: string;
  /** A taskSpec with apiVersion+kind is a Custom Task spec. */
  apiVersion?: string;
  kind?: string;
}

/** taskRef / pipelineRef: by name among loaded documents, or something we cannot resolve here. */
export interface ObjectRef {
  name?: string;
  kind?: string;
  apiVersion?: string;
  resolver?: string;
  bundle?: string;
  params?: Param[];
}

export interface MatrixInclude {
  name?: string;
  params?: Param[];
}

export interface Matrix {
  params?: Param[];
  include?: MatrixInclude[];
}

export interface PipelineTask {
  name: string;
  displayName?: string;
  description?: string;
  taskRef?: ObjectRef;
  taskSpec?: TaskSpec;
  pipelineRef?: ObjectRef;
  pipelineSpec?: PipelineSpec;
  runAfter?: string[];
  params?: Param[];
  when?: WhenExpression[];
  retries?: number;
  timeout?: string;
  matrix?: Matrix;
  onError?: string;
  workspaces?: unknown[];
  /**
   * Not a Tekton field: an extension accepted from the seed documents. Each entry is a
   * CEL-style expression evaluated like `when: [{cel: ...}]`; validation warns about it.
   */
  runIf?: string[];
}

export interface PipelineResult {
  name: string;
  type?: string;
  description?: string;
  value: ParamValue;
}

export interface PipelineSpec {
  displayName?: string;
  description?: string;
  params?: ParamSpec[];
  tasks?: PipelineTask[];
  finally?: PipelineTask[];
  results?: PipelineResult[];
  workspaces?: unknown[];
}

export interface TimeoutFields {
  pipeline?: string;
  tasks?: string;
  finally?: string;
}

export interface TaskRunSpecOverride {
  pipelineTaskName: string;
  timeout?: string;
  serviceAccountName?: string;
  podTemplate?: unknown;
  computeResources?: unknown;
  metadata?: unknown;
}

/** The values of PipelineRun spec.status Tekton accepts (besides ""). */
export const PIPELINE_RUN_SPEC_STATUSES = [
  SpecStatus.Cancelled,
  SpecStatus.CancelledRunFinally,
  SpecStatus.StoppedRunFinally,
  SpecStatus.PipelineRunPending,
] as const;
export type PipelineRunSpecStatus = (typeof PIPELINE_RUN_SPEC_STATUSES)[number];

export interface PipelineRunSpec {
  pipelineRef?: ObjectRef;
  pipelineSpec?: PipelineSpec;
  params?: Param[];
  status?: string;
  timeouts?: TimeoutFields;
  taskRunSpecs?: TaskRunSpecOverride[];
  taskRunTemplate?: { serviceAccountName?: string; podTemplate?: unknown };
  workspaces?: unknown[];
  managedBy?: string;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export type TektonKind = 'Pipeline' | 'PipelineRun' | 'Task' | 'TaskRun';

/** The values of TaskRun spec.status Tekton accepts besides "" (TaskRunSpecStatusCancelled, ...Pending). */
export const TASK_RUN_SPEC_STATUSES = ['TaskRunCancelled', 'TaskRunPending'] as const;

/** A TaskRun's spec (taskrun_types.go TaskRunSpec), the fields the simulator reads typed. */
export interface TaskRunSpec {
  params?: Param[];
  serviceAccountName?: string;
  taskRef?: ObjectRef;
  taskSpec?: TaskSpec;
  status?: string;
  statusMessage?: string;
  retries?: number;
  timeout?: string;
  podTemplate?: unknown;
  workspaces?: unknown[];
  stepSpecs?: unknown[];
  sidecarSpecs?: unknown[];
  computeResources?: unknown;
  managedBy?: string;
}
