import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCase } from '../conformance/harness.js';

test('taskrun: a step that sleeps forever with no timeout ends only at the pipeline deadline', () => {
  const run = runCase(`apiVersion: tekton.dev/v1
kind: PipelineRun
metadata: {name: forever}
spec:
  timeouts: {pipeline: 30s}
  pipelineSpec:
    tasks:
      - name: t
        timeout: "0"
        taskSpec:
          steps:
            - {name: s, image: alpine, script: "sleep infinity"}
`);
  assert.is(run.view.pipelineRun.condition.reason, 'PipelineRunTimeout');
  assert.is(run.taskRun('t').condition.reason, 'TaskRunCancelled');
  assert.is(run.taskRun('t').completionTimeMs, 30_000);
});

test.run();
