// The TaskRun's spec.workspaces, as printed: the bindings plan/workspace-bindings.ts works out.
import type { Plan, PlanTask } from '../plan/plan.js';
import { taskRunBindings } from '../plan/workspace-bindings.js';

export function taskRunWorkspaces(
  plan: Plan,
  task: PlanTask,
): Record<string, unknown>[] | undefined {
  const bindings = taskRunBindings(plan, task.pipelineTask).map((entry) => entry.binding);
  return bindings.length > 0 ? bindings : undefined;
}
