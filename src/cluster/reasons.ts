// Tekton's words for what the cluster does to a TaskRun, exactly as v1.15 writes them.
// (To join the other Tekton strings once the shared vocabulary has one home.)

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
  /** checkContainerFailure: an ImagePullBackOff with the default imagePullBackOff timeout of 0. */
  imagePullFailed: (step: string, taskRun: string, image: string) =>
    `the step "${step}" in TaskRun "${taskRun}" failed to pull the image "${image}". The pod errored with the message: "Back-off pulling image "${image}"."`,
} as const;

/** handlePodCreationError: a pod refused by the quota is tried again after a minute. */
export const QUOTA_RETRY_MS = 60_000;
