// The case that shrink works on and the reproducer writes out: a PipelineRun reduced to its
// scheduling facts (tasks, edges, retries, timeouts, when) plus the exact draws of every
// attempt and the cancellation. Built from a compiled Plan and the draws of one seed.
import type { Plan } from '../plan/plan.js';
import type { TimeoutFields, WhenExpression } from '../tekton/types.js';
import type { AttemptDraw, RunDraws } from '../workload/index.js';

export interface ReproTask {
  name: string;
  isFinally: boolean;
  /** Every DAG parent, result references included, as explicit runAfter. */
  runAfter: string[];
  retries: number;
  timeout?: string;
  when: WhenExpression[];
  onError?: string;
  /** Results the task declares (written ones and the ones it declared but may not write). */
  results: string[];
  /** What each attempt does; attempts past the end repeat the last entry. */
  attempts: AttemptDraw[];
}

export interface ReproCase {
  name: string;
  namespace?: string;
  timeouts?: TimeoutFields;
  tasks: ReproTask[];
  patch?: RunDraws['patch'];
}

export function caseFromPlan(plan: Plan, draws: RunDraws): ReproCase {
  const tasks = plan.tasks.map((task): ReproTask => {
    const attempts = draws.attempts[task.name] ?? draws.attempts[`${task.name}#0`] ?? [];
    const written = new Set(
      attempts.flatMap((attempt) => attempt.results.map((result) => result.name)),
    );
    return {
      name: task.name,
      isFinally: task.isFinally,
      runAfter: task.parents.map((parent) => plan.tasks[parent].name),
      retries: task.retries,
      ...(task.pipelineTask.timeout === undefined ? {} : { timeout: task.pipelineTask.timeout }),
      when: task.when.map((expression) => ({ ...expression })),
      ...(task.pipelineTask.onError === undefined ? {} : { onError: task.pipelineTask.onError }),
      results: [...new Set([...task.declaredResults, ...written])].sort(),
      attempts: attempts
        .filter((attempt) => attempt !== undefined)
        .map((attempt) => ({
          ...attempt,
          results: attempt.results.map((result) => ({ ...result })),
        })),
    };
  });
  return {
    name: plan.pipelineRunName,
    ...(plan.namespace && plan.namespace !== 'default' ? { namespace: plan.namespace } : {}),
    ...(plan.runSpec.timeouts ? { timeouts: { ...plan.runSpec.timeouts } } : {}),
    tasks,
    ...(draws.patch ? { patch: { ...draws.patch } } : {}),
  };
}

/** The case without one task: edges to it and `when` entries that read it go too. */
export function withoutTask(repro: ReproCase, name: string): ReproCase {
  const mentions = (text: string | undefined) =>
    text !== undefined && (text.includes(`tasks.${name}.`) || text.includes(`tasks.${name})`));
  return {
    ...repro,
    tasks: repro.tasks
      .filter((task) => task.name !== name)
      .map((task) => ({
        ...task,
        runAfter: task.runAfter.filter((parent) => parent !== name),
        when: task.when.filter(
          (expression) =>
            !mentions(expression.input) &&
            !mentions(expression.cel) &&
            !(expression.values ?? []).some(mentions),
        ),
      })),
  };
}

export function replaceTask(
  repro: ReproCase,
  name: string,
  change: (task: ReproTask) => ReproTask,
): ReproCase {
  return { ...repro, tasks: repro.tasks.map((task) => (task.name === name ? change(task) : task)) };
}

export function caseSize(repro: ReproCase): { tasks: number; attempts: number } {
  return {
    tasks: repro.tasks.length,
    attempts: repro.tasks.reduce((sum, task) => sum + task.attempts.length, 0),
  };
}
