// Which shell constructs and commands the step scripts of a corpus use that the interpreter
// does not simulate, most used first: the order in which to implement them. Every step of
// every Task, Pipeline and PipelineRun found is compiled as `run` would compile it; each
// distinct thing reported counts once per step. Steps of Tekton's own PipelineRun examples
// are counted apart, since those must run as Tekton runs them.
//
//   node --import tsx scripts/shell-usage.ts [CORPUS_DIR]   (default: ../shared/corpus/tekton)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, loadFiles } from '../src/index.js';
import { compileStep } from '../src/shell/index.js';
import type { PipelineSpec, TaskSpec } from '../src/tekton/types.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(process.argv[2] ?? path.join(root, '..', 'shared', 'corpus', 'tekton'));
const EXAMPLES = /examples__v1__pipelineruns__(?!no-ci)/;

interface Tally {
  steps: number;
  examples: number;
}

function yamlFiles(directory: string): string[] {
  return fs
    .readdirSync(directory, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) return yamlFiles(full);
      return /\.ya?ml$/.test(entry.name) ? [full] : [];
    })
    .sort();
}

function embedded(pipeline: PipelineSpec | undefined): (TaskSpec | undefined)[] {
  return [...(pipeline?.tasks ?? []), ...(pipeline?.finally ?? [])].flatMap((task) => [
    task?.taskSpec,
    ...embedded(task?.pipelineSpec),
  ]);
}

/** `command not simulated: git` and `command not simulated: git (in a function)` alike. */
function normalised(message: string): string {
  return message.replace(/^(syntax error) at line \d+:.*$/, '$1').replace(/ \(.*\)$/, '');
}

const tallies = new Map<string, Tally>();
let steps = 0;
let exampleSteps = 0;
for (const file of yamlFiles(corpus)) {
  let set: ReturnType<typeof loadFiles>;
  try {
    set = loadFiles([file]);
  } catch (error) {
    if (error instanceof InputError) continue;
    throw error;
  }
  const isExample = EXAMPLES.test(path.basename(file));
  const specs = [
    ...set.tasks.map((task) => task.spec),
    ...set.pipelines.flatMap((pipeline) => embedded(pipeline.spec)),
    ...set.pipelineRuns.flatMap((run) => embedded(run.spec.pipelineSpec)),
  ];
  for (const spec of specs) {
    for (const step of spec?.steps ?? []) {
      if (!step) continue;
      steps += 1;
      if (isExample) exampleSteps += 1;
      const reported = new Set<string>();
      compileStep(step, (message) => reported.add(normalised(message)));
      for (const message of reported) {
        const tally = tallies.get(message) ?? { steps: 0, examples: 0 };
        tally.steps += 1;
        if (isExample) tally.examples += 1;
        tallies.set(message, tally);
      }
    }
  }
}

const rows = [...tallies].sort(
  ([a, x], [b, y]) => y.steps - x.steps || y.examples - x.examples || (a < b ? -1 : 1),
);
console.log(`${steps} steps (${exampleSteps} in Tekton's PipelineRun examples)`);
console.log('steps  examples  not simulated');
for (const [message, tally] of rows) {
  console.log(
    `${String(tally.steps).padStart(5)}  ${String(tally.examples).padStart(8)}  ${message}`,
  );
}
