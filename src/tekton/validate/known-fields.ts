// The fields Tekton's v1 API defines, per object, for the unknown-field lint. Tekton's CRDs
// preserve unknown fields and its Go decoder drops them, so a misspelt `runAftr` is silently
// ignored by a real cluster; we warn instead. Sources: tektoncd/pipeline
// pkg/apis/pipeline/v1 (pipeline_types.go, pipelinerun_types.go, task_types.go,
// container_types.go, when_types.go, param_types.go).

export const KNOWN_FIELDS = {
  PipelineSpec: [
    'displayName',
    'description',
    'tasks',
    'params',
    'workspaces',
    'results',
    'finally',
  ],
  PipelineTask: [
    'name',
    'displayName',
    'description',
    'taskRef',
    'taskSpec',
    'when',
    'onError',
    'retries',
    'runAfter',
    'params',
    'matrix',
    'workspaces',
    'timeout',
    'pipelineRef',
    'pipelineSpec',
  ],
  PipelineRunSpec: [
    'pipelineRef',
    'pipelineSpec',
    'params',
    'status',
    'timeouts',
    'taskRunTemplate',
    'workspaces',
    'taskRunSpecs',
    'managedBy',
  ],
  TaskSpec: [
    'params',
    'displayName',
    'description',
    'steps',
    'volumes',
    'stepTemplate',
    'sidecars',
    'workspaces',
    'results',
  ],
  /** A pipeline task's `taskSpec` is an EmbeddedTask: a TaskSpec plus type and metadata. */
  EmbeddedTask: [
    'params',
    'displayName',
    'description',
    'steps',
    'volumes',
    'stepTemplate',
    'sidecars',
    'workspaces',
    'results',
    'apiVersion',
    'kind',
    'spec',
    'metadata',
  ],
  Step: [
    'name',
    'displayName',
    'image',
    'command',
    'args',
    'workingDir',
    'env',
    'envFrom',
    'computeResources',
    'volumeMounts',
    'volumeDevices',
    'imagePullPolicy',
    'securityContext',
    'script',
    'timeout',
    'workspaces',
    'onError',
    'stdoutConfig',
    'stderrConfig',
    'ref',
    'params',
    'results',
    'when',
  ],
  WhenExpression: ['input', 'operator', 'values', 'cel'],
  Param: ['name', 'value'],
  TimeoutFields: ['pipeline', 'tasks', 'finally'],
  PipelineTaskRunSpec: [
    'pipelineTaskName',
    'serviceAccountName',
    'podTemplate',
    'stepSpecs',
    'sidecarSpecs',
    'metadata',
    'computeResources',
    'timeout',
  ],
} as const satisfies Record<string, readonly string[]>;

export type KnownObject = keyof typeof KNOWN_FIELDS;

/**
 * The objects whose v1beta1 form still has a `resources` field (PipelineResources, removed):
 * the v1beta1 webhook refuses it (v1beta1-removed-fields.ts) rather than not knowing it.
 */
export const V1BETA1_RESOURCES_OWNERS: ReadonlySet<KnownObject> = new Set<KnownObject>([
  'PipelineSpec',
  'PipelineTask',
  'PipelineRunSpec',
  'TaskSpec',
  'EmbeddedTask',
]);
