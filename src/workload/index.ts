// The workload model's public API: load scenarios, run one seed of one.
export { loadScenarios, SCENARIO_KIND } from './load.js';
export { compileScenarioDocuments, validateScenarios } from './validate-scenarios.js';
export { compileScenario, type CompileOptions, type CompiledScenario } from './compile.js';
export { scenarioSchema } from './schema-file.js';
export { scenarioSchemaErrors, type SchemaError } from './schema-messages.js';
export { parseExpectation, METRIC_NAMES, type Expectation } from './expectation.js';
export { runFleetSeed, type FleetSeedRun } from './run-fleet.js';
export { runScenarioSeed, type RunDraws, type RunSeedOptions } from './run.js';
export { attemptKey, drawAttempt, type AttemptDraw } from './draw.js';
export { sample, lognormalFromMedianP95, type Distribution } from './distribution.js';
export type {
  WorkloadModel,
  TaskModel,
  FailureModel,
  StepModel,
  ResultModel,
  CancelModel,
  CancelMode,
} from './model.js';
