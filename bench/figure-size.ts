// Figure 3: cost per task stays flat with pipeline size. Each pipeline is prepared once, then
// simulated repeatedly until about a quarter second of CPU is spent, and the CPU time per run
// divided by its tasks is compared with the 10-task pipeline's. `tekton-sim run` of each file
// (load, validate, prepare, simulate, print) is timed as a child process.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadFiles, loadText, preparePipelineRun, simulateRun } from '../src/index.js';
import type { Plan } from '../src/plan/plan.js';
import { type Figure, formatNumber, skipped, verdict } from './figure.js';
import { canMeasureChildren, runChild, timed } from './measure.js';
import { CLI, COMPILER_PERF, PROJECT_ROOT, present } from './paths.js';
import { chain, fanOut, layered, tenTasks } from './pipelines.js';

const FLATNESS_FACTOR = 2;
const RUN_CPU_LIMIT_S = 1;
const MEASURE_CPU_S = 0.25;

interface Sized {
  name: string;
  file: string;
  plan: Plan;
  edges: number;
}

/** CPU microseconds per task per run. */
function perTaskCostUs(plan: Plan): number {
  const once = timed(() => simulateRun(plan));
  const reps = Math.max(1, Math.min(10_000, Math.ceil(MEASURE_CPU_S / Math.max(once.cpuS, 1e-6))));
  const all = timed(() => {
    for (let i = 0; i < reps; i++) simulateRun(plan);
  });
  return (all.cpuS / reps / plan.tasks.length) * 1e6;
}

export function sizeFigures(): Figure[] {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'tekton-sim-bench-'));
  try {
    const pipelines: Sized[] = [tenTasks(), chain(5000), fanOut(5000), layered(8, 125)].map(
      (pipeline) => {
        const file = path.join(directory, `${pipeline.name}.yaml`);
        writeFileSync(file, pipeline.yaml);
        const { plan } = preparePipelineRun(loadText(pipeline.yaml, file));
        return { name: pipeline.name, file, plan, edges: pipeline.edges };
      },
    );
    const [reference, ...large] = pipelines;
    if (present(COMPILER_PERF)) {
      const { plan } = preparePipelineRun(loadFiles([COMPILER_PERF]));
      large.unshift({ name: 'kfp compiler_perf', file: COMPILER_PERF, plan, edges: 0 });
    }
    const referenceUs = perTaskCostUs(reference.plan);
    const figures: Figure[] = [];
    if (!present(COMPILER_PERF))
      figures.push(
        skipped(
          '3. kfp compiler_perf',
          `within ${FLATNESS_FACTOR}x`,
          'the corpus is not beside the project',
        ),
      );
    for (const pipeline of large) figures.push(...pipelineFigures(pipeline, referenceUs));
    figures.push(runFigure(reference));
    return figures;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function pipelineFigures(pipeline: Sized, referenceUs: number): Figure[] {
  const costUs = perTaskCostUs(pipeline.plan);
  const factor = costUs / referenceUs;
  const shape = `${formatNumber(pipeline.plan.tasks.length)} tasks, ${formatNumber(pipeline.edges)} edges`;
  return [
    {
      name: `3. per-task cost ${pipeline.name}`,
      measured: `${factor.toFixed(2)}x the 10-task (${costUs.toFixed(2)} vs ${referenceUs.toFixed(2)} us/task; ${shape})`,
      target: `within ${FLATNESS_FACTOR}x`,
      verdict: verdict(factor <= FLATNESS_FACTOR),
    },
    runFigure(pipeline),
  ];
}

function runFigure(pipeline: Sized): Figure {
  const name = `3. tekton-sim run ${pipeline.name}`;
  const target = `< ${RUN_CPU_LIMIT_S} s`;
  if (!canMeasureChildren()) return skipped(name, target, 'GNU time is missing');
  const child = runChild(process.execPath, [CLI, 'run', pipeline.file], PROJECT_ROOT);
  if (child.status !== 0)
    return {
      name,
      measured: `exit ${child.status}: ${child.stderr.split('\n')[0]}`,
      target,
      verdict: 'FAIL',
    };
  return {
    name,
    measured: `${child.cpuS.toFixed(2)} s CPU (${child.wallS.toFixed(2)} s wall)`,
    target,
    verdict: verdict(child.cpuS < RUN_CPU_LIMIT_S),
  };
}
