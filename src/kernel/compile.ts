// A Scenario compiled once into the kernel's flat tables, or the reason the kernel cannot run
// it. The kernel accepts only what it models exactly: one PipelineRun on a cluster of slots
// (or of unlimited capacity), every task's attempts drawn wholly from the workload model, no
// when expressions, matrix, results, cancellations or faults. Anything else runs on the
// reference engine.
import type { Distribution } from '../workload/distribution.js';
import type { CompiledScenario } from '../workload/compile.js';
import { planPodRequests } from '../workload/check-cluster.js';
import type { Plan } from '../plan/plan.js';
import { bindingsReadResults } from '../plan/workspace-bindings.js';
import type { TaskModel } from '../workload/model.js';
import { taskRunName } from '../taskrun/naming.js';

/** Which random stream of a task: the purposes drawAttempt uses, in its draw order. */
export const STREAMS_PER_TASK = 3;
export const DURATION_STREAM = 0;
export const FAILURE_STREAM = 1;
export const FAILURE_AT_STREAM = 2;

export interface Kernel {
  scenario: CompiledScenario;
  plan: Plan;
  taskCount: number;
  dagCount: number;
  taskNames: readonly string[];
  /** Each task's one TaskRun's name, as Tekton names it (the per-attempt rows show it). */
  taskRunNames: readonly string[];
  /** Parents and children as CSR: task t's parents are parents[parentStart[t]..parentStart[t+1]). */
  parentStart: Int32Array;
  parents: Int32Array;
  childStart: Int32Array;
  children: Int32Array;
  /** The DAG tasks without parents, in task order: the ones ready when the run starts. */
  roots: Int32Array;
  retries: Int32Array;
  /** Each attempt's timeout; 0 = none. */
  timeoutMs: Float64Array;
  onErrorContinue: Uint8Array;
  duration: readonly Distribution[];
  failureProbability: Float64Array;
  retryFailureProbability: Float64Array;
  failureAt: readonly Distribution[];
  /** Uniforms one value of failureAt[t] takes, or -1 when that depends on the draw (a mixture). */
  failureAtUniforms: Int32Array;
  failureExitCode: Int32Array;
  /** Pipeline, tasks and finally timeouts; NaN = none. */
  pipelineTimeoutMs: number;
  tasksTimeoutMs: number;
  finallyTimeoutMs: number;
  /** Pods a task's pod takes of the slots; the slots, or Infinity for unlimited capacity. */
  podSlots: Float64Array;
  slots: number;
  controller: { reconcileMs: number; qps: number; burst: number };
  profile: {
    tasksDeadline: 'run-finally' | 'fail-at-once' | 'run-finally-then-failed';
    tasksClockRunsDuringFinally: boolean;
  };
  /** [purpose, name] of stream s = task * STREAMS_PER_TASK + which. */
  streamNames: [string, string][];
}

export type KernelCompilation = { kernel: Kernel } | { reason: string };

export function compileKernel(scenario: CompiledScenario): KernelCompilation {
  const reason = ineligibility(scenario);
  if (reason !== undefined) return { reason };
  const plan = scenario.prepared.plan;
  const tasks = plan.tasks;
  const n = tasks.length;
  const models = tasks.map(
    (task) => (scenario.model.tasks.get(task.name) ?? scenario.model.defaultTask) as TaskModel,
  );
  const csr = (lists: readonly (readonly number[])[]) => {
    const start = new Int32Array(n + 1);
    for (let t = 0; t < n; t++) start[t + 1] = start[t] + lists[t].length;
    const flat = new Int32Array(start[n]);
    for (let t = 0; t < n; t++) flat.set(lists[t], start[t]);
    return { start, flat };
  };
  const parents = csr(tasks.map((task) => task.parents));
  const children = csr(tasks.map((task) => task.children));
  const cluster = scenario.fleet?.cluster;
  const requests = cluster ? planPodRequests(plan, cluster) : [];
  const slots = cluster?.nodes
    ? (cluster.nodes[0].allocatable.pods ?? 0)
    : Number.POSITIVE_INFINITY;
  const controller = cluster?.controller ?? {
    reconcileMs: 0,
    qps: Number.POSITIVE_INFINITY,
    burst: 1,
  };
  const timeout = (ms: number | undefined) => (ms === undefined ? Number.NaN : ms);
  return {
    kernel: {
      scenario,
      plan,
      taskCount: n,
      dagCount: plan.dagCount,
      taskNames: tasks.map((task) => task.name),
      taskRunNames: tasks.map((task) => taskRunName(plan.pipelineRunName, task.name, -1)),
      parentStart: parents.start,
      parents: parents.flat,
      childStart: children.start,
      children: children.flat,
      roots: Int32Array.from(
        tasks.flatMap((task, index) =>
          index < plan.dagCount && task.parents.length === 0 ? [index] : [],
        ),
      ),
      retries: Int32Array.from(tasks, (task) => task.retries),
      timeoutMs: Float64Array.from(tasks, (task) => task.effectiveTimeoutMs),
      onErrorContinue: Uint8Array.from(tasks, (task) => (task.onErrorContinue ? 1 : 0)),
      duration: models.map((model) => model.durationMs as Distribution),
      failureProbability: Float64Array.from(models, (model) => model.failure?.probability ?? 0),
      retryFailureProbability: Float64Array.from(
        models,
        (model) => model.failure?.retryProbability ?? 0,
      ),
      failureAt: models.map((model) => model.failure?.atFraction as Distribution),
      failureAtUniforms: Int32Array.from(models, (model) =>
        uniformsPerValue(model.failure?.atFraction as Distribution),
      ),
      failureExitCode: Int32Array.from(models, (model) => model.failure?.exitCode ?? 0),
      pipelineTimeoutMs: timeout(plan.timeouts.pipelineMs),
      tasksTimeoutMs: timeout(plan.timeouts.tasksMs),
      finallyTimeoutMs: timeout(plan.timeouts.finallyMs),
      podSlots: Float64Array.from(tasks, (_, index) => requests[index]?.pods ?? 0),
      slots,
      controller: {
        reconcileMs: controller.reconcileMs,
        qps: controller.qps,
        burst: controller.burst,
      },
      profile: {
        tasksDeadline: plan.profile.tasksDeadline,
        tasksClockRunsDuringFinally: plan.profile.tasksClockRunsDuringFinally,
      },
      streamNames: tasks.flatMap((task) => [
        ['duration', task.name] as [string, string],
        ['failure', task.name] as [string, string],
        ['failure-at', task.name] as [string, string],
      ]),
    },
  };
}

