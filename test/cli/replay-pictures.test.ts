import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli as cli } from './run-cli.js';

const REPORT = 'test/fixtures/report/report.scenario.yaml';
const fresh = () => fs.mkdtempSync(path.join(os.tmpdir(), 'replay-pictures-'));

// Seed 65: build succeeds; test's first attempt times out at its 15s, the retry is cancelled at
// the 30s pipeline deadline.
async function pictures(directory: string) {
  const gantt = path.join(directory, 'run.svg');
  const perfetto = path.join(directory, 'run.json');
  const run = await cli('replay', REPORT, '--seed', '65', '--gantt', gantt, '--perfetto', perfetto);
  return { run, gantt, perfetto };
}

test('cli: replay --gantt draws a bar per attempt and a line per deadline, the same bytes every time', async () => {
  const { run, gantt } = await pictures(fresh());
  assert.is(run.code, 0, run.stderr);
  const svg = fs.readFileSync(gantt, 'utf8');
  assert.ok(svg.startsWith('<!-- tekton-sim gantt -->\n<svg '));
  const marks = (kind: string, element: string) => {
    const group = new RegExp(`<g class="mark-${kind} role-mark[^"]*"[^>]*>(.*?)</g>`, 's').exec(
      svg,
    );
    return (group?.[1].match(new RegExp(`<${element} `, 'g')) ?? []).length;
  };
  // build: 1 attempt; test: 2 attempts.
  assert.is(marks('rect', 'path'), 3);
  assert.is(marks('rule', 'line'), 1);
  assert.match(svg, /pipeline deadline/);
  assert.match(svg, /retry 1/);
  const again = await pictures(fresh());
  assert.is(fs.readFileSync(again.gantt, 'utf8'), svg);
});

test('cli: replay --perfetto writes trace-event JSON: slices in microseconds, deadlines, a running counter', async () => {
  const { run, perfetto } = await pictures(fresh());
  assert.is(run.code, 0, run.stderr);
  const trace = JSON.parse(fs.readFileSync(perfetto, 'utf8'));
  assert.is(trace.displayTimeUnit, 'ms');
  const threads = new Map<number, string>(
    trace.traceEvents
      .filter((event: { name: string }) => event.name === 'thread_name')
      .map((event: { tid: number; args: { name: string } }) => [event.tid, event.args.name]),
  );
  const slices = trace.traceEvents
    .filter((event: { ph: string }) => event.ph === 'X')
    .map(
      (event: {
        tid: number;
        name: string;
        ts: number;
        dur: number;
        args: { reason?: string };
      }) => [threads.get(event.tid), event.name, event.ts, event.dur, event.args.reason],
    );
  assert.equal(slices[1], ['test', 'attempt 0', 5_917_000, 15_000_000, 'TaskRunTimeout']);
  assert.equal(slices[2], ['test', 'attempt 1', 20_917_000, 9_083_000, 'TaskRunCancelled']);
  assert.ok(
    trace.traceEvents.some(
      (event: { ph: string; name: string; ts: number }) =>
        event.ph === 'i' && event.name === 'pipeline deadline' && event.ts === 30_000_000,
    ),
  );
  const counter = trace.traceEvents.filter((event: { ph: string }) => event.ph === 'C');
  assert.equal(counter.at(-1).args, { running: 0 });
});

test('cli: replay --gantt and --perfetto overwrite their own output but never a user file', async () => {
  const directory = fresh();
  assert.is((await pictures(directory)).run.code, 0);
  assert.is((await pictures(directory)).run.code, 0);
  const mine = path.join(directory, 'notes.svg');
  fs.writeFileSync(mine, '<svg>mine</svg>\n');
  const refused = await cli('replay', REPORT, '--seed', '65', '--gantt', mine);
  assert.is(refused.code, 2);
  assert.match(
    refused.stderr,
    /--gantt: .*notes\.svg exists and was not written by tekton-sim; move it or choose another file/,
  );
  assert.is(fs.readFileSync(mine, 'utf8'), '<svg>mine</svg>\n');
  // Refused before the run prints its table, so the output is the one error line.
  assert.is(refused.stdout, '');
  const json = path.join(directory, 'data.json');
  fs.writeFileSync(json, '{}\n');
  assert.is((await cli('replay', REPORT, '--seed', '65', '--perfetto', json)).code, 2);
  assert.is(fs.readFileSync(json, 'utf8'), '{}\n');
});

test.run();
