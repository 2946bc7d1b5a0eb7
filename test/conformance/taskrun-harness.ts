// Runs a standalone TaskRun case through exactly the code path of `tekton-sim run --taskrun`:
// load, select, validate and prepare (plan/prepare-taskrun.ts), simulate, print as kubectl.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  prepareTaskRun,
  selectRun,
  simulateRun,
  toKubectlTaskRunList,
  type PrepareOptions,
  type PreparedTaskRun,
} from '../../src/index.js';
import type { SimulationOptions } from '../../src/engine/simulation.js';
import type { RunView, TaskRunView } from '../../src/model/status.js';
import type { JsonObject } from '../../src/report/kubectl.js';
import { loadText } from '../../src/tekton/load.js';
import { toJsonText } from '../../src/report/serialize.js';

const casesDirectory = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cases');

export interface TaskRunCase {
  view: RunView;
  prepared: PreparedTaskRun;
  taskRun: TaskRunView;
  /** The TaskRun as `kubectl get taskrun -o json` shows it (before kubectl's key sort). */
  object: JsonObject;
  /** The whole List as `kubectl get taskrun -o json` text, for byte comparisons. */
  json: string;
  /** What the steps assumed about files nothing wrote (SimulationResult.fileWarnings). */
  fileWarnings: string[];
}

export function runTaskRunCase(
  yamlText: string,
  options: PrepareOptions & Pick<SimulationOptions, 'patches'> & { taskRun?: string } = {},
): TaskRunCase {
  const set = loadText(yamlText, 'case.yaml');
  const run = selectRun(set, { taskRun: options.taskRun });
  if (run.kind !== 'TaskRun') throw new Error(`case holds PipelineRun ${run.metadata.name}`);
  const prepared = prepareTaskRun(set, run, options);
  const simulated = simulateRun(prepared.plan, { patches: options.patches, trace: true });
  const view = simulated.view;
  const list = toKubectlTaskRunList(
    view,
    { metadata: { ...run.metadata, namespace: prepared.plan.namespace }, spec: run.spec },
    { startTimeEpochMs: Date.UTC(2000, 0, 1) },
  );
  return {
    view,
    prepared,
    taskRun: view.taskRuns[0],
    object: list.items[0],
    json: toJsonText(list),
    fileWarnings: simulated.result.fileWarnings,
  };
}

export function runTaskRunCaseFile(
  fileName: string,
  options: Parameters<typeof runTaskRunCase>[1] = {},
): TaskRunCase {
  return runTaskRunCase(readFileSync(path.join(casesDirectory, fileName), 'utf8'), options);
}