/** How many uniforms workload/distribution.ts `sample` draws for one value; -1 when it varies. */
export function uniformsPerValue(distribution: Distribution): number {
  switch (distribution.kind) {
    case 'constant':
      return 0;
    case 'uniform':
    case 'exponential':
    case 'empirical':
      return 1;
    case 'normal':
    case 'lognormal':
      return 2;
    case 'mixture':
      return -1;
  }
}

/** Why the kernel cannot run this scenario exactly; undefined when it can. */
function ineligibility(scenario: CompiledScenario): string | undefined {
  const fleet = scenario.fleet;
  if (!fleet) return 'it has no spec.cluster, and the kernel models only the cluster engine';
  if (fleet.arrivals) return 'it has spec.arrivals (many PipelineRuns)';
  if (fleet.admission) return 'it has spec.admission';
  const cluster = fleet.cluster;
  if (cluster) {
    const nodes = cluster.nodes;
    if (nodes && !(nodes.length === 1 && nodes[0].name === 'slots'))
      return 'its cluster has nodes, and the kernel models only slots';
    if (cluster.quota) return 'its cluster has a quota';
    if (cluster.controller.workers < 1) return 'its controller has no workers';
    if (cluster.podStartupMs) return 'its cluster has a podStartup';
    const { faults } = cluster;
    if (
      faults.podEviction > 0 ||
      faults.imagePullFailure > 0 ||
      faults.nodeLoss ||
      faults.controllerRestart
    )
      return 'its cluster has faults';
  }
  if (scenario.model.cancel) return 'it has spec.cancel';
  const plan = scenario.prepared.plan;
  if (plan.startFailure) return 'its PipelineRun fails to start';
  if (plan.runSpec.status) return 'its PipelineRun sets spec.status';
  if (plan.pipelineResults.length > 0) return 'its Pipeline has results';
  for (const task of plan.tasks) {
    const which = `task ${task.name}`;
    if (task.when.length > 0) return `${which} has when expressions`;
    if (task.hasMatrix) return `${which} has a matrix`;
    if (task.resultReferences.length > 0) return `${which} references results`;
    if (task.opaque) return `${which} cannot be seen into`;
    if (task.createRunError) return `${which} has a TaskRun the webhook refuses`;
    if (task.resolutionError) return `${which} has a TaskRun whose StepActions do not resolve`;
    if (task.paramEnums) return `${which} has params whose enum is checked`;
    if ((task.taskSpec?.results ?? []).length > 0) return `${which} declares results`;
    if ((task.taskSpec?.workspaces ?? []).length > 0) return `${which} declares workspaces`;
    if (bindingsReadResults(plan.runSpec, task.pipelineTask))
      return `${which} has workspace bindings that read task results`;
    const model = scenario.model.tasks.get(task.name) ?? scenario.model.defaultTask;
    if (!model) return `${which} has no model, so its scripts decide its attempts`;
    if (model.steps.size > 0) return `${which} models its steps`;
    if (!model.durationMs || !model.failure)
      return `${which} lacks a modelled duration or failure, so its scripts decide its attempts`;
    if (model.results.length > 0) return `${which} models results`;
  }
  return undefined;
}
