// The checks of a fleet that need the PipelineRuns: every name the mix gives exists, and every
// TaskRun pod of every PipelineRun that may arrive fits some node when the cluster is empty
// and within the namespace quota. A pod that fits nowhere would stay Pending forever; that is
// a mistake in the scenario, so it is reported before any simulation rather than as runs that
// time out.
import { neverFits } from '../cluster/nodes.js';
import { podRequests } from '../cluster/pod-requests.js';
import { formatQuantity } from '../cluster/quantity.js';
import { exceededResources, type ResourceList } from '../cluster/resources.js';
import type { Plan, PlanTask } from '../plan/plan.js';
import type { ClusterModel } from './cluster-model.js';
import type { ValueProblem } from './parse-distribution.js';

/** The pod requests of each task of a plan, in task order. */
export function planPodRequests(plan: Plan, cluster: ClusterModel): ResourceList[] {
  return plan.tasks.map((task) => taskPodRequests(plan, task, cluster));
}

function taskPodRequests(plan: Plan, task: PlanTask, cluster: ClusterModel): ResourceList {
  const taskRunSpec = plan.runSpec.taskRunSpecs?.find(
    (entry) => entry.pipelineTaskName === task.name,
  );
  return podRequests({
    taskSpec: task.taskSpec as Record<string, unknown> | undefined,
    taskRunSpec: taskRunSpec as Record<string, unknown> | undefined,
    defaultRequest: cluster.defaultRequest,
  });
}

/** Problems for pods of `plan` that no empty node, or the quota, could ever take. */
export function checkPodsFit(plan: Plan, cluster: ClusterModel, problems: ValueProblem[]): void {
  const requests = planPodRequests(plan, cluster);
  plan.tasks.forEach((task, index) => {
    const request = requests[index];
    const who = `task "${task.name}" of PipelineRun "${plan.pipelineRunName}"`;
    if (cluster.nodes) {
      const over = neverFits(cluster.nodes, request);
      if (over.length > 0) {
        problems.push({
          path: ['spec', 'cluster', cluster.nodes[0].name === 'slots' ? 'slots' : 'nodes'],
          message: `${who} requests ${describe(request, over)}, more than any node can hold: its pod would stay Pending forever (largest node: ${describe(largest(cluster), over)})`,
        });
      }
    }
    if (cluster.quota) {
      const over = exceededResources({}, request, cluster.quota);
      if (over.length > 0) {
        problems.push({
          path: ['spec', 'cluster', 'quota'],
          message: `${who} requests ${describe(request, over)}, more than the quota allows (${describe(cluster.quota, over)}): its pod could never be created`,
        });
      }
    }
  });
}

/** Problems for mix entries that name no loaded PipelineRun. */
export function checkMixNames(
  names: readonly string[],
  known: readonly string[],
  problems: ValueProblem[],
): void {
  names.forEach((name, index) => {
    if (!known.includes(name))
      problems.push({
        path: ['spec', 'arrivals', 'mix', index, 'pipelineRun'],
        message: `unknown PipelineRun "${name}"; the loaded PipelineRuns are: ${known.join(', ')}`,
      });
  });
}

function describe(list: ResourceList, names: readonly string[]): string {
  return names.map((name) => `${name} ${formatQuantity(name, list[name] ?? 0)}`).join(', ');
}

function largest(cluster: ClusterModel): ResourceList {
  const max: Record<string, number> = {};
  for (const node of cluster.nodes ?? [])
    for (const [name, amount] of Object.entries(node.allocatable))
      max[name] = Math.max(max[name] ?? 0, amount);
  return max;
}
