// How many of the loaded steps the interpreter reads completely: a step whose compiling
// reported anything (a command, construct or interpreter not simulated) runs with parts
// assumed, so `validate` says how many there are before anyone trusts a simulated outcome.
import { compileStep } from '../shell/index.js';
import type { LoadedSet } from './load.js';
import type { PipelineSpec, TaskSpec } from './types.js';

export interface StepCoverage {
  steps: number;
  notFullySimulated: number;
}

export function stepCoverage(set: LoadedSet): StepCoverage {
  const coverage: StepCoverage = { steps: 0, notFullySimulated: 0 };
  const specs: (TaskSpec | undefined)[] = [
    ...set.tasks.map((task) => task.spec),
    ...set.pipelines.flatMap((pipeline) => embeddedTaskSpecs(pipeline.spec)),
    ...set.pipelineRuns.flatMap((run) => embeddedTaskSpecs(run.spec.pipelineSpec)),
  ];
  for (const spec of specs) {
    for (const step of spec?.steps ?? []) {
      if (!step) continue;
      let reported = false;
      compileStep(step, () => {
        reported = true;
      });
      coverage.steps += 1;
      if (reported) coverage.notFullySimulated += 1;
    }
  }
  return coverage;
}

function embeddedTaskSpecs(pipeline: PipelineSpec | undefined): (TaskSpec | undefined)[] {
  return [...(pipeline?.tasks ?? []), ...(pipeline?.finally ?? [])].flatMap((task) => [
    task?.taskSpec,
    ...embeddedTaskSpecs(task?.pipelineSpec),
  ]);
}
