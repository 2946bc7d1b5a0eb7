// One Scenario document to a CompiledScenario: schema check, values parsed, overrides
// applied to the Tekton YAML, the PipelineRun prepared, then the checks that need the
// pipeline (task and step names, expectations). Every problem is a diagnostic at the
// field's file:line:column; any error stops here with an InputError (exit 2).
import type { PlanTask } from '../plan/plan.js';
import { preparePipelineRun, type PreparedRun } from '../plan/prepare.js';
import { InputError, type Diagnostic } from '../tekton/diagnostics.js';
import { readScenarioConfigMaps, type TektonConfigReading } from '../tekton/config-maps/index.js';
import type { ExtraDocument, LoadedSet } from '../tekton/load.js';
import { fieldPath, type SchemaPath } from './field-path.js';
import { parseExpectation, type Expectation } from './expectation.js';
import type { StepModel, TaskModel, WorkloadModel } from './model.js';
import { compileFleet, type CompiledFleet } from './compile-fleet.js';
import { applyOverrides } from './overrides.js';
import type { ValueProblem } from './parse-distribution.js';
import { parseScenario, type ScenarioSpec } from './parse-scenario.js';
import { scenarioChoiceProblems, taskRunChoiceProblem } from './scenario-choices.js';
import { scenarioSchemaErrors } from './schema-messages.js';

export interface CompiledScenario {
  name: string;
  /** The file the Scenario document is in. */
  file: string;
  /** The PipelineRun after overrides, compiled. */
  prepared: PreparedRun;
  seeds: { first: number; last: number };
  expectations: Expectation[];
  /** Effective model per pipeline task name (the `*` defaults merged in); tasks absent run their scripts. */
  model: WorkloadModel;
  /** The cluster, arrivals and admission; undefined when the Scenario describes none. */
  fleet?: CompiledFleet;
  /** `--configmap` files the scenario was compiled with, for the commands that rerun it. */
  configMapFiles: readonly string[];
  /** What reading spec.configMaps found to say: keys without effect on the simulation. */
  configNotes: readonly Diagnostic[];
}

export interface CompileOptions {
  /** Overrides the Scenario's spec.profile: `compare --profiles` runs one scenario under two. */
  profile?: string;
  /**
   * Tekton's ConfigMaps given on the command line (`--configmap`), which replace the
   * Scenario's spec.configMaps.
   */
  configMaps?: { files: readonly string[]; reading: TektonConfigReading };
}

export function compileScenario(
  document: ExtraDocument,
  set: LoadedSet,
  options: CompileOptions = {},
): CompiledScenario {
  const toDiagnostic = (problem: ValueProblem): Diagnostic => ({
    severity: 'error',
    message: problem.message,
    fieldPath: fieldPath(problem.path),
    location: document.source.locate(problem.path),
  });
  const schemaErrors = scenarioSchemaErrors(document.value);
  if (schemaErrors.length > 0) throw new InputError(schemaErrors.map(toDiagnostic));
  const problems: ValueProblem[] = [];
  const spec = parseScenario(document.value, problems);
  if (problems.length > 0) throw new InputError(problems.map(toDiagnostic));
  const namesTaskRun = taskRunChoiceProblem(spec, set);
  if (namesTaskRun) throw new InputError(toDiagnostic(namesTaskRun));
  if (set.pipelineRuns.length === 0) {
    throw new InputError(
      toDiagnostic({
        path: ['spec'],
        message:
          'no PipelineRun to simulate: put the Scenario in the file with the PipelineRun, or name that file in spec.include',
      }),
    );
  }
  problems.push(...scenarioChoiceProblems(spec, set, options.profile));
  if (problems.length > 0) throw new InputError(problems.map(toDiagnostic));
  const overridden = applyOverrides(
    set,
    spec.pipelineRun,
    spec.overrides,
    problems,
    document.source,
  );
  if (problems.length > 0) throw new InputError(problems.map(toDiagnostic));
  const reading =
    options.configMaps?.reading ??
    readScenarioConfigMaps(
      (document.value.spec as { configMaps?: Record<string, unknown> } | undefined)?.configMaps,
      document.source,
    );
  if (spec.defaultTimeoutMs !== undefined && reading.setsDefaultTimeout)
    throw new InputError(
      toDiagnostic({
        path: ['spec', 'defaultTimeout'],
        message:
          'spec.defaultTimeout and config-defaults default-timeout-minutes both set the default timeout; keep one',
      }),
    );
  const settings = {
    profile: options.profile ?? spec.profile,
    defaultTimeoutMs: spec.defaultTimeoutMs,
    tektonConfig: reading.config,
  };
  const prepared = preparePipelineRun(overridden, { ...settings, pipelineRun: spec.pipelineRun });
  const fleet = compileFleet(document, set, prepared, settings, problems);
  if (problems.length > 0) throw new InputError(problems.map(toDiagnostic));
  // With a mix of PipelineRuns, spec.tasks may name the tasks of any of them.
  const tasks = fleet ? tasksOfRuns(prepared, fleet) : prepared.plan.tasks;
  const model = effectiveModel(spec, tasks, problems);
  const taskNames = tasks.map((task) => task.name);
  const expectations: Expectation[] = [];
  for (const { text, path } of spec.expectations) {
    const parsed = parseExpectation(text, taskNames);
    if ('error' in parsed) problems.push({ path, message: parsed.error });
    else expectations.push(parsed);
  }
  if (problems.length > 0) throw new InputError(problems.map(toDiagnostic));
  return {
    name: spec.name,
    file: document.source.file,
    prepared,
    seeds: spec.seeds,
    expectations,
    model,
    ...(fleet ? { fleet } : {}),
    configMapFiles: options.configMaps?.files ?? [],
    // Notes of --configmap files are the command's to print, once for all its scenarios.
    configNotes: options.configMaps ? [] : reading.notes,
  };
}

