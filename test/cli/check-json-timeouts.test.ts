// `check -o json` carries each scenario's timeout kinds, the same numbers in the same shape
// as `report`'s JSON (both read the store's timeouts column through check/timeout-shares.ts);
// the text and Markdown summaries list the kinds some seed hit.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SkipReason } from '../../src/model/reasons.js';
import { runCli as cli } from './run-cli.js';

const SPLIT = 'scenarios/timeouts-split.scenario.yaml';
const KINDS = [
  'pipelinerun',
  'taskrun',
  `skip: ${SkipReason.PipelineTimedOut}`,
  `skip: ${SkipReason.TasksTimedOut}`,
  `skip: ${SkipReason.FinallyTimedOut}`,
];

interface Timeouts {
  timeouts: { kind: string; count: number; n: number }[];
}

// The same check is asked for by more than one test: each is run once for the file, and each
// caller gets its own parse of the output.
const checkOutputs = new Map<string, Promise<string>>();

async function checkJson(...args: string[]): Promise<{ scenarios: Timeouts[] }> {
  const key = JSON.stringify(args);
  let output = checkOutputs.get(key);
  if (!output) {
    output = cli('check', ...args, '-o', 'json').then(({ code, stdout, stderr }) => {
      assert.is(code, 0, stderr);
      return stdout;
    });
    checkOutputs.set(key, output);
  }
  return JSON.parse(await output);
}

async function reportJson(...args: string[]): Promise<{ scenarios: Timeouts[] }> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'check-json-timeouts-'));
  try {
    const { code, stderr } = await cli('report', ...args, '--out', out, '--format', 'json');
    assert.is(code, 0, stderr);
    return JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8'));
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

test('check -o json: every timeout kind with its share, as report.json has them', async () => {
  const args = [SPLIT, '--seeds', '300', '--workers', '1'];
  const checked = (await checkJson(...args)).scenarios[0];
  const reported = (await reportJson(...args)).scenarios[0];
  assert.equal(
    checked.timeouts.map((line) => line.kind),
    KINDS,
  );
  assert.equal(checked.timeouts, reported.timeouts);
  // The 55m tasks budget cuts the long suites: some runs end PipelineRunTimeout.
  const pipelineRun = checked.timeouts[0];
  assert.ok(pipelineRun.count > 0 && pipelineRun.count < 300, JSON.stringify(pipelineRun));
  assert.is(pipelineRun.n, 300);
});

test('check -o json: the reference engine and the kernel give the same timeout kinds', async () => {
  const args = [SPLIT, '--seeds', '200', '--workers', '1'];
  const reference = await checkJson(...args, '--engine', 'reference');
  const auto = await checkJson(...args);
  assert.is(reference.scenarios[0].timeouts.length, KINDS.length);
  assert.equal(reference.scenarios[0].timeouts, auto.scenarios[0].timeouts);
});

test('check -o json: a cluster scenario counts the timeout kinds per seed, as report does', async () => {
  const args = ['scenarios/shared-cluster.yaml', '--seeds', '3', '--workers', '1'];
  const checked = (await checkJson(...args)).scenarios[0];
  const reported = (await reportJson(...args)).scenarios[0];
  assert.equal(checked.timeouts, reported.timeouts);
  assert.ok(checked.timeouts.every((line) => line.n === 3));
});

test('check text and Markdown: the timeout kinds hit, with the JSON numbers; none said so', async () => {
  const args = [SPLIT, '--seeds', '300', '--workers', '1'];
  const [pipelineRun, ...others] = (await checkJson(...args)).scenarios[0].timeouts;
  assert.ok(others.every((line) => line.count === 0));
  const text = await cli('check', ...args);
  const share = `${((pipelineRun.count / 300) * 100).toFixed(1)}%`;
  assert.match(
    text.stdout,
    new RegExp(
      `\\n  timeouts hit \\(seeds, share, 95% interval\\)\\n    pipelinerun +${pipelineRun.count} +${share.replace('.', '\\.')}  \\d+\\.\\d%\\.\\.\\d+\\.\\d%\\n  invariants\\n`,
    ),
  );
  const markdown = await cli('check', ...args, '-o', 'markdown');
  assert.match(markdown.stdout, `| pipelinerun | ${pipelineRun.count} | ${share} | `);
  assert.not.match(markdown.stdout, '| taskrun |');
  const cluster = ['scenarios/shared-cluster.yaml', '--seeds', '3', '--workers', '1'];
  assert.match((await cli('check', ...cluster)).stdout, '\n  timeouts hit: none\n');
  assert.match((await cli('check', ...cluster, '-o', 'markdown')).stdout, 'No seed hit a timeout.');
});

test.run();
