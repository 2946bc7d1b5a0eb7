// Tekton's exact strings, in one place (tekton-semantics.md 2.4, 4, 5.1, 5.2). Status
// messages and skip reasons are compared byte for byte by users' tooling, so none of these
// may be written anywhere else: every other file names them through these objects.
import { goQuoted } from './go-quote.js';

/** The one condition type Tekton's runs carry. */
export const SUCCEEDED_CONDITION = 'Succeeded';

/** PipelineRun spec.status values a user (or a scenario) can patch in (4). */
export const SpecStatus = {
  Cancelled: 'Cancelled',
  CancelledRunFinally: 'CancelledRunFinally',
  StoppedRunFinally: 'StoppedRunFinally',
  PipelineRunPending: 'PipelineRunPending',
} as const;

/** TaskRun spec.status the PipelineRun controller writes to cancel a TaskRun (4.1). */
export const TaskRunSpecStatus = {
  TaskRunCancelled: 'TaskRunCancelled',
  /** Only a standalone TaskRun is created pending (v1.TaskRunSpecStatusPending). */
  TaskRunPending: 'TaskRunPending',
} as const;

/** `$(tasks.X.status)` and `$(tasks.status)` values (tekton-semantics 1.4). */
export const ExecutionStatus = {
  Succeeded: 'Succeeded',
  Failed: 'Failed',
  Completed: 'Completed',
  None: 'None',
} as const;

/** Skip reasons, as they appear in PipelineRun status.skippedTasks[].reason. */
export const SkipReason = {
  WhenExpressions: 'When Expressions evaluated to false',
  ParentTasks: 'Parent Tasks were skipped',
  Stopping: 'PipelineRun was stopping',
  GracefullyCancelled: 'PipelineRun was gracefully cancelled',
  GracefullyStopped: 'PipelineRun was gracefully stopped',
  MissingResults: 'Results were missing',
  PipelineTimedOut: 'PipelineRun timeout has been reached',
  TasksTimedOut: 'PipelineRun Tasks timeout has been reached',
  FinallyTimedOut: 'PipelineRun Finally timeout has been reached',
  EmptyArrayInMatrixParams: 'Matrix Parameters have an empty array',
} as const;
export type SkipReason = (typeof SkipReason)[keyof typeof SkipReason];

/** Skips caused by a deadline count as SkippedDueToTimeout in the condition algorithm. */
export function isTimeoutSkip(reason: SkipReason): boolean {
  return (
    reason === SkipReason.PipelineTimedOut ||
    reason === SkipReason.TasksTimedOut ||
    reason === SkipReason.FinallyTimedOut
  );
}

/** PipelineRun `Succeeded` condition reasons. */
export const PipelineRunReason = {
  Started: 'Started',
  Running: 'Running',
  Succeeded: 'Succeeded',
  Completed: 'Completed',
  Failed: 'Failed',
  Cancelled: 'Cancelled',
  PipelineRunPending: 'PipelineRunPending',
  PipelineRunTimeout: 'PipelineRunTimeout',
  PipelineRunTimeoutRunningFinally: 'PipelineRunTimeoutRunningFinally',
  CancelledRunningFinally: 'CancelledRunningFinally',
  StoppedRunningFinally: 'StoppedRunningFinally',
  PipelineRunStopping: 'PipelineRunStopping',
  PipelineValidationFailed: 'PipelineValidationFailed',
  InvalidTaskResultReference: 'InvalidTaskResultReference',
  InvalidPipelineResultReference: 'InvalidPipelineResultReference',
  InvalidTaskRunSpecs: 'InvalidTaskRunSpecs',
  ParameterMissing: 'ParameterMissing',
  ParameterTypeMismatch: 'ParameterTypeMismatch',
  /** enable-param-enum: a param value outside its `enum`. */
  InvalidParamValue: 'InvalidParamValue',
  ObjectParameterMissKeys: 'ObjectParameterMissKeys',
  ParamArrayIndexingInvalid: 'ParamArrayIndexingInvalid',
  InvalidWorkspaceBindings: 'InvalidWorkspaceBindings',
  RequiredWorkspaceMarkedOptional: 'RequiredWorkspaceMarkedOptional',
  CELEvaluationFailed: 'CELEvaluationFailed',
  CouldntGetPipelineResult: 'CouldntGetPipelineResult',
  CreateRunFailed: 'CreateRunFailed',
  /** A matrix param of the wrong type, found when a matrixed task is about to be created. */
  InvalidMatrixParameterTypes: 'InvalidMatrixParameterTypes',
  PipelineInvalidGraph: 'PipelineInvalidGraph',
} as const;

