// A cluster written on its own (`tekton-sim run FILE --cluster CLUSTER.yaml`): a YAML
// document whose top level holds the fields of a Scenario's spec.cluster, checked by the same
// schema and parser, with errors at the cluster file's own lines and columns.
import { readFileSync } from 'node:fs';
import { slotNodes } from '../cluster/nodes.js';
import { parseWholeNumber } from '../model/whole-number.js';
import { InputError, type Diagnostic, type SourceLocation } from '../tekton/diagnostics.js';
import { emptyFileError } from '../tekton/empty-file.js';
import { parseYaml } from '../tekton/yaml-source.js';
import type { ClusterModel } from './cluster-model.js';
import { fieldPath, type SchemaPath } from './field-path.js';
import { formatBound, MAX_SLOTS } from './limits.js';
import type { ValueProblem } from './parse-distribution.js';
import { parseCluster } from './parse-cluster.js';
import { scenarioSchemaErrors } from './schema-messages.js';

export interface ClusterFile {
  cluster: ClusterModel;
  /** Where a field of the cluster (a path as the Scenario's spec.cluster has it) is written. */
  locate(path: SchemaPath): SourceLocation;
}

export function loadClusterFile(file: string): ClusterFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError({ severity: 'error', message: `cannot read the cluster file ${file}` });
  }
  const parsed = parseYaml(text, file);
  const errors = parsed.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length > 0) throw new InputError(errors);
  const document = parsed.documents.find((each) => !each.empty);
  if (!document) throw new InputError(emptyFileError(file));
  const value = document.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InputError({
      severity: 'error',
      message: `${file}: a cluster file holds one map of spec.cluster's fields, e.g. "slots: 4" or "nodes: [...]"`,
    });
  const toDiagnostic = (problem: ValueProblem): Diagnostic => {
    const path: SchemaPath = problem.path.slice(2);
    return {
      severity: 'error',
      message: problem.message,
      fieldPath: fieldPath(path.length > 0 ? path : ['cluster']),
      location: document.source.locate(path),
    };
  };
  // The scenario schema judges the fields where a Scenario would hold them.
  const wrapped = {
    apiVersion: 'tekton-sim/v1alpha1',
    kind: 'Scenario',
    metadata: { name: 'cluster' },
    spec: { cluster: value },
  };
  const schemaErrors = scenarioSchemaErrors(wrapped);
  if (schemaErrors.length > 0) throw new InputError(schemaErrors.map(toDiagnostic));
  const problems: ValueProblem[] = [];
  const cluster = parseCluster(value as Record<string, unknown>, problems);
  if (problems.length > 0) throw new InputError(problems.map(toDiagnostic));
  return { cluster, locate: (path) => document.source.locate(path.slice(2)) };
}

/** `--slots N`: N slots and nothing else limited. */
export function slotsCluster(raw: number | string): ClusterModel {
  const slots = parseWholeNumber(raw);
  if (slots === undefined || slots < 1 || slots > MAX_SLOTS)
    throw new InputError({
      severity: 'error',
      message: `--slots: "${raw}" should be a whole number from 1 to ${formatBound(MAX_SLOTS)}`,
    });
  return {
    nodes: slotNodes(slots),
    defaultRequest: {},
    controller: { workers: 2, reconcileMs: 0, qps: Number.POSITIVE_INFINITY, burst: 1 },
    faults: { podEviction: 0, imagePullFailure: 0 },
  };
}
