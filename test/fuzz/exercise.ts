// One fuzz input through everything a user can reach with it, in this process: load,
// validate (Tekton's rules and Scenario documents), simulate every PipelineRun and render it
// the three ways `run` prints it, and run a few seeds of every Scenario through the
// invariants and expectations. Our own input errors and the event bound are answers; any
// other exception escapes to the caller, which reports it as a crash.
import { rowStoreOf } from '../../src/check/store/row-store.js';
import { LivenessError } from '../../src/engine/simulation.js';
import {
  buildValidationReport,
  checkRun,
  compileScenarioDocuments,
  evaluateExpectations,
  formatRunTable,
  InputError,
  loadText,
  preparePipelineRun,
  runMetrics,
  runScenarioSeed,
  simulateRun,
  toJsonText,
  toKubectlList,
  toYamlText,
  type LoadedSet,
  type RunMetrics,
} from '../../src/index.js';

/** How far one input got; every value is a normal outcome. */
export type ExerciseOutcome = 'input-error' | 'validated' | 'simulated';

/**
 * What to do beyond load, validate, simulate and check, which every input gets. Each costs
 * as much as those, so the fuzz loop asks for each on a share of the mutants.
 */
export interface ExerciseOptions {
  /**
   * The `validate` command's report: Tekton's rules over every resource, and step coverage.
   * Without it, preparing a run validates what the run uses, as `run` and `check` do; an
   * input with nothing to simulate always gets the report.
   */
  validationReport: boolean;
  /** Print each simulated run as `run` does: the table and kubectl's JSON. */
  render: boolean;
  /** Print it as YAML too, which costs more than simulating the run. */
  renderYaml: boolean;
}

const EVERYTHING: ExerciseOptions = { validationReport: true, render: true, renderYaml: true };

const START_TIME_EPOCH_MS = Date.UTC(2000, 0, 1);
/** Enough runs to reach every stage without letting one input dominate the time. */
const MAX_PIPELINE_RUNS = 3;
const MAX_SCENARIOS = 2;
const SEEDS_PER_SCENARIO = 1;
const MAX_TASK_RUNS_FOR_YAML = 4;

export function exercise(
  text: string,
  file: string,
  options: ExerciseOptions = EVERYTHING,
): ExerciseOutcome {
  let set: LoadedSet;
  try {
    set = loadText(text, file);
  } catch (error) {
    if (isAnswer(error)) return 'input-error';
    throw error;
  }
  const compiled = answered(() => compileScenarioDocuments(set));
  const runs = set.pipelineRuns.slice(0, MAX_PIPELINE_RUNS);
  const scenarios = (compiled?.scenarios ?? []).slice(0, MAX_SCENARIOS);
  if (options.validationReport || (runs.length === 0 && scenarios.length === 0))
    answered(() => buildValidationReport(set, compiled?.diagnostics ?? []));
  let simulated = false;
  for (const run of runs)
    simulated = answered(() => simulateAndRender(set, run.metadata.name, options)) ?? simulated;
  for (const scenario of scenarios) {
    const rows: RunMetrics[] = [];
    for (let seed = 1; seed <= SEEDS_PER_SCENARIO; seed++) {
      answered(() => {
        const run = runScenarioSeed(scenario, seed, { trace: true });
        checkRun({ plan: scenario.prepared.plan, result: run.result, cancelLatencyMs: 0 });
        rows.push(runMetrics(run, seed));
      });
    }
    evaluateExpectations(scenario.expectations, rowStoreOf(rows));
    simulated = true;
  }
  return simulated ? 'simulated' : 'validated';
}

function simulateAndRender(set: LoadedSet, pipelineRun: string, options: ExerciseOptions): boolean {
  const prepared = preparePipelineRun(set, { pipelineRun });
  const { view, result } = simulateRun(prepared.plan, { seed: 1, trace: true });
  checkRun({ plan: prepared.plan, result, cancelLatencyMs: 0 });
  if (!options.render) return true;
  formatRunTable(view, { color: false });
  const list = toKubectlList(
    view,
    { spec: prepared.run.spec, metadata: prepared.run.metadata },
    { startTimeEpochMs: START_TIME_EPOCH_MS },
  );
  toJsonText(list);
  // YAML printing costs more than the simulation of a wide run; small runs cover its paths.
  if (options.renderYaml && view.taskRuns.length <= MAX_TASK_RUNS_FOR_YAML) toYamlText(list);
  return true;
}

/** The value of `action`, or undefined when it ended in one of our answers. */
function answered<T>(action: () => T): T | undefined {
  try {
    return action();
  } catch (error) {
    if (isAnswer(error)) return undefined;
    throw error;
  }
}

/** Our input errors, and the event bound, which ends a run that would not end. */
export function isAnswer(error: unknown): boolean {
  return error instanceof InputError || error instanceof LivenessError;
}
