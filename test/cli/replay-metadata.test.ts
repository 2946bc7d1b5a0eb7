// `replay -o json` prints a seed's PipelineRun as `run -o json` prints one: with the uid the
// API server gave it, which its TaskRuns' tekton.dev/pipelineRunUID label and
// ownerReferences repeat.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from './run-cli.js';

interface Item {
  kind: string;
  metadata: {
    uid?: string;
    labels?: Record<string, string>;
    ownerReferences?: { uid: string }[];
  };
}

test('cli: replay -o json: the PipelineRun has its uid, and its TaskRuns name it', async () => {
  const result = await runCli(
    'replay',
    'scenarios/tep-0046-hello-world.scenario.yaml',
    '--seed',
    '1',
    '-o',
    'json',
  );
  assert.is(result.code, 0, result.stderr);
  const items = (JSON.parse(result.stdout) as { items: Item[] }).items;
  const [pipelineRun, ...taskRuns] = items;
  assert.is(pipelineRun.kind, 'PipelineRun');
  const uid = pipelineRun.metadata.uid;
  assert.match(String(uid), /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.ok(taskRuns.length > 0);
  for (const taskRun of taskRuns) {
    assert.is(taskRun.metadata.labels?.['tekton.dev/pipelineRunUID'], uid);
    assert.is(taskRun.metadata.ownerReferences?.[0].uid, uid);
  }
});

test.run();
