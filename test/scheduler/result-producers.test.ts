// Propagated results read the done tasks that have results from a list kept as tasks finish,
// in task order, instead of a pass over every task for each TaskRun created.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { simulate } from '../../src/engine/simulation.js';
import { preparePipelineRun } from '../../src/plan/prepare.js';
import { loadText } from '../../src/tekton/load.js';

function task(name: string, seconds: number, writes: boolean, runAfter = ''): string {
  const result = writes ? '\n          results: [{name: out}]' : '';
  const write = writes ? `; echo -n ${name} > $(results.out.path)` : '';
  return `      - name: ${name}${runAfter ? `\n        runAfter: [${runAfter}]` : ''}
        taskSpec:${result}
          steps:
            - name: run
              image: alpine
              script: sleep ${seconds}${write}`;
}

const RUN = `apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: producers
spec:
  pipelineSpec:
    tasks:
${[
  task('slow', 9, true),
  task('quiet', 1, false),
  task('fast', 2, true),
  task('last', 1, false, 'slow, quiet, fast'),
].join('\n')}
`;

test('scheduler: result producers: done tasks with results, in task order, whatever order they finished in', () => {
  const { plan } = preparePipelineRun(loadText(RUN, 'producers.yaml'));
  const { state } = simulate(plan);
  assert.equal(state.resultProducers, [0, 2]);
});

test.run();