/** TaskRun `Succeeded` condition reasons. */
export const TaskRunReason = {
  Started: 'Started',
  Running: 'Running',
  Succeeded: 'Succeeded',
  Failed: 'Failed',
  StepFailed: 'StepFailed',
  ToBeRetried: 'ToBeRetried',
  TaskRunCancelled: 'TaskRunCancelled',
  TaskRunTimeout: 'TaskRunTimeout',
  FailureIgnored: 'FailureIgnored',
  /** spec.status TaskRunPending (v1.TaskRunReasonPending); not the pod's `Pending`. */
  TaskRunPending: 'TaskRunPending',
  /** v1.TaskRunReasonFailedResolution: prepare could not resolve the Task or a StepAction. */
  TaskRunResolutionFailed: 'TaskRunResolutionFailed',
  /**
   * v1.TaskRunReasonFailedValidation: prepare refused the TaskRun (its params do not fit its
   * Task, or its workspace bindings: ValidateBindings, ValidateOnlyOnePVCIsUsed); also a finished attempt's results not as declared.
   */
  TaskRunValidationFailed: 'TaskRunValidationFailed',
  /** v1.TaskRunReasonInvalidParamValue: prepare's ValidateEnumParam refused a param's value. */
  InvalidParamValue: 'InvalidParamValue',
} as const;

/** spec.statusMessage the PipelineRun controller writes on the TaskRuns it cancels. */
export const CancelMessage = {
  Cancelled: 'TaskRun cancelled as the PipelineRun it belongs to has been cancelled.',
  TimedOut: 'TaskRun cancelled as the PipelineRun it belongs to has timed out.',
} as const;

/**
 * pipelineErrors.UserErrorLabel: MarkFailed puts it in front of the whole message when one of
 * its arguments is an error Tekton wrapped as the user's fault (LabelUserError).
 */
export const USER_ERROR_LABEL = '[User error] ';

/** The termination reason a kubelet gives a container that exited non-zero by itself. */
export const CONTAINER_ERROR_REASON = 'Error';

