// Ctrl-C and --max-time on check, report and compare, run in-process with a clock that moves
// a fixed step at every reading, so where the run stops is the same on every machine: a
// partial result is complete, marked in every format and exactly the one of the seeds that
// ran; an interrupted run leaves the previous report byte for byte.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../../src/cli/program.js';
import { progressLine, createProgressBar } from '../../src/runner/progress.js';
import { runCli } from './run-cli.js';

const PLANTED = fileURLToPath(
  new URL('../fixtures/planted-faults/planted.scenario.yaml', import.meta.url),
);
const TWICE = 'test/fixtures/compare/build-twice.scenario.yaml';

interface Harness {
  /** Milliseconds the clock moves at every reading. */
  stepMs: number;
  /** stderr is a terminal (the progress bar shows), and its first bar presses Ctrl-C. */
  interruptAtFirstBar?: boolean;
  /** Ctrl-C is pressed before the first seed runs. */
  interruptAtOnce?: boolean;
  /** Ctrl-C is pressed as the command starts watching for the second time (while rendering). */
  interruptAtSecondWatch?: boolean;
}

async function run(harness: Harness, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  let nowMs = 0;
  const watchers = new Set<() => void>();
  let watches = 0;
  const code = await main(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: {
      isTTY: harness.interruptAtFirstBar === true,
      columns: 100,
      write: (text: string) => {
        stderr += text;
        if (harness.interruptAtFirstBar && text.includes(' seeds '))
          for (const watcher of [...watchers]) watcher();
      },
    },
    env: { NO_COLOR: '1' },
    nowMs: () => (nowMs += harness.stepMs),
    interrupts: {
      watch(onInterrupt) {
        watches += 1;
        if (harness.interruptAtOnce || (harness.interruptAtSecondWatch && watches === 2))
          onInterrupt();
        watchers.add(onInterrupt);
        return () => watchers.delete(onInterrupt);
      },
    },
  });
  return { code, stdout, stderr };
}

const fresh = () => fs.mkdtempSync(path.join(os.tmpdir(), 'run-control-'));

function snapshot(directory: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readdirSync(directory)
      .sort()
      .map((name) => [name, fs.readFileSync(path.join(directory, name), 'utf8')]),
  );
}

test('cli: check --max-time: a complete partial report, marked partial, equal to a run of the seeds that ran', async () => {
  const directory = fresh();
  const partial = await run(
    { stepMs: 10 },
    ...['check', PLANTED, '--seeds', '60', '--max-time', '200ms', '--report', directory],
    ...['-o', 'json'],
  );
  const summary = JSON.parse(partial.stdout);
  const ran = summary.partial.runs;
  assert.ok(ran > 0 && ran < 60, `stopped early (${ran} runs)`);
  assert.equal(summary.partial, {
    reason: 'max-time',
    runs: ran,
    plannedRuns: 60,
    scenarios: [
      {
        name: 'planted',
        file: PLANTED,
        planned: { first: 1, last: 60 },
        ran: { first: 1, last: ran },
      },
    ],
  });
  const reference = fresh();
  const whole = await runCli(
    ...['check', PLANTED, '--seed-range', `1..${ran}`, '--report', reference, '-o', 'json'],
  );
  assert.is(partial.code, whole.code, partial.stderr);
  const { partial: _, ...rest } = summary;
  assert.equal(rest, JSON.parse(whole.stdout));
  const files = snapshot(directory);
  assert.is(files['runs.csv'], snapshot(reference)['runs.csv']);
  assert.equal(JSON.parse(files['summary.json']), summary);
  assert.match(
    files['summary.md'],
    `> **Partial result:** stopped by --max-time after ${ran} of 60 runs; seeds that ran: planted 1..${ran} of 1..60.`,
  );
  const text = await run({ stepMs: 10 }, 'check', PLANTED, '--seeds', '60', '--max-time', '200ms');
  assert.match(
    text.stdout,
    `\npartial result: stopped by --max-time after ${ran} of 60 runs; seeds that ran: planted 1..${ran} of 1..60\n`,
  );
});

