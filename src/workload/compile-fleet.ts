// The fleet part of a Scenario (spec.cluster, spec.arrivals, spec.admission) compiled against
// the loaded PipelineRuns: values parsed, the arrivals' CSV read, the mix's PipelineRuns
// prepared, and every pod checked to fit somewhere before anything is simulated.
import path from 'node:path';
import { readTextFile } from '../tekton/files.js';
import { preparePipelineRun, type PreparedRun } from '../plan/prepare.js';
import type { TektonConfig } from '../model/tekton-config.js';
import type { ExtraDocument, LoadedSet } from '../tekton/load.js';
import { parseArrivalsCsv, type CsvArrivalRow } from './arrivals-csv.js';
import { checkMixNames, checkPodsFit } from './check-cluster.js';
import type { FleetModel } from './cluster-model.js';
import type { SchemaPath } from './field-path.js';
import type { ValueProblem } from './parse-distribution.js';
import { parseAdmission, parseArrivals, parseCluster } from './parse-cluster.js';

export interface CompiledFleet extends FleetModel {
  /** The PipelineRuns arrivals may be, by name; the scenario's own among them. */
  runs: ReadonlyMap<string, PreparedRun>;
}

type Raw = Record<string, unknown>;

/** Undefined when the Scenario has none of cluster, arrivals and admission. */
export function compileFleet(
  document: ExtraDocument,
  set: LoadedSet,
  prepared: PreparedRun,
  options: { profile?: string; defaultTimeoutMs?: number; tektonConfig?: TektonConfig },
  problems: ValueProblem[],
): CompiledFleet | undefined {
  const spec = (document.value.spec ?? {}) as Raw;
  if (spec.cluster === undefined && spec.arrivals === undefined && spec.admission === undefined)
    return undefined;
  const cluster =
    spec.cluster === undefined ? undefined : parseCluster(spec.cluster as Raw, problems);
  const readCsv = (file: string, at: SchemaPath) => readArrivals(document, file, at, problems);
  const arrivals =
    spec.arrivals === undefined
      ? undefined
      : parseArrivals(spec.arrivals as Raw, problems, readCsv);
  const admission =
    spec.admission === undefined ? undefined : parseAdmission(spec.admission as Raw, problems);
  const runs = new Map<string, PreparedRun>([[prepared.plan.pipelineRunName, prepared]]);
  if (arrivals) {
    const known = set.pipelineRuns.map((run) => run.metadata.name ?? '');
    const named = arrivals.mix.map((entry) => entry.pipelineRun);
    if (arrivals.process.kind === 'csv')
      named.push(
        ...arrivals.process.rows.flatMap((row) => (row.pipelineRun ? [row.pipelineRun] : [])),
      );
    checkMixNames(named, known, problems);
    if (problems.length > 0) return undefined;
    for (const name of new Set(named))
      if (!runs.has(name))
        runs.set(name, preparePipelineRun(set, { ...options, pipelineRun: name }));
  }
  if (cluster && problems.length === 0)
    for (const run of runs.values()) checkPodsFit(run.plan, cluster, problems);
  return { cluster, arrivals, admission, runs };
}

function readArrivals(
  document: ExtraDocument,
  file: string,
  at: SchemaPath,
  problems: ValueProblem[],
): CsvArrivalRow[] {
  // Relative to the Scenario's file, as the schema says; an absolute path as written.
  const full = path.isAbsolute(file) ? file : path.join(path.dirname(document.source.file), file);
  // The same checks as every YAML file: a size bound, no binary, UTF-8.
  const read = readTextFile(full);
  if ('problem' in read) {
    problems.push({
      path: at,
      message: `cannot read the arrivals CSV ${JSON.stringify(file)}: ${read.problem.message}`,
    });
    return [];
  }
  const text = read.text;
  const csvProblems: { line: number; column: number; message: string }[] = [];
  const rows = parseArrivalsCsv(text, csvProblems);
  for (const problem of csvProblems)
    problems.push({
      path: at,
      message: `${file}:${problem.line}:${problem.column}: ${problem.message}`,
    });
  if (rows.length === 0 && csvProblems.length === 0)
    problems.push({ path: at, message: `the arrivals CSV ${JSON.stringify(file)} has no rows` });
  return rows;
}