export const Messages = {
  pipelineRunCancelled: (name: string) => `PipelineRun "${name}" was cancelled`,
  pipelineRunPending: (name: string) => `PipelineRun "${name}" is pending`,
  pipelineTimedOut: (name: string, timeout: string) =>
    `PipelineRun "${name}" failed to finish within "${timeout}"`,
  tasksTimedOut: (name: string, timeout: string) =>
    `PipelineRun "${name}" failed due to tasks failed to finish within "${timeout}"`,
  taskRunTimedOut: (name: string, timeout: string) =>
    `TaskRun "${name}" failed to finish within "${timeout}"`,
  /** taskrun.go ReconcileKind, IsPending: MarkResourceOngoing(TaskRunReasonPending, ...). */
  taskRunPending: (name: string) => `TaskRun "${name}" is pending`,
  taskRunCancelled: (name: string, statusMessage: string) =>
    `TaskRun "${name}" was cancelled. ${statusMessage}`,
  /** taskrun.go appendPreviousConditionContext (v1.13+), after a cancel or timeout message. */
  previousStatus: (reason: string, message: string) => `\nPrevious status: [${reason}] ${message}`,
  allStepsCompleted: 'All Steps have completed executing',
  /** pkg/pod/status.go updateIncompleteTaskRunStatus, while the pod is Running. */
  notAllStepsFinished: 'Not all Steps in the Task have finished executing',
  /**
   * pkg/pod/status.go adds the container's termination reason when there is one; a kubelet
   * sets "Error" for any non-zero exit it did not cause itself (OOM and the like).
   */
  stepExited: (container: string, exitCode: number, terminationReason?: string) =>
    terminationReason
      ? `"${container}" exited with code ${exitCode}: ${terminationReason}`
      : `"${container}" exited with code ${exitCode}`,
  missingResultValidation: (producer: string, result: string, consumer: string) =>
    `task "${producer}" completed successfully but did not emit the result "${result}", which is referenced by task "${consumer}"`,
  stepTimedOut: (container: string) =>
    `"${container}" exited because the step exceeded the specified timeout limit`,
  /** pipelinerun.go wraps the CEL error with WrapUserError, so MarkFailed labels the message. */
  celEvaluationFailed: (pipelineRunName: string, error: string) =>
    `${USER_ERROR_LABEL}Error evaluating CEL ${pipelineRunName}: ${error}`,
  /** v0.40's resolveResultRef errors, which failed the whole run. */
  producerNotSuccessfulV040: (producer: string) =>
    `task "${producer}" referenced by result was not successful`,
  resultNotFoundV040: (producer: string, result: string) =>
    `Could not find result with name ${result} for task ${producer}`,
  /** The second half of CheckMissingResultReferences' errors, by what became of the producer. */
  producerHasNoTaskRuns: (producer: string) =>
    `Result reference error: Internal result ref "${producer}" has zero-length TaskRuns`,
  resultNotFound: (producer: string, result: string) =>
    `Invalid task result reference: Could not find result with name ${result} for pipeline task ${producer}`,
  /** CouldntGetPipelineResult: one name per bad reference, as ApplyTaskResultsToPipelineResults appends. */
  missingPipelineResults: (pipelineRunName: string, names: string[]) =>
    `Failed to get PipelineResult from TaskRun Results for PipelineRun ${pipelineRunName}: invalid pipelineresults [${names.join(' ')}], the referenced results don't exist`,
  /** ValidateRequiredParametersProvided's error is a user error, so MarkFailed labels the message. */
  parameterMissing: (
    namespace: string,
    runName: string,
    pipelineName: string,
    names: readonly string[],
  ) =>
    `${USER_ERROR_LABEL}PipelineRun ${namespace}/${runName} is missing some parameters required by Pipeline ${namespace}/${pipelineName}: pipelineRun missing parameters: [${names.join(' ')}]`,
  /** ValidateParamTypesMatching (a user error): `%s` of the names. */
  parameterTypeMismatch: (
    namespace: string,
    runName: string,
    pipelineName: string,
    names: readonly string[],
  ) =>
    `${USER_ERROR_LABEL}PipelineRun ${namespace}/${runName} parameters have mismatching types with Pipeline ${namespace}/${pipelineName}'s parameters: parameters have inconsistent types : [${names.join(' ')}]`,
  /** taskrun.ValidateEnumParam on the PipelineRun's params, a user error wrapped twice. */
  pipelineRunParamNotInEnum: (namespace: string, runName: string, name: string, value: string) =>
    `${USER_ERROR_LABEL}PipelineRun ${namespace}/${runName} parameters have invalid value: param \`${name}\` value: ${value} is not in the enum list`,
  /** createTaskRuns: ValidateEnumParam on a pipeline task's params against its Task's. */
  pipelineTaskParamNotInEnum: (pipelineTask: string, name: string, value: string) =>
    `${USER_ERROR_LABEL}Invalid param value from PipelineTask "${pipelineTask}": param \`${name}\` value: ${value} is not in the enum list`,
  /**
   * runNextSchedulableTask's MarkFailed for ValidateParameterTypesInMatrix: its format has two
   * verbs and one argument, so `%q` quotes the (user) error and `%v` prints Go's MISSING.
   */
  invalidMatrixParameterTypes: (error: string) =>
    `${USER_ERROR_LABEL}Failed to validate matrix ${goQuoted(error)} with error %!v(MISSING)`,
  /** ValidateParameterTypesInMatrix: matrix.params must be arrays, include params strings. */
  matrixParamNotArray: (param: string, type: string, pipelineTask: string) =>
    `parameters of type array only are allowed, but param "${param}" has type "${type}" in pipelineTask "${pipelineTask}"`,
  matrixIncludeParamNotString: (param: string, type: string, pipelineTask: string) =>
    `parameters of type string only are allowed, but param "${param}" has type "${type}" in pipelineTask "${pipelineTask}"`,
  /** resources.ValidateParamEnumSubset, reported as PipelineValidationFailed. */
  paramEnumNotSubset: (error: string) =>
    `${USER_ERROR_LABEL}Validation failed for pipelinerun with error ${error}`,
  /** ValidateObjectParamRequiredKeys (a user error): `%v` of the map of missing keys. */
  objectParameterMissKeys: (
    namespace: string,
    runName: string,
    pipelineName: string,
    missing: string,
  ) =>
    `${USER_ERROR_LABEL}PipelineRun ${namespace}/${runName} parameters is missing object keys required by Pipeline ${namespace}/${pipelineName}'s parameters: pipelineRun missing object keys for parameters: ${missing}`,
  /** ValidateParamArrayIndex -> ValidateOutOfBoundArrayParams (a user error). */
  paramArrayIndexingInvalid: (
    namespace: string,
    runName: string,
    pipelineName: string,
    references: readonly string[],
  ) =>
    `${USER_ERROR_LABEL}PipelineRun ${namespace}/${runName} failed validation: failed to validate Pipeline ${namespace}/${pipelineName}'s parameter which has an invalid index while referring to an array: non-existent param references:[${references.join(' ')}]`,
  /** ValidateWorkspaceBindings (a user error). */
  invalidWorkspaceBindings: (
    namespace: string,
    runName: string,
    pipelineName: string,
    workspace: string,
  ) =>
    `${USER_ERROR_LABEL}PipelineRun ${namespace}/${runName} doesn't bind Pipeline ${namespace}/${pipelineName}'s Workspaces correctly: pipeline requires workspace with name "${workspace}" be provided by pipelinerun`,
  /**
   * The TaskRun reconciler's ValidateResolvedTask, as MarkResourceFailed writes it (a user
   * error); the task's name is the Task's (a taskRef), empty for an embedded taskSpec.
   */
  taskRunInvalidParams: (taskName: string, error: string) =>
    `${USER_ERROR_LABEL}invalid input params for task ${taskName}: ${error}`,
  invalidTaskParams: (runName: string, taskName: string, error: string) =>
    `${USER_ERROR_LABEL}Validation failed for pipelinerun ${runName} with error invalid input params for task ${taskName}: ${error}`,
  /**
   * handleRunCreationError: the API server's answer when the TaskRun webhook refuses the
   * TaskRun (knative FieldErrors, one per line, `message: path`).
   */
  taskRunRefused: (fieldErrors: readonly string[]) =>
    `admission webhook "validation.webhook.pipeline.tekton.dev" denied the request: validation failed: ${fieldErrors.join('\n')}`,
  /** validatePipelineSpecAfterApplyParameters' error (a user error), after ApplyParameters. */
  invalidSpecAfterParams: (namespace: string, pipelineName: string, error: string) =>
    `${USER_ERROR_LABEL}Pipeline ${namespace}/${pipelineName} can't be Run; it has an invalid spec: ${error}`,
  /** ApplyParameters' error (chained param defaults), wrapped as a user error. */
  parametersNotApplied: (namespace: string, pipelineName: string, error: string) =>
    `${USER_ERROR_LABEL}Failed to apply parameters to Pipeline ${namespace}/${pipelineName}: ${error}`,
  /** resolvePipelineState: ResolvePipelineTask's error (a user error) for a task not started. */
  unresolvableReferences: (namespace: string, runName: string, error: string) =>
    `${USER_ERROR_LABEL}PipelineRun ${namespace}/${runName} can't be Run; couldn't resolve all references: ${error}`,
  /** validateArrayResultsIndex. */
  resultIndexOutOfBound: (index: number, producer: string, result: string, length: number) =>
    `array Result Index ${index} for Task ${producer} Result ${result} is out of bound of size ${length}`,
  /** ValidateOptionalWorkspaces; reconcile wraps it as a user error. */
  requiredWorkspaceMarkedOptional: (workspace: string, pipelineTask: string) =>
    `${USER_ERROR_LABEL}Optional workspace not supported by task: pipeline workspace "${workspace}" is marked optional but pipeline task "${pipelineTask}" requires it be provided`,
  invalidTaskRunSpecs: (namespace: string, runName: string, pipelineTaskName: string) =>
    `${USER_ERROR_LABEL}PipelineRun ${namespace}/${runName} doesn't define taskRunSpecs correctly: pipelineRun's taskrunSpecs defined wrong taskName: "${pipelineTaskName}", does not exist in Pipeline`,
  undeclaredTaskResult: (consumer: string, result: string, producer: string) =>
    `invalid result reference in pipeline task "${consumer}": "${result}" is not a named result returned by pipeline task "${producer}"`,
  undeclaredPipelineResult: (
    runName: string,
    pipelineResult: string,
    result: string,
    producer: string,
  ) =>
    `Failed to resolve pipeline result reference for "${runName}" with error invalid pipeline result "${pipelineResult}": "${result}" is not a named result returned by pipeline task "${producer}"`,
} as const;

