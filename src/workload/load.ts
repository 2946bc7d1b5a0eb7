// Finds the Scenario documents in files and directories and compiles each with the Tekton
// YAML of its own file plus the files it includes. Each scenario sees only those files, so
// scenarios beside each other may reuse PipelineRun names.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InputError, type Diagnostic } from '../tekton/diagnostics.js';
import { expandPaths } from '../tekton/files.js';
import { type ExtraDocument, loadFiles } from '../tekton/load.js';
import { compileScenario, type CompileOptions, type CompiledScenario } from './compile.js';
import { duplicateScenarioNames } from './scenario-names.js';

export const SCENARIO_KIND = 'Scenario';

/** Scenarios in the given files and directories, in path order; PipelineRun files without a Scenario are not scenarios. */
export function loadScenarios(
  paths: readonly string[],
  options: CompileOptions = {},
): CompiledScenario[] {
  const { files, problems } = expandPaths(paths);
  if (problems.length > 0) throw new InputError(problems);
  const scenarios: CompiledScenario[] = [];
  const errors: Diagnostic[] = [];
  for (const input of files) {
    // A directory may hold YAML that is not ours at all; only files that mention our
    // apiVersion can hold a Scenario, and the others are not read as Tekton.
    if (!input.explicit && !readFileSync(input.path, 'utf8').includes('tekton-sim/')) continue;
    try {
      const own = loadFiles([input.path]);
      const ownScenarios = own.extraDocuments.filter((document) => document.kind === SCENARIO_KIND);
      errors.push(...duplicateScenarioNames(ownScenarios));
      for (const document of ownScenarios) {
        try {
          const include = includedFiles(document, input.path);
          const set = include.length > 0 ? loadFiles([input.path, ...include]) : own;
          scenarios.push(compileScenario(document, set, options));
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          errors.push(...error.diagnostics);
        }
      }
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      errors.push(...error.diagnostics);
    }
  }
  if (errors.length > 0) throw new InputError(errors);
  return scenarios;
}

/**
 * The files a Scenario's spec.include names, relative to the Scenario's own file (an absolute
 * path as written); an entry that cannot be read is an InputError at its own field,
 * `spec.include[i]`, rather than a line naming a path the user never wrote.
 */
export function includedFiles(document: ExtraDocument, file: string): string[] {
  const spec = document.value.spec as Record<string, unknown> | undefined;
  const include = Array.isArray(spec?.include) ? spec.include : [];
  const files: string[] = [];
  const problems: Diagnostic[] = [];
  include.forEach((item, index) => {
    if (typeof item !== 'string') return;
    const included = path.isAbsolute(item) ? item : path.join(path.dirname(file), item);
    for (const problem of expandPaths([included]).problems)
      problems.push({
        severity: 'error',
        message: `cannot include ${problem.message}`,
        fieldPath: `spec.include[${index}]`,
        location: document.source.locate(['spec', 'include', index]),
      });
    files.push(included);
  });
  if (problems.length > 0) throw new InputError(problems);
  return files;
}
