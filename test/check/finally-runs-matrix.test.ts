import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkRun, loadText, preparePipelineRun, simulateRun } from '../../src/index.js';

// tektoncd/pipeline's examples/v1beta1/pipelineruns/alpha/pipelinerun-with-matrix.yaml in
// miniature: a finally task fanned out over an empty array, which Tekton skips on purpose.
const EMPTY_MATRIX_FINALLY = `apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: empty-matrix
spec:
  pipelineSpec:
    params:
      - name: platforms
        type: array
        default: []
    tasks:
      - name: build
        taskSpec:
          steps:
            - name: s
              image: alpine
              script: exit 0
    finally:
      - name: report
        matrix:
          params:
            - name: platform
              value: $(params.platforms[*])
        taskSpec:
          params:
            - name: platform
          steps:
            - name: s
              image: alpine
              script: exit 0
`;

test('invariants: finally-runs: a finally task skipped for an empty matrix array is not a violation', () => {
  const prepared = preparePipelineRun(loadText(EMPTY_MATRIX_FINALLY, 'empty-matrix.yaml'));
  const { view, result } = simulateRun(prepared.plan, { seed: 1, trace: true });
  assert.equal(
    view.pipelineRun.skippedTasks.map((task) => [task.name, task.reason]),
    [['report', 'Matrix Parameters have an empty array']],
  );
  const { violations } = checkRun({ plan: prepared.plan, result });
  assert.equal(violations, []);
});

test.run();
