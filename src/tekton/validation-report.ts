// What `tekton-sim validate` found, computed once and rendered as text or JSON: load-time
// diagnostics, Tekton's webhook rules, and notes from resolving each pipeline's references.
import type { Diagnostic } from './diagnostics.js';
import { InputError } from './diagnostics.js';
import type { LoadedSet } from './load.js';
import type { PipelineRunResource } from './resource.js';
import { resolvePipelineRun, resolvePipelineTasks, resolveTaskRun } from './resolve.js';
import type { ResolvedTask } from './resolve.js';
import { stepCoverage } from './step-coverage.js';
import { type ValidationOptions, validateResources } from './validate/index.js';

export interface ValidationCounts {
  files: number;
  pipelines: number;
  pipelineRuns: number;
  tasks: number;
  /** TaskRuns (absent from reports made before TaskRuns were read, and when there are none). */
  taskRuns?: number;
  /** Pipeline tasks whose Task the simulator cannot see (resolvers, bundles, custom tasks...). */
  opaqueTasks: number;
  errors: number;
  warnings: number;
  notes: number;
  /** Steps among the loaded files, and those whose scripts the interpreter reads only in part. */
  steps: number;
  stepsNotFullySimulated: number;
}

export interface ValidationReport {
  files: string[];
  counts: ValidationCounts;
  /** Sorted by file, line and column; duplicates removed. */
  diagnostics: Diagnostic[];
}

/** `extra`: problems found outside Tekton's rules, such as those of Scenario documents. */
export function buildValidationReport(
  set: LoadedSet,
  extra: readonly Diagnostic[] = [],
  options: ValidationOptions = {},
): ValidationReport {
  const diagnostics = [...set.diagnostics, ...validateResources(set.resources, options), ...extra];
  const resolved = resolveAll(set);
  diagnostics.push(...resolved.diagnostics);
  const sorted = sortDiagnostics(dedupe(diagnostics));
  return {
    files: set.files,
    counts: {
      files: set.files.length,
      pipelines: set.pipelines.length,
      pipelineRuns: set.pipelineRuns.length,
      tasks: set.tasks.length,
      ...(set.taskRuns.length > 0 ? { taskRuns: set.taskRuns.length } : {}),
      opaqueTasks: resolved.opaqueTasks,
      ...countSeverities(sorted),
      ...stepCounts(set),
    },
    diagnostics: sorted,
  };
}

/** A report for input that could not be loaded at all, for `--output json`. */
export function inputErrorReport(error: InputError): ValidationReport {
  const diagnostics = sortDiagnostics(error.diagnostics);
  const files = [...new Set(diagnostics.flatMap((d) => (d.location ? [d.location.file] : [])))];
  return {
    files,
    counts: {
      files: 0,
      pipelines: 0,
      pipelineRuns: 0,
      tasks: 0,
      opaqueTasks: 0,
      ...countSeverities(diagnostics),
      steps: 0,
      stepsNotFullySimulated: 0,
    },
    diagnostics,
  };
}

/**
 * Resolves every PipelineRun, and every Pipeline no PipelineRun uses, for their notes. A
 * PipelineRun whose Pipeline is elsewhere is valid Tekton; it only cannot be simulated from
 * these files, so that is a warning (a missing name) or a note (a resolver or bundle).
 */
function resolveAll(set: LoadedSet): { diagnostics: Diagnostic[]; opaqueTasks: number } {
  const diagnostics: Diagnostic[] = [];
  let opaqueTasks = 0;
  const countOpaque = (tasks: Map<string, ResolvedTask>) => {
    for (const task of tasks.values()) if (task.opaque) opaqueTasks += 1;
  };
  const usedPipelines = new Set<string>();
  for (const run of set.pipelineRuns) {
    try {
      const resolved = resolvePipelineRun(set, run);
      if (resolved.pipelineSource?.resource.kind === 'Pipeline') {
        usedPipelines.add(pipelineKey(resolved.pipelineSource.resource));
      }
      diagnostics.push(...resolved.diagnostics);
      countOpaque(resolved.tasks);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const severity = unresolvedRunSeverity(run);
      if (severity) diagnostics.push(...error.diagnostics.map((d) => ({ ...d, severity })));
    }
  }
  // A TaskRun's Task, as `run --taskrun` would resolve it: a note when it cannot be seen.
  for (const run of set.taskRuns) {
    const resolved = resolveTaskRun(set, run);
    diagnostics.push(...resolved.diagnostics);
    if (resolved.task.opaque) opaqueTasks += 1;
  }
  for (const pipeline of set.pipelines) {
    if (usedPipelines.has(pipelineKey(pipeline))) continue;
    const resolved = resolvePipelineTasks(set, pipeline.spec, {
      resource: pipeline,
      fieldPath: 'spec',
      path: ['spec'],
    });
    diagnostics.push(...resolved.diagnostics);
    countOpaque(resolved.tasks);
  }
  return { diagnostics, opaqueTasks };
}

function unresolvedRunSeverity(run: PipelineRunResource): Diagnostic['severity'] | undefined {
  const { pipelineRef, pipelineSpec } = run.spec;
  // Neither or both of pipelineRef and pipelineSpec: the validation rules report that.
  if (!pipelineRef || pipelineSpec) return undefined;
  if (pipelineRef.resolver || pipelineRef.bundle) return 'note';
  return 'warning';
}

function pipelineKey(resource: {
  source: { file: string; documentIndex: number };
  metadata: { name: string };
}): string {
  return `${resource.source.file}\u0000${resource.source.documentIndex}\u0000${resource.metadata.name}`;
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = JSON.stringify([d.severity, d.message, d.fieldPath, d.location, d.resource]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** By file, line and column; messages without a position (whole-file problems) first. Stable. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => {
    if (!a.location || !b.location) return (a.location ? 1 : 0) - (b.location ? 1 : 0);
    const byFile =
      a.location.file < b.location.file ? -1 : a.location.file > b.location.file ? 1 : 0;
    return byFile || a.location.line - b.location.line || a.location.column - b.location.column;
  });
}

function stepCounts(set: LoadedSet): Pick<ValidationCounts, 'steps' | 'stepsNotFullySimulated'> {
  const coverage = stepCoverage(set);
  return { steps: coverage.steps, stepsNotFullySimulated: coverage.notFullySimulated };
}

function countSeverities(
  diagnostics: readonly Diagnostic[],
): Pick<ValidationCounts, 'errors' | 'warnings' | 'notes'> {
  const count = (severity: Diagnostic['severity']) =>
    diagnostics.filter((d) => d.severity === severity).length;
  return { errors: count('error'), warnings: count('warning'), notes: count('note') };
}
