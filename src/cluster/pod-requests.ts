// What a TaskRun's pod asks the scheduler for, following Tekton v1.15's pod builder:
// - Steps run one after another but are containers of one pod, so the pod's request is the
//   SUM of its steps' and sidecars' requests (docs/compute-resources.md, "Task-level Compute
//   Resources Configuration": "the pod's effective resource requirements are still the sum of
//   its containers' resource requirements"). Tekton no longer keeps only the largest step's
//   request; init containers it injects request nothing.
// - stepTemplate is merged under each step and taskRunSpecs[].stepSpecs /sidecarSpecs over it,
//   resource by resource (pkg/apis/pipeline/v1/merge.go MergeStepsWithStepTemplate,
//   MergeStepsWithSpecs, MergeSidecarsWithSpecs).
// - Task-level computeResources (TaskRun spec.computeResources, from taskRunSpecs) replace the
//   steps' requests by its requests divided evenly among the steps, or by its limits when
//   nothing requests (pkg/internal/computeresources/tasklevel ApplyTaskLevelComputeResources).
// - A container that sets a limit but no request gets the limit as its request (Kubernetes
//   defaulting of ResourceRequirements).
// - `podRequests` plays the namespace LimitRange's defaultRequest: a step that requests
//   nothing of a resource gets it divided by the number of steps, a sidecar gets it whole
//   (pkg/internal/computeresources/transformer.go getDefaultStepContainerRequest, and the
//   "Requests" section of docs/compute-resources.md). Division rounds down, as there.
// Every pod also takes one of its node's `pods` (and one slot).
import { parseQuantity, unitOf } from './quantity.js';
import { addResources, type ResourceList } from './resources.js';

type Raw = Record<string, unknown>;

/** Where a bad quantity was written, relative to the task, and what is wrong. */
export interface RequestProblem {
  field: string;
  message: string;
}

export interface PodRequestInput {
  /** The task's spec as written (steps, sidecars, stepTemplate). */
  taskSpec?: Raw;
  /** The PipelineRun's taskRunSpecs entry for this pipeline task. */
  taskRunSpec?: Raw;
  /** The LimitRange-like default request (already in integers). */
  defaultRequest: ResourceList;
}

export function podRequests(input: PodRequestInput, problems: RequestProblem[] = []): ResourceList {
  const taskSpec = input.taskSpec ?? {};
  const override = input.taskRunSpec ?? {};
  const template = requirements(
    asRaw(taskSpec.stepTemplate)?.computeResources,
    'stepTemplate',
    problems,
  );
  const stepSpecs = byName(override.stepSpecs);
  const sidecarSpecs = byName(override.sidecarSpecs);
  const steps = asList(taskSpec.steps).map((step, index) => {
    const own = requirements(step.computeResources, `steps[${index}]`, problems);
    const spec = stepSpecs.get(String(step.name ?? ''));
    const specified = spec
      ? requirements(spec.computeResources, `taskRunSpecs.stepSpecs[${spec.name}]`, problems)
      : EMPTY;
    return merge(merge(template, own), specified);
  });
  const taskLevel = requirements(
    override.computeResources,
    'taskRunSpecs.computeResources',
    problems,
  );
  const stepRequests = hasAny(taskLevel) ? applyTaskLevel(steps, taskLevel) : steps.map(requestOf);
  const sidecarRequests = asList(taskSpec.sidecars).map((sidecar, index) => {
    const spec = sidecarSpecs.get(String(sidecar.name ?? ''));
    const own = requirements(sidecar.computeResources, `sidecars[${index}]`, problems);
    const specified = spec
      ? requirements(spec.computeResources, `taskRunSpecs.sidecarSpecs[${spec.name}]`, problems)
      : EMPTY;
    return requestOf(merge(own, specified));
  });
  let total: ResourceList = { pods: 1 };
  const stepCount = Math.max(1, stepRequests.length);
  for (const request of stepRequests.length > 0 ? stepRequests : [{}])
    total = addResources(total, withDefaults(request, input.defaultRequest, stepCount));
  for (const request of sidecarRequests)
    total = addResources(total, withDefaults(request, input.defaultRequest, 1));
  return total;
}

interface Requirements {
  requests: ResourceList;
  limits: ResourceList;
}

const EMPTY: Requirements = { requests: {}, limits: {} };

function requirements(raw: unknown, field: string, problems: RequestProblem[]): Requirements {
  const value = asRaw(raw);
  if (!value) return EMPTY;
  return {
    requests: resourceList(value.requests, `${field}.computeResources.requests`, problems),
    limits: resourceList(value.limits, `${field}.computeResources.limits`, problems),
  };
}

/** A YAML resource list to integers; bad quantities become problems and count as absent. */
export function resourceList(
  raw: unknown,
  field: string,
  problems: RequestProblem[],
): ResourceList {
  const list: Record<string, number> = {};
  for (const [name, text] of Object.entries(asRaw(raw) ?? {})) {
    const parsed = parseQuantity(text, unitOf(name));
    if ('error' in parsed) problems.push({ field: `${field}.${name}`, message: parsed.error });
    else list[name] = parsed.value;
  }
  return list;
}

function merge(base: Requirements, over: Requirements): Requirements {
  return {
    requests: { ...base.requests, ...over.requests },
    limits: { ...base.limits, ...over.limits },
  };
}

function requestOf(container: Requirements): ResourceList {
  return { ...container.limits, ...container.requests };
}

function hasAny(container: Requirements): boolean {
  return Object.keys(container.requests).length + Object.keys(container.limits).length > 0;
}

function applyTaskLevel(steps: Requirements[], taskLevel: Requirements): ResourceList[] {
  const count = Math.max(1, steps.length);
  const average = (list: ResourceList) =>
    Object.fromEntries(
      Object.entries(list).map(([name, amount]) => [name, Math.floor(amount / count)]),
    );
  // The limits are set whole on every step; a request left empty then defaults to them.
  return steps.map((step) =>
    requestOf({
      requests:
        Object.keys(step.requests).length === 0 && Object.keys(taskLevel.requests).length === 0
          ? average(taskLevel.limits)
          : average(taskLevel.requests),
      limits: taskLevel.limits,
    }),
  );
}

function withDefaults(request: ResourceList, defaults: ResourceList, share: number): ResourceList {
  const filled: Record<string, number> = { ...request };
  for (const [name, amount] of Object.entries(defaults))
    if (!(name in filled)) filled[name] = Math.floor(amount / share);
  return filled;
}

function byName(raw: unknown): Map<string, Raw> {
  return new Map(asList(raw).map((entry) => [String(entry.name ?? ''), entry]));
}

function asList(raw: unknown): Raw[] {
  return Array.isArray(raw) ? raw.filter((entry): entry is Raw => asRaw(entry) !== undefined) : [];
}

function asRaw(raw: unknown): Raw | undefined {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Raw) : undefined;
}
