// replay's outputs that grow with the run: --trace is written a line at a time, --gantt (which
// vega renders as one string) is refused past a bound with exit 2 naming it, and an earlier
// --perfetto trace of hundreds of megabytes is recognised from its last bytes, not read whole
// (past V8's longest string, reading it was itself an error).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FILE_END_BYTES, writeOwnedFile } from '../../src/cli/output-files.js';
import { refuseBigGantt, traceLines } from '../../src/cli/replay.js';
import { loadScenarios, runScenarioSeed } from '../../src/index.js';
import { ganttBarCount, ganttSpec } from '../../src/report/gantt.js';
import { isOurPerfetto } from '../../src/report/perfetto.js';
import type { RunTimeline } from '../../src/report/run-timeline.js';
import { InputError } from '../../src/tekton/diagnostics.js';

const TIMELINE: RunTimeline = {
  name: 'run',
  endMs: 10_000,
  rows: [
    {
      label: 'build',
      isFinally: false,
      segments: [
        { kind: 'pending', attempt: -1, fromMs: 0, toMs: 1_000, outcome: '' },
        { kind: 'attempt', attempt: 0, fromMs: 1_000, toMs: 4_000, outcome: 'Failed' },
        { kind: 'attempt', attempt: 1, fromMs: 4_000, toMs: 9_000, outcome: 'Succeeded' },
      ],
    },
    { label: 'skip', isFinally: false, segments: [], skipped: { reason: 'When', atMs: 9_000 } },
  ],
  deadlines: [],
};

test('replay --gantt: past its bars (a lowered bound), one error naming the bound and --perfetto', () => {
  // The count is what the chart draws: a bar a segment and a skipped task's.
  const drawn = ganttSpec(TIMELINE) as { layer: { data: { values: unknown[] } }[] };
  assert.is(ganttBarCount(TIMELINE), drawn.layer[0].data.values.length);
  assert.is(ganttBarCount(TIMELINE), 4);
  refuseBigGantt(TIMELINE, 4);
  try {
    refuseBigGantt(TIMELINE, 3);
    assert.unreachable('refused');
  } catch (error) {
    assert.instance(error, InputError);
    assert.match(
      (error as InputError).message,
      '--gantt: this run has 4 bars (pending times, attempts, skipped tasks), more than the 3 one chart draws; use --perfetto FILE.json',
    );
  }
});

test('replay --trace: a line per event, made as it is written', () => {
  const [scenario] = loadScenarios(['test/fixtures/report/report.scenario.yaml']);
  const run = runScenarioSeed(scenario, 65, { trace: true });
  const lines = [...traceLines(run)];
  assert.is(lines.length, run.result.trace.length);
  assert.ok(lines.every((line) => line.endsWith('\n') && !line.slice(0, -1).includes('\n')));
  assert.match(lines[0], /^ {3}\+0\.000s {2}PipelineRun started\n$/);
});

test('replay --perfetto: a big trace of ours is known by its last bytes and overwritten', () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'big-outputs-'));
  const target = path.join(directory, 'trace.json');
  const ours = (ends: { tail: string }) => isOurPerfetto(ends.tail);
  // More than both ends together, the generator only in the last few bytes, as we write it.
  const filler = `{"traceEvents": [${'0,'.repeat(FILE_END_BYTES * 2)}0],\n`;
  fs.writeFileSync(
    target,
    `${filler}"otherData": {"generator": "tekton-sim replay --perfetto"}}\n`,
  );
  writeOwnedFile(target, ['{', '}\n'], ours, '--perfetto');
  assert.is(fs.readFileSync(target, 'utf8'), '{}\n');
  // Not ours when the generator is only in the middle, beyond what is read of either end.
  const middle = `${filler}"otherData": {"generator": "tekton-sim replay --perfetto"}, ${filler}}\n`;
  fs.writeFileSync(target, middle);
  assert.throws(() => writeOwnedFile(target, '{}\n', ours, '--perfetto'), /was not written by/);
  assert.is(fs.readFileSync(target, 'utf8'), middle);
  fs.rmSync(directory, { recursive: true, force: true });
});

test.run();