test('cli: check: Ctrl-C stops the run, prints the partial summary, leaves the previous report byte for byte, exit 130', async () => {
  const directory = fresh();
  assert.is((await runCli('check', PLANTED, '--seeds', '5', '--report', directory)).code, 0);
  const before = snapshot(directory);
  const interrupted = await run(
    { stepMs: 50, interruptAtFirstBar: true },
    ...['check', PLANTED, '--seeds', '200', '--report', directory],
  );
  assert.is(interrupted.code, 130, interrupted.stderr);
  assert.match(
    interrupted.stdout,
    /\npartial result: interrupted \(Ctrl-C\) after \d+ of 200 runs;/,
  );
  assert.match(interrupted.stderr, /\d+ runs\/s {2}ETA /);
  assert.match(interrupted.stderr, `interrupted: no report written; ${directory} left as it was\n`);
  assert.equal(snapshot(directory), before);
  const atOnce = await run(
    { stepMs: 50, interruptAtOnce: true },
    ...['check', PLANTED, '--seeds', '200', '--report', directory],
  );
  assert.is(atOnce.code, 130);
  assert.is(atOnce.stdout, '');
  assert.is(atOnce.stderr, 'interrupted before the first seed finished; nothing was written\n');
  assert.equal(snapshot(directory), before);
});

test('cli: Ctrl-C leaves no directory the run created for --report or --out, as it wrote nothing there', async () => {
  const parent = fresh();
  const report = path.join(parent, 'new', 'check');
  const check = await run(
    { stepMs: 50, interruptAtFirstBar: true },
    ...['check', PLANTED, '--seeds', '200', '--report', report],
  );
  assert.is(check.code, 130, check.stderr);
  assert.match(check.stderr, `interrupted: no report written; ${report} left as it was\n`);
  assert.equal(fs.readdirSync(parent), []);
  const out = path.join(parent, 'report');
  const interrupted = await run(
    { stepMs: 50, interruptAtFirstBar: true },
    ...['report', PLANTED, '--seeds', '200', '--out', out],
  );
  assert.is(interrupted.code, 130, interrupted.stderr);
  assert.equal(fs.readdirSync(parent), []);
  // A run that writes keeps the directory it made.
  assert.is((await runCli('report', PLANTED, '--seeds', '3', '--out', out)).code, 0);
  assert.ok(fs.readdirSync(out).includes('report.md'));
});