// What the cluster does to a TaskRun (src/cluster, engine/fleet-pods.ts), exactly as v1.15 writes it.

export const PodReason = {
  /** pkg/pod/status.go ReasonExceededNodeResources: Pending and Unschedulable for "Insufficient ...". */
  ExceededNodeResources: 'ExceededNodeResources',
  /** pkg/pod/status.go ReasonExceededResourceQuota, set by handlePodCreationError. */
  ExceededResourceQuota: 'ExceededResourceQuota',
  /** pkg/pod/status.go ReasonPodPending: Pending for any other reason (image pulls, start-up). */
  Pending: 'Pending',
  /** v1.TaskRunReasonPodEvicted: the pod's status.reason is Evicted (getFailureInfo). */
  PodEvicted: 'PodEvicted',
  /** v1.TaskRunReasonImagePullFailed (checkContainerFailure on ImagePullBackOff). */
  ImagePullFailed: 'TaskRunImagePullFailed',
} as const;

export const PodMessages = {
  /** pkg/pod/status.go updateIncompleteTaskRunStatus for IsPodExceedingNodeResources. */
  exceededNodeResources: 'TaskRun Pod exceeded available resources',
  /** pkg/reconciler/taskrun/taskrun.go handlePodCreationError, isExceededResourceQuotaError. */
  exceededResourceQuota: (apiError: string) =>
    `TaskRun Pod exceeded available resources: ${apiError}`,
  /** The waiting message of a pod being started (getWaitingMessage with no container waiting). */
  podPending: 'Pending',
  /** The kubelet's eviction message on pod.status.message, which Tekton copies. */
  evicted: 'The node was low on resource: memory. ',
  nodeLost: (node: string) => `Pod was evicted because node ${node} was lost`,
  /**
   * checkContainerFailure: an ImagePullBackOff with the default imagePullBackOff timeout of 0.
   * It names the StepState (`step-` trimmed) and its imageID, which the kubelet leaves empty
   * for a container whose image it never pulled; the kubelet's message names the image.
   */
  imagePullFailed: (stepName: string, taskRun: string, image: string) =>
    `the step "${stepName}" in TaskRun "${taskRun}" failed to pull the image "". The pod errored with the message: "Back-off pulling image "${image}"."`,
} as const;

