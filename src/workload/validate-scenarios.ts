// Scenario documents as `validate` sees them: each compiled exactly as `check` compiles it,
// with the Tekton resources of its own file and of the files it includes, so a Scenario that
// `check` would refuse is refused by `validate` too, with the same file:line:column lines.
import { InputError, type Diagnostic } from '../tekton/diagnostics.js';
import { type ExtraDocument, type LoadedSet, loadFiles, STDIN_PATH } from '../tekton/load.js';
import { compileScenario, type CompiledScenario, type CompileOptions } from './compile.js';
import { includedFiles, SCENARIO_KIND } from './load.js';
import { duplicateScenarioNames } from './scenario-names.js';

/** Every problem of every Scenario document in `set`, as errors; none for a valid Scenario. */
export function validateScenarios(set: LoadedSet, options: CompileOptions = {}): Diagnostic[] {
  const { scenarios, diagnostics } = compileScenarioDocuments(set, options);
  return [...diagnostics, ...scenarios.flatMap((scenario) => scenario.configNotes)];
}

/** Each Scenario document of `set` compiled as `check` compiles it, or its problems. */
export function compileScenarioDocuments(
  set: LoadedSet,
  options: CompileOptions = {},
): {
  scenarios: CompiledScenario[];
  diagnostics: Diagnostic[];
} {
  const documents = set.extraDocuments.filter((document) => document.kind === SCENARIO_KIND);
  const diagnostics = duplicateScenarioNames(documents);
  const scenarios: CompiledScenario[] = [];
  for (const document of documents) {
    try {
      scenarios.push(compileScenario(document, setOfScenario(document, set), options));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      diagnostics.push(...error.diagnostics);
    }
  }
  return { scenarios, diagnostics };
}

/** What `check` would load for this Scenario: its own file plus the files it includes. */
function setOfScenario(document: ExtraDocument, set: LoadedSet): LoadedSet {
  const file = document.source.file;
  const own = resourcesOfFile(set, file);
  const include = includedFiles(document, file === STDIN_PATH ? '.' : file);
  if (include.length === 0) return own;
  const included = loadFiles(include);
  return {
    files: [...own.files, ...included.files],
    resources: [...own.resources, ...included.resources],
    pipelines: [...own.pipelines, ...included.pipelines],
    pipelineRuns: [...own.pipelineRuns, ...included.pipelineRuns],
    tasks: [...own.tasks, ...included.tasks],
    taskRuns: [...own.taskRuns, ...included.taskRuns],
    stepActions: [...own.stepActions, ...included.stepActions],
    extraDocuments: [...own.extraDocuments, ...included.extraDocuments],
    volumeSources: new Map([...own.volumeSources, ...included.volumeSources]),
    rejected: [...own.rejected, ...included.rejected],
    diagnostics: [...own.diagnostics, ...included.diagnostics],
  };
}

function resourcesOfFile(set: LoadedSet, file: string): LoadedSet {
  const inFile = <T extends { source: { file: string } }>(items: T[]) =>
    items.filter((item) => item.source.file === file);
  return {
    files: [file],
    resources: inFile(set.resources),
    pipelines: inFile(set.pipelines),
    pipelineRuns: inFile(set.pipelineRuns),
    tasks: inFile(set.tasks),
    taskRuns: inFile(set.taskRuns),
    // StepActions are looked up by name wherever they were loaded, as in a namespace.
    stepActions: set.stepActions,
    extraDocuments: inFile(set.extraDocuments),
    // ConfigMap data is kept without its file; every loaded one stays visible.
    volumeSources: set.volumeSources,
    rejected: inFile(set.rejected),
    diagnostics: set.diagnostics.filter((diagnostic) => diagnostic.location?.file === file),
  };
}
