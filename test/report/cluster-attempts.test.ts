// report-attempts.csv of a cluster scenario: every PipelineRun's TaskRun attempts, each row
// numbered by its PipelineRun as report-runs.csv numbers them. Four arrivals of one
// PipelineRun share its name (and so their TaskRuns' names), so only pipelinerun_index tells
// their rows apart.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli as cli } from '../cli/run-cli.js';

const FIXTURE = 'test/fixtures/perfetto/queue.scenario.yaml';

test('report: a cluster scenario writes one attempt row per TaskRun of every PipelineRun', async () => {
  const directory = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-attempts-')), 'r');
  const { code, stderr } = await cli('report', FIXTURE, '--out', directory, '--format', 'csv');
  assert.is(code, 0, stderr);
  const lines = fs.readFileSync(path.join(directory, 'report-attempts.csv'), 'utf8').trim();
  const [header, ...rows] = lines.split('\n');
  assert.is(
    header,
    'scenario,seed,pipelinerun_index,task,taskrun,attempt,is_finally,created_ms,started_ms,completed_ms,duration_ms,status,reason',
  );
  // Seeds 1..2, four PipelineRuns each, two tasks each, one attempt each.
  assert.is(rows.length, 16);
  const seedOne = rows.filter((row) => row.startsWith('queued,1,'));
  assert.equal(
    seedOne.map((row) => row.split(',').slice(2, 5).join(',')),
    [0, 1, 2, 3].flatMap((index) => [`${index},build,queued-build`, `${index},test,queued-test`]),
  );
  // One slot, reconciles of 100ms: the nth arrival's build is created n reconciles in.
  assert.equal(
    seedOne.filter((row) => row.includes(',build,')).map((row) => row.split(',')[7]),
    ['100', '200', '300', '400'],
  );
  for (const row of rows) assert.ok(row.endsWith(',True,Succeeded'), row);
});

test.run();