/** handlePodCreationError: a pod refused by the quota is tried again after a minute. */
export const QUOTA_RETRY_MS = 60_000;

/**
 * Admission-webhook messages about `$(params.…)` references (pkg/substitution/substitution.go),
 * each naming the whole field value as Go's `%q` prints it.
 */
/**
 * What status.steps says of a step's container. `Completed`/`Error` are the kubelet's
 * terminated reason for exit code 0 / non-zero; the others are a step's terminationReason,
 * from the entrypoint's termination message (pkg/entrypoint/entrypointer.go
 * TerminationReason*, pkg/pod/pod.go TerminationReasonContinued) or from terminateStepsInPod.
 */
export const StepTermination = {
  Completed: 'Completed',
  Error: 'Error',
  /** A step after a failed one: its entrypoint bails out (ErrSkipPreviousStepFailed). */
  Skipped: 'Skipped',
  /** A step that failed with onError: continue (its exit code kept in the message). */
  Continued: 'Continued',
  /** A step that ran past its own `timeout`. */
  TimeoutExceeded: 'TimeoutExceeded',
} as const;

/** pkg/reconciler/taskrun/taskrun.go terminateStepsInPod: a step stopped with its pod. */
export const stepTerminatedWithPod = (stepName: string, podName: string) =>
  `Step ${stepName} terminated as pod ${podName} is terminated`;

