// The Scenario's own choices among named things: its profile and its PipelineRun. Checked
// before the PipelineRun is prepared so that a wrong name is an error at the Scenario's field
// (file:line:column, spec.profile or spec.pipelineRun) rather than a line with no place, and
// so that the advice names the Scenario's field, not a flag of `run` that `check` lacks.
import { profileNames } from '../model/profiles.js';
import type { LoadedSet } from '../tekton/load.js';
import type { ValueProblem } from './parse-distribution.js';
import type { ScenarioSpec } from './parse-scenario.js';

export function scenarioChoiceProblems(
  spec: ScenarioSpec,
  set: LoadedSet,
  profileOption: string | undefined,
): ValueProblem[] {
  const problems: ValueProblem[] = [];
  const profiles = profileNames();
  // A profile given on the command line (compare --profiles) is checked where it is parsed.
  if (profileOption === undefined && spec.profile !== undefined && !profiles.includes(spec.profile))
    problems.push({
      path: ['spec', 'profile'],
      message: `unknown profile "${spec.profile}"; valid profiles: ${profiles.join(', ')}`,
    });
  const runNames = set.pipelineRuns.map((run) => run.metadata.name);
  if (spec.pipelineRun !== undefined && !runNames.includes(spec.pipelineRun))
    problems.push({
      path: ['spec', 'pipelineRun'],
      message: `no PipelineRun named "${spec.pipelineRun}" among the loaded files; the loaded PipelineRuns are: ${runNames.join(', ')}`,
    });
  if (spec.pipelineRun === undefined && runNames.length > 1)
    problems.push({
      path: ['spec'],
      message: `${runNames.length} PipelineRuns are loaded (${runNames.join(', ')}); name the one to simulate with spec.pipelineRun`,
    });
  return problems;
}

/**
 * A Scenario's pipelineRun that names a TaskRun: Scenarios (check, report, compare) run
 * PipelineRuns only; `tekton-sim run --taskrun` simulates a TaskRun on its own.
 */
export function taskRunChoiceProblem(spec: ScenarioSpec, set: LoadedSet): ValueProblem | undefined {
  const name = spec.pipelineRun;
  if (name === undefined || !set.taskRuns.some((run) => run.metadata.name === name))
    return undefined;
  if (set.pipelineRuns.some((run) => run.metadata.name === name)) return undefined;
  return {
    path: ['spec', 'pipelineRun'],
    message: `"${name}" is a TaskRun: \`tekton-sim run --taskrun ${name}\` simulates it; Scenarios, check and report take PipelineRuns only`,
  };
}
