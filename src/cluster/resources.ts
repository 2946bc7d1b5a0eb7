// Resource lists as Kubernetes adds and compares them (corev1.ResourceList): amounts by
// resource name, integers (CPU in millicores, memory in bytes, `pods` in pods). A resource a
// list does not name is zero. Functions return new lists; callers hold them immutable.

export type ResourceList = Readonly<Record<string, number>>;

export function addResources(a: ResourceList, b: ResourceList): ResourceList {
  const sum: Record<string, number> = { ...a };
  for (const [name, amount] of Object.entries(b)) sum[name] = (sum[name] ?? 0) + amount;
  return sum;
}

export function subtractResources(a: ResourceList, b: ResourceList): ResourceList {
  const difference: Record<string, number> = { ...a };
  for (const [name, amount] of Object.entries(b))
    difference[name] = (difference[name] ?? 0) - amount;
  return difference;
}

export function maxResources(a: ResourceList, b: ResourceList): ResourceList {
  const max: Record<string, number> = { ...a };
  for (const [name, amount] of Object.entries(b)) max[name] = Math.max(max[name] ?? 0, amount);
  return max;
}

/**
 * The resources of `request` that `used + request` would push over `limit`, in name order;
 * empty when it fits. Only resources `limit` names are limited (a node or quota that says
 * nothing about GPUs does not limit them), as kube-scheduler's fit filter and the quota
 * admission plugin both do.
 */
export function exceededResources(
  used: ResourceList,
  request: ResourceList,
  limit: ResourceList,
): string[] {
  // One pass and one list: every refused pod asks this (a quota refusal's text names them).
  const over: string[] = [];
  for (const name in request) {
    const amount = request[name];
    if (amount > 0 && name in limit && (used[name] ?? 0) + amount > limit[name]) over.push(name);
  }
  return over.length > 1 ? over.sort() : over;
}

/** Whether exceededResources would be empty; asked for every node at every placement, so it allocates nothing. */
export function fits(used: ResourceList, request: ResourceList, limit: ResourceList): boolean {
  for (const name in request) {
    const amount = request[name];
    if (amount > 0 && name in limit && (used[name] ?? 0) + amount > limit[name]) return false;
  }
  return true;
}
