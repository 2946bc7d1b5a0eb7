// The library entry point (package.json "exports"): everything the CLI and the tests use,
// in the order data flows. Load Tekton YAML, validate it as the admission webhook would,
// prepare one PipelineRun into a Plan, simulate it, render the statuses; for scenarios, load
// them, run many seeds, check invariants and expectations, replay one seed or shrink it.
// Nothing under src/ imports this file, so it can re-export every layer without a cycle.

// Load and validate.
export { loadFiles, loadText, type LoadedSet, type LoadOptions } from './tekton/load.js';
export {
  formatDiagnostic,
  InputError,
  type Diagnostic,
  type Severity,
  type SourceLocation,
} from './tekton/diagnostics.js';
export { validateResources } from './tekton/validate/index.js';
export {
  buildValidationReport,
  inputErrorReport,
  sortDiagnostics,
  type ValidationCounts,
  type ValidationReport,
} from './tekton/validation-report.js';

// Prepare and simulate one PipelineRun.
export { preparePipelineRun, type PrepareOptions, type PreparedRun } from './plan/prepare.js';
export { prepareTaskRun, type PreparedTaskRun } from './plan/prepare-taskrun.js';
export { selectRun, type SelectedRun } from './tekton/resolve.js';
export {
  simulateRun,
  simulateRunShowingBound,
  stoppedRun,
  type SimulatedRun,
} from './engine/simulated-run.js';
export {
  DEFAULT_MAX_EVENTS,
  LivenessError,
  type SimulationOptions,
  type SpecStatusPatch,
} from './engine/simulation.js';
export { DEFAULT_PROFILE, profileNames } from './model/profiles.js';
// Tekton's feature-flags and config-defaults ConfigMaps: pass `reading.config` as
// preparePipelineRun's tektonConfig, or `{files, reading}` as loadScenarios' configMaps.
export {
  loadConfigMapFiles,
  readScenarioConfigMaps,
  type TektonConfigReading,
} from './tekton/config-maps/index.js';
export {
  SIMULATOR_TEKTON_CONFIG,
  TEKTON_CONFIG_DEFAULTS,
  TEKTON_FEATURE_FLAGS,
  type TektonConfig,
} from './model/tekton-config.js';
export { DEFAULT_TIMEOUT_MS } from './plan/timeouts.js';

// Render a run as kubectl and tkn would show it.
export { toKubectlList, type KubectlList } from './report/kubectl.js';
export { toKubectlTaskRunList } from './report/kubectl-taskrun.js';
export { KUBECTL_JSON, toJsonText, toYamlText } from './report/serialize.js';
export { formatRunTable } from './report/table.js';

// Scenarios: many seeds, invariants, expectations.
export {
  loadScenarios,
  runScenarioSeed,
  validateScenarios,
  compileScenarioDocuments,
  type CompiledScenario,
  type Expectation,
} from './workload/index.js';
export { planScenarios, runScenarios, type PlannedScenario } from './runner/runner.js';
export { parseSeedRange, seedsFromCount, type SeedRange } from './runner/seeds.js';
export { checkRun, INVARIANT_NAMES, INVARIANTS } from './check/invariants/index.js';
export { evaluateExpectations } from './check/expectations.js';
export { runMetrics, type RunMetrics } from './check/metrics.js';
export { buildCheckSummary, type CheckSummary, type ScenarioInput } from './check/summary.js';
export {
  formatCheckSummaryJson,
  formatCheckSummaryMarkdown,
  formatCheckSummaryText,
} from './report/check-summary.js';

// Replay and shrink one seed.
export { shrinkSeed, type ShrinkResult, type ShrinkSize } from './runner/shrink.js';
export { renderReproducer } from './runner/reproducer.js';
