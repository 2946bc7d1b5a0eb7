// The TaskRun's spec.workspaces, as printed: the bindings plan/workspace-bindings.ts works out.
import type { WorkspaceResults } from '../model/taskrun.js';
import type { Plan, PlanTask } from '../plan/plan.js';
import { taskRunBindings } from '../plan/workspace-bindings.js';

export function taskRunWorkspaces(
  plan: Plan,
  task: PlanTask,
  results?: WorkspaceResults,
): Record<string, unknown>[] | undefined {
  const bindings = taskRunBindings(plan, task.pipelineTask, results).map((entry) => entry.binding);
  return bindings.length > 0 ? bindings : undefined;
}
