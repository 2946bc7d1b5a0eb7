// Runs a conformance case through exactly the code path of `tekton-sim run`: load YAML text,
// validate, resolve, compile, simulate, build the Tekton-shaped view.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { preparePipelineRun, simulateRun, type PrepareOptions } from '../../src/index.js';
import { loadText } from '../../src/tekton/load.js';
import type { SimulationOptions } from '../../src/engine/simulation.js';
import type { RunView, TaskRunView } from '../../src/model/status.js';
import type { PreparedRun } from '../../src/index.js';
import { createdRunMetadata } from '../../src/plan/prepare.js';
import type { TraceEvent } from '../../src/model/trace.js';
import { toKubectlList } from '../../src/report/kubectl.js';
import { toJsonText } from '../../src/report/serialize.js';

const casesDirectory = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cases');

export function caseText(fileName: string): string {
  return readFileSync(path.join(casesDirectory, fileName), 'utf8');
}

export interface CaseRun {
  view: RunView;
  prepared: PreparedRun;
  trace: TraceEvent[];
  /** Every PipelineRun condition the run went through, as `atMs Status/Reason: message`. */
  conditions(): string[];
  /** `kubectl get pipelinerun,taskrun -o json` text, for byte comparisons. */
  json: string;
  taskRun(pipelineTaskName: string): TaskRunView;
  taskRunNames(): string[];
  skipped(): Record<string, string>;
}

export function runCase(
  yamlText: string,
  options: PrepareOptions & Pick<SimulationOptions, 'patches' | 'faults'> = {},
): CaseRun {
  const set = loadText(yamlText, 'case.yaml');
  const prepared = preparePipelineRun(set, options);
  const { view, result } = simulateRun(prepared.plan, {
    patches: options.patches,
    faults: options.faults,
    trace: true,
  });
  const json = toJsonText(
    toKubectlList(
      view,
      // As `tekton-sim run` does: the PipelineRun's uid, given or made up by the Plan.
      { spec: prepared.run.spec, metadata: createdRunMetadata(prepared) },
      { startTimeEpochMs: Date.UTC(2000, 0, 1) },
    ),
  );
  return {
    view,
    prepared,
    trace: result.trace,
    conditions: () =>
      result.trace.flatMap((event) =>
        event.kind === 'condition'
          ? [`${event.atMs} ${event.status}/${event.reason}: ${event.message}`]
          : [],
      ),
    json,
    taskRun(name) {
      const found = view.taskRuns.find((taskRun) => taskRun.pipelineTaskName === name);
      if (!found)
        throw new Error(
          `no TaskRun for pipeline task "${name}"; TaskRuns: ${view.taskRuns.map((t) => t.pipelineTaskName).join(', ')}`,
        );
      return found;
    },
    taskRunNames: () => view.taskRuns.map((taskRun) => taskRun.pipelineTaskName),
    skipped: () =>
      Object.fromEntries(view.pipelineRun.skippedTasks.map((entry) => [entry.name, entry.reason])),
  };
}

export function runCaseFile(
  fileName: string,
  options: Parameters<typeof runCase>[1] = {},
): CaseRun {
  return runCase(caseText(fileName), options);
}

/** Condition as `Status/Reason`, the way the conformance document writes outcomes. */
export function outcome(view: RunView): string {
  return `${view.pipelineRun.condition.status}/${view.pipelineRun.condition.reason}`;
}

export function paramValue(taskRun: TaskRunView, name: string): unknown {
  return taskRun.params.find((param) => param.name === name)?.value;
}
