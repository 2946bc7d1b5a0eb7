// The namespace's ResourceQuota as the quota admission plugin applies it when a pod is
// created: the pod's requests are added to what the namespace's non-terminal pods already
// request, and creation is refused when any resource the quota limits would exceed its hard
// limit (k8s.io/apiserver/pkg/admission/plugin/resourcequota, "exceeded quota" errors).
// `cpu` and `memory` in a quota mean requests.cpu and requests.memory, and `pods` counts pods
// (docs: kubernetes.io/docs/concepts/policy/resource-quotas). Tekton turns the refusal into
// ExceededResourceQuota and tries again a minute later (pkg/reconciler/taskrun/taskrun.go
// handlePodCreationError); that part is the engine's.
import { formatQuantity } from './quantity.js';
import { exceededResources, fits, type ResourceList } from './resources.js';

export const QUOTA_NAME = 'compute-resources';

export class NamespaceQuota {
  private readonly used: Record<string, number> = {};
  /** Counts the changes of `used`, so a refusal's text can be kept while it stays true. */
  private usedVersion = 0;
  /**
   * The last refusal of each pod: a pod is refused again a minute later, often with the
   * namespace's usage unchanged, and the text is the same then.
   */
  private readonly lastRefusal = new Map<
    string,
    { usedVersion: number; request: ResourceList; message: string }
  >();

  constructor(readonly hard: ResourceList) {}

  usage(): ResourceList {
    return this.used;
  }

  /** The apiserver's refusal for a pod named `podName`, or undefined when it is admitted. */
  refusal(podName: string, request: ResourceList): string | undefined {
    if (fits(this.used, request, this.hard)) return undefined;
    const last = this.lastRefusal.get(podName);
    if (last?.usedVersion === this.usedVersion && last.request === request) return last.message;
    const message = this.refusalText(podName, request);
    this.lastRefusal.set(podName, { usedVersion: this.usedVersion, request, message });
    return message;
  }

  private refusalText(podName: string, request: ResourceList): string {
    const over = exceededResources(this.used, request, this.hard);
    return `pods "${podName}" is forbidden: exceeded quota: ${QUOTA_NAME}, requested: ${quantities(over, request)}, used: ${quantities(over, this.used)}, limited: ${quantities(over, this.hard)}`;
  }

  admit(request: ResourceList): void {
    this.usedVersion++;
    for (const name in request) this.used[name] = (this.used[name] ?? 0) + request[name];
  }

  /** A pod reached a terminal phase or was deleted: it no longer counts. */
  release(request: ResourceList): void {
    this.usedVersion++;
    for (const name in request) this.used[name] = (this.used[name] ?? 0) - request[name];
  }
}

/** `cpu=2,memory=4Gi`: the named resources of a list, as the apiserver writes them. */
function quantities(names: readonly string[], values: ResourceList): string {
  let text = '';
  for (const name of names) {
    if (text !== '') text += ',';
    text += `${name}=${formatQuantity(name, values[name] ?? 0)}`;
  }
  return text;
}
