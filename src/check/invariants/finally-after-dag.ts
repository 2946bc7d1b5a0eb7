// No finally task starts before every DAG task is done (tekton-semantics 2.7).
import { factsOf } from './trace-facts.js';
import type { Invariant } from './types.js';

export const finallyAfterDag: Invariant = {
  name: 'finally-after-dag',
  description: 'no finally task starts before every DAG task is done',
  kind: 'trace',
  check(run) {
    const facts = factsOf(run);
    const { plan } = run;
    const violations: string[] = [];
    for (const task of plan.tasks.slice(plan.dagCount)) {
      const createdAt = facts.tasks[task.index].createdAt;
      if (createdAt < 0) continue;
      const unfinished = plan.tasks
        .slice(0, plan.dagCount)
        .filter(
          (dag) => facts.tasks[dag.index].doneAt < 0 || facts.tasks[dag.index].doneAt > createdAt,
        )
        .map((dag) => dag.name);
      if (unfinished.length > 0) {
        const atMs = facts.tasks[task.index].createdAtMs;
        violations.push(
          `finally task ${task.name} started at ${atMs}ms while DAG task(s) ${unfinished.join(', ')} were not done`,
        );
      }
    }
    return { violations };
  },
};