/** The tasks of the scenario's PipelineRun, then those of the mix's others not named yet. */
function tasksOfRuns(prepared: PreparedRun, fleet: CompiledFleet): PlanTask[] {
  const byName = new Map(prepared.plan.tasks.map((task) => [task.name, task]));
  for (const run of fleet.runs.values())
    for (const task of run.plan.tasks) if (!byName.has(task.name)) byName.set(task.name, task);
  return [...byName.values()];
}

/** Per plan task: its own model over the `*` model, field by field; unknown names are problems. */
function effectiveModel(
  spec: ScenarioSpec,
  tasks: readonly PlanTask[],
  problems: ValueProblem[],
): WorkloadModel {
  const byName = new Map(tasks.map((task) => [task.name, task]));
  const defaults = spec.tasks.find((entry) => entry.name === '*')?.model;
  for (const entry of spec.tasks) {
    if (entry.name === '*') continue;
    const task = byName.get(entry.name);
    if (!task) {
      problems.push({
        path: entry.path,
        message: `unknown task "${entry.name}"; the pipeline's tasks are: ${describeTasks(tasks)}`,
      });
      continue;
    }
    checkSteps(entry.model, task, entry.path, problems);
  }
  const models = new Map<string, TaskModel>();
  for (const task of tasks) {
    const own = spec.tasks.find((entry) => entry.name === task.name)?.model;
    const merged = own && defaults ? mergeModels(defaults, own) : (own ?? defaults);
    if (merged) models.set(task.name, merged);
  }
  return { tasks: models, defaultTask: defaults, cancel: spec.cancel };
}

function mergeModels(defaults: TaskModel, own: TaskModel): TaskModel {
  return {
    durationMs: own.durationMs ?? defaults.durationMs,
    failure: own.failure ?? defaults.failure,
    results: own.results.length > 0 ? own.results : defaults.results,
    steps: own.steps.size > 0 ? own.steps : defaults.steps,
  };
}

function checkSteps(
  model: TaskModel,
  task: PlanTask,
  path: SchemaPath,
  problems: ValueProblem[],
): void {
  const stepNames = task.steps.map((step) => step.name);
  const known =
    stepNames.length > 0
      ? `the steps of "${task.name}" are: ${stepNames.join(', ')}`
      : `"${task.name}" has no steps we can see`;
  const check = (name: string | undefined, at: SchemaPath) => {
    if (name !== undefined && !stepNames.includes(name))
      problems.push({ path: at, message: `unknown step "${name}"; ${known}` });
  };
  for (const [name, _step] of model.steps as ReadonlyMap<string, StepModel>)
    check(name, [...path, 'steps', name]);
  check(model.failure?.step, [...path, 'failure', 'step']);
}

function describeTasks(tasks: readonly PlanTask[]): string {
  const dag = tasks.filter((task) => !task.isFinally).map((task) => task.name);
  const final = tasks.filter((task) => task.isFinally).map((task) => task.name);
  return dag.join(', ') + (final.length > 0 ? ` (finally: ${final.join(', ')})` : '');
}