test('cli: report --max-time: the Markdown, JSON and HTML say the report is partial', async () => {
  const directory = fresh();
  const { code, stderr } = await run(
    { stepMs: 10 },
    ...['report', PLANTED, '--seeds', '60', '--max-time', '200ms', '--out', directory],
  );
  assert.is(code, 0, stderr);
  const files = snapshot(directory);
  const json = JSON.parse(files['report.json']);
  assert.is(json.partial.reason, 'max-time');
  assert.is(json.runs, json.partial.runs);
  assert.is(files['report-runs.csv'].trim().split('\n').length, json.runs + 1);
  assert.match(files['report.md'], '> **Partial result:** stopped by --max-time after ');
  assert.match(files['report.html'], 'Partial result: stopped by --max-time after ');
  const interrupted = await run(
    { stepMs: 50, interruptAtFirstBar: true },
    ...['report', PLANTED, '--seeds', '200', '--out', directory],
  );
  assert.is(interrupted.code, 130);
  assert.equal(snapshot(directory), files);
  // What the seeds that ran gave is printed instead, as the Markdown report.
  assert.match(interrupted.stdout, /^# tekton-sim report\n/);
  assert.match(
    interrupted.stdout,
    /> \*\*Partial result:\*\* interrupted \(Ctrl-C\) after \d+ of 200 runs/,
  );
  // Ctrl-C after the last seed, while the charts are drawn: still nothing written.
  const late = await run(
    { stepMs: 10, interruptAtSecondWatch: true },
    ...['report', PLANTED, '--seeds', '20', '--out', directory],
  );
  assert.is(late.code, 130);
  assert.match(late.stderr, `interrupted: no report written; ${directory} left as it was\n`);
  assert.match(late.stdout, /^# tekton-sim report\n/);
  assert.equal(snapshot(directory), files);
});

test('cli: compare --out: Ctrl-C writes no file and prints the seeds that ran as Markdown, exit 130', async () => {
  const directory = fresh();
  const interrupted = await run(
    { stepMs: 5, interruptAtFirstBar: true },
    ...['compare', `${TWICE}#base`, `${TWICE}#slow`, '--seeds', '200', '--out', directory],
  );
  assert.is(interrupted.code, 130, interrupted.stderr);
  assert.equal(fs.readdirSync(directory), []);
  assert.match(
    interrupted.stdout,
    /^# tekton-sim compare\n/,
    interrupted.stdout + interrupted.stderr,
  );
  assert.match(interrupted.stdout, '> **Partial result:** interrupted (Ctrl-C) after ');
  assert.match(interrupted.stderr, `interrupted: nothing written; ${directory} left as it was\n`);
});

test('cli: compare --max-time: both sides keep the same seeds, and the result says it is partial', async () => {
  const directory = fresh();
  const { code, stderr } = await run(
    { stepMs: 10 },
    ...['compare', `${TWICE}#base`, `${TWICE}#slow`, '--seeds', '160', '--max-time', '300ms'],
    ...['--out', directory, '--format', 'json,md'],
  );
  assert.is(code, 0, stderr);
  const json = JSON.parse(fs.readFileSync(path.join(directory, 'compare.json'), 'utf8'));
  const ran = json.partial.scenarios.map((side: { ran: { last: number } }) => side.ran.last);
  assert.ok(
    ran[0] === ran[1] && ran[0] < 160 && json.runs === ran[0],
    JSON.stringify(json.partial),
  );
  assert.equal(json.seeds, { first: 1, last: ran[0] });
  assert.match(
    fs.readFileSync(path.join(directory, 'compare.md'), 'utf8'),
    `> **Partial result:** stopped by --max-time after ${2 * ran[0]} of 320 runs`,
  );
});

test('cli: --max-time is a bounded Go duration, and cannot cut a shard', async () => {
  for (const value of ['0', '-1s', '169h', 'soon']) {
    const { code, stderr } = await runCli('check', PLANTED, '--seeds', '2', `--max-time=${value}`);
    assert.is(code, 2);
    assert.is(
      stderr,
      `error: --max-time: "${value}" should be a Go duration from 1ms to 168h (e.g. 90s, 10m, 1h30m)\n`,
    );
  }
  const shard = await runCli(
    ...['report', PLANTED, '--seeds', '4', '--shard', '1/2', '--max-time', '1m', '--out', fresh()],
  );
  assert.is(shard.code, 2);
  assert.match(shard.stderr, /--max-time cannot be used with --shard/);
});

test('progress: on a terminal only, after a second, at most every 100 ms, with runs/s and the time left', () => {
  assert.is(
    progressLine(12000, 30000, 14118, 60),
    '[####......] 12000/30000 seeds  850 runs/s  ETA 22s',
  );
  let written = '';
  const piped = createProgressBar({ write: (text: string) => (written += text) }, () => 5000);
  piped.update(1, 2);
  piped.finish();
  assert.is(written, '');
  let nowMs = 0;
  const draws: string[] = [];
  const bar = createProgressBar(
    { isTTY: true, write: (text: string) => draws.push(text) },
    () => nowMs,
  );
  for (let done = 1; done <= 30; done++) {
    nowMs += 50;
    bar.update(done, 30);
  }
  // Shown from 1 s on (seed 20), then every other report at 50 ms apart.
  assert.equal(
    draws.map((text) => /(\d+)\/30 seeds/.exec(text)?.[1]),
    ['20', '22', '24', '26', '28', '30'],
  );
  bar.finish();
  assert.is(draws.at(-1), '\r\x1b[K');
});

test.run();
