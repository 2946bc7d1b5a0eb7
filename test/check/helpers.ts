// Small PipelineRuns compiled from YAML text, simulated with a trace, for the checker tests.
import type { SimulationOptions } from '../../src/engine/simulation.js';
import type { RunObservation } from '../../src/check/invariants/types.js';
import { preparePipelineRun, simulateRun } from '../../src/index.js';
import { loadText } from '../../src/tekton/load.js';

export interface TaskShape {
  name: string;
  sleepSeconds: number;
  exitCode?: number;
  runAfter?: string[];
  retries?: number;
  timeout?: string;
}

/** A PipelineRun with embedded specs whose steps `sleep` and `exit`. */
export function pipelineRunYaml(
  tasks: TaskShape[],
  finallyTasks: TaskShape[] = [],
  timeouts = '',
): string {
  const render = (task: TaskShape) =>
    [
      `      - name: ${task.name}`,
      task.runAfter ? `        runAfter: [${task.runAfter.join(', ')}]` : '',
      task.retries ? `        retries: ${task.retries}` : '',
      task.timeout ? `        timeout: ${task.timeout}` : '',
      '        taskSpec:',
      '          steps:',
      '            - name: main',
      '              image: busybox',
      '              script: |',
      `                sleep ${task.sleepSeconds}`,
      `                exit ${task.exitCode ?? 0}`,
    ]
      .filter((line) => line !== '')
      .join('\n');
  return [
    'apiVersion: tekton.dev/v1',
    'kind: PipelineRun',
    'metadata:',
    '  name: demo',
    'spec:',
    timeouts ? `  timeouts:\n${timeouts}` : '',
    '  pipelineSpec:',
    '    tasks:',
    ...tasks.map(render),
    finallyTasks.length > 0 ? '    finally:' : '',
    ...finallyTasks.map(render),
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

export function observe(
  yaml: string,
  options: SimulationOptions & { profile?: string } = {},
): RunObservation {
  const prepared = preparePipelineRun(loadText(yaml, 'test.yaml'), { profile: options.profile });
  const { result } = simulateRun(prepared.plan, { ...options, trace: true });
  return { plan: prepared.plan, result, cancelLatencyMs: options.cancelLatencyMs };
}