export const ParamReferenceMessages = {
  nonExistentVariable: (value: string) => `non-existent variable in ${goQuoted(value)}`,
  /** ValidateNoReferencesToUnknownVariablesWithDetail (v1beta1 step scripts): names the variable. */
  nonExistentVariableDetail: (name: string, value: string) =>
    `non-existent variable \`${name}\` in ${goQuoted(value)}`,
  variableTypeInvalid: (value: string) => `variable type invalid in ${goQuoted(value)}`,
  notProperlyIsolated: (value: string) => `variable is not properly isolated in ${goQuoted(value)}`,
  /** ExtractVariablesFromString: `prefix` is the regular expression Tekton used, backslashes and all. */
  tooManyDotComponents: (value: string, prefix: string) =>
    `Invalid referencing of parameters in "${value}"! Only two dot-separated components after the prefix "${prefix}" are allowed.`,
  /** apis.ErrMissingField, for an object param declared without `properties`. */
  missingField: 'missing field(s)',
} as const;

/**
 * How Tekton v1.15 refuses a value of its feature-flags or config-defaults ConfigMap
 * (pkg/apis/config/feature_flags.go and default.go), with Go's strconv and time errors as
 * they print. Some name the value where the key was meant; they are kept as Tekton has them.
 */
export const ConfigMapMessages = {
  /** strconv.ParseBool's error, wrapped by setFeature. */
  notBool: (value: string) =>
    `failed parsing feature flags config ${goQuoted(value)}: strconv.ParseBool: parsing ${goQuoted(value)}: invalid syntax`,
  /** setPerFeatureFlag names the key after the error. */
  notBoolForFeature: (value: string, key: string) =>
    `failed parsing feature flags config ${goQuoted(value)}: strconv.ParseBool: parsing ${goQuoted(value)}: invalid syntax for feature ${key}`,
  /** The value is lower-cased before it is checked and quoted. */
  invalidChoice: (key: string, lowerCased: string) =>
    `invalid value for feature flag ${goQuoted(key)}: ${goQuoted(lowerCased)}`,
  /** max-result-size: strconv.Atoi's error, returned as it is. */
  atoi: (value: string, outOfRange: boolean) =>
    `strconv.Atoi: parsing ${goQuoted(value)}: ${outOfRange ? 'value out of range' : 'invalid syntax'}`,
  /** setMaxResultSize names results-from, not max-result-size. */
  maxResultSizeTooLarge: (value: string) =>
    `invalid value for feature flag "results-from": ${goQuoted(value)}. This is exceeding the CRD limit`,
  /** config-defaults: strconv.ParseInt or time.ParseDuration failed. */
  defaultNotParsed: (key: string) => `failed parsing default config ${goQuoted(key)}`,
  /** default-create-container-error-timeout adds time.ParseDuration's error. */
  defaultDurationNotParsed: (key: string, goError: string) =>
    `failed parsing default config ${goQuoted(key)}: ${goError}`,
  /** A pod template or resource requirements that yaml.Unmarshal refuses. */
  notUnmarshalled: (value: string) => `failed to unmarshal ${value}`,
} as const;

/** config.ValidateEnabledAPIFields: a field that needs enable-api-fields to be alpha or beta. */
export const ApiFieldsMessages = {
  needsAlpha: (feature: string, current: string) =>
    `${feature} requires "enable-api-fields" feature gate to be "alpha" but it is ${goQuoted(current)}`,
  needsBeta: (feature: string, current: string) =>
    `${feature} requires "enable-api-fields" feature gate to be "alpha" or "beta" but it is ${goQuoted(current)}`,
} as const;

/** Webhook messages of `enum` on params (param_types.go validateParamEnums). */
export const ParamEnumMessages = {
  flagOff: 'feature flag `enable-param-enum` should be set to true to use Enum',
  notString: 'enum can only be set with string type param',
  duplicate: (value: string) => `parameter enum value ${value} appears more than once`,
  defaultNotInEnum: (value: string) => `param default value ${value} not in the enum list`,
  /** ValidateParamEnumSubset's errors; Go's `%v` of a []string is `[a b]`. */
  pipelineParamWithoutEnum: (param: string, task: string, taskEnum: readonly string[]) =>
    `pipeline param "${param}" has no enum, but referenced in "${task}" task has enums: [${taskEnum.join(' ')}]`,
  enumNotSubset: (
    param: string,
    pipelineEnum: readonly string[],
    task: string,
    taskEnum: readonly string[],
  ) =>
    `pipeline param "${param}" enum: [${pipelineEnum.join(' ')}] is not a subset of the referenced in "${task}" task param enum: [${taskEnum.join(' ')}]`,
} as const;
