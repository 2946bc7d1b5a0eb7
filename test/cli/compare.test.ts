import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadScenarios, planScenarios } from '../../src/index.js';
import { runSeed } from '../../src/runner/run-seed.js';
import { runCli as cli } from './run-cli.js';

const TWICE = 'test/fixtures/compare/build-twice.scenario.yaml';
const BUG = 'test/fixtures/compare/bug-10512.scenario.yaml';

interface MetricLine {
  name: string;
  verdict: string;
  difference: number;
}

async function compareJson(...args: string[]) {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'compare-'));
  const run = await cli('compare', ...args, '--out', directory, '--format', 'json,md,html');
  const json = fs.existsSync(path.join(directory, 'compare.json'))
    ? JSON.parse(fs.readFileSync(path.join(directory, 'compare.json'), 'utf8'))
    : undefined;
  return { ...run, json, directory };
}

test('cli: compare: doubling one task makes makespan worse and leaves an untouched task alone', async () => {
  const { code, stderr, json, directory } = await compareJson(`${TWICE}#base`, `${TWICE}#slow`);
  assert.is(code, 0, stderr);
  const metric = (name: string) => json.metrics.find((line: MetricLine) => line.name === name);
  assert.is(metric('makespan').verdict, 'worse');
  assert.is(metric('task[build].duration').verdict, 'worse');
  // Common random numbers: deploy draws the same durations on both sides, seed by seed.
  assert.is(metric('task[deploy].duration').verdict, 'no significant difference');
  assert.is(metric('task[deploy].duration').difference, 0);
  assert.is(json.changedSeeds.count, 0);
  assert.equal(fs.readdirSync(directory).sort(), [
    '.tekton-sim-report',
    'compare.html',
    'compare.json',
    'compare.md',
  ]);
  const markdown = fs.readFileSync(path.join(directory, 'compare.md'), 'utf8');
  assert.match(markdown, /^\| makespan \| 60 \| .* \| worse \|$/m);
  assert.match(
    markdown,
    /^\| task\[deploy\]\.duration \| 60 \| .* \| no significant difference \|$/m,
  );
});

test('cli: compare --fail-on exits 1 when a named metric got worse, 0 when it did not', async () => {
  const gate = await cli(
    'compare',
    `${TWICE}#base`,
    `${TWICE}#slow`,
    '--seeds',
    '30',
    '--fail-on',
    'makespan',
  );
  assert.is(gate.code, 1, gate.stderr);
  assert.match(gate.stderr, /worse: makespan/);
  const fine = await cli(
    'compare',
    `${TWICE}#slow`,
    `${TWICE}#base`,
    '--seeds',
    '30',
    '--fail-on',
    'makespan,task[deploy].duration',
  );
  assert.is(fine.code, 0, fine.stderr);
  const unknown = await cli(
    'compare',
    `${TWICE}#base`,
    `${TWICE}#slow`,
    '--seeds',
    '5',
    '--fail-on',
    'speed',
  );
  assert.is(unknown.code, 2);
  assert.match(unknown.stderr, /--fail-on: "speed" is not a compared metric; they are: makespan, /);
});

test('cli: compare --profiles v1.12,v1.15-fix10512 finds exactly the #10512 seeds, with replay commands', async () => {
  const { code, stderr, json } = await compareJson(BUG, '--profiles', 'v1.12,v1.15-fix10512');
  assert.is(code, 0, stderr);
  // The #10512 seeds, by the rule and not by the simulator's verdict: with the fix, the DAG ends
  // within timeouts.tasks (20s) and finally is still running when 20s have passed.
  const planned = planScenarios(loadScenarios([BUG]), undefined, 'v1.15-fix10512');
  const { scenario, seeds } = planned[planned.length - 1];
  const withBug = Array.from({ length: seeds.last - seeds.first + 1 }, (_, index) =>
    runSeed(scenario, seeds.first + index, { twice: false, attempts: true }),
  )
    .filter((result) => {
      const attempts = result.attempts ?? [];
      const dagEndMs = Math.max(
        ...attempts.filter((row) => !row.isFinally).map((row) => row.completionMs ?? Infinity),
      );
      const finallyEndMs = Math.max(
        ...attempts.filter((row) => row.isFinally).map((row) => row.completionMs ?? 0),
      );
      return dagEndMs <= 20_000 && finallyEndMs > 20_000;
    })
    .map((result) => result.seed);
  assert.ok(withBug.length > 5, 'the fixture hits the bug');
  const changed = json.changedSeeds.examples.map((seed: { seed: number }) => seed.seed);
  assert.is(json.changedSeeds.count, withBug.length);
  assert.equal(changed, withBug.slice(0, changed.length));
  const first = json.changedSeeds.examples[0];
  assert.is(first.a, 'False/PipelineRunTimeout');
  assert.is(first.b, 'True/Succeeded');
  assert.is(first.replayA, `tekton-sim replay ${BUG} --seed ${first.seed} --profile v1.12`);
  assert.is(
    first.replayB,
    `tekton-sim replay ${BUG} --seed ${first.seed} --profile v1.15-fix10512`,
  );
  assert.is(json.succeeded.verdict, 'better');
  const replay = await cli('replay', BUG, '--seed', String(first.seed), '--profile', 'v1.12');
  assert.match(replay.stdout, /PipelineRunTimeout/);
});

test('cli: compare: bad input is one clear line and exit 2', async () => {
  const profile = await cli('compare', BUG, '--profiles', 'v1.12,v9');
  assert.is(profile.code, 2);
  assert.match(profile.stderr, /--profiles: "v9" is not a profile; choose one of /);
  const format = await cli('compare', BUG, '--profiles', 'v1.12,v1.15', '--format', 'csv');
  assert.is(format.code, 2);
  assert.match(format.stderr, /--format: "csv" is not a compare format/);
  assert.is((await cli('compare', BUG)).code, 2);
  const several = await cli('compare', TWICE, `${TWICE}#slow`);
  assert.is(several.code, 2);
  assert.match(
    several.stderr,
    `${TWICE} holds 2 scenarios (base, slow); choose one with ${TWICE}#NAME\n`,
  );
  const unknown = await cli('compare', `${TWICE}#nope`, `${TWICE}#slow`);
  assert.is(unknown.code, 2);
  assert.is(
    unknown.stderr,
    `error: ${TWICE}#nope: no scenario "nope" in ${TWICE}; it holds base, slow\n`,
  );
});

test.run();
