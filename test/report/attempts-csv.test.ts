// report-attempts.csv's lines are written byte by byte (src/report/attempts-csv.ts): they
// must be the bytes csv-stringify writes for the same rows, whatever the names and numbers.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AWKWARD_NUMBERS, AWKWARD_STRINGS } from './csv-cells.js';
import type { AttemptRow } from '../../src/check/attempt-rows.js';
import { AttemptsCsv } from '../../src/report/attempts-csv.js';
import { stringify } from '../../src/report/csv-package.js';

/** The rows as csv-stringify writes them: how the lines were made before. */
function byCsvStringify(scenario: string, seed: number, attempts: readonly AttemptRow[]): string {
  const rows = attempts.map((attempt) => [
    scenario,
    seed,
    attempt.pipelineRunIndex ?? 0,
    attempt.task,
    attempt.taskRun,
    attempt.attempt,
    String(attempt.isFinally),
    attempt.createdMs,
    attempt.startMs ?? '',
    attempt.completionMs ?? '',
    attempt.startMs === undefined || attempt.completionMs === undefined
      ? ''
      : attempt.completionMs - attempt.startMs,
    attempt.status,
    attempt.reason,
  ]);
  return rows.length === 0 ? '' : stringify(rows);
}

const NAMES = AWKWARD_STRINGS;

test('attempts CSV: the lines are byte for byte what csv-stringify writes', () => {
  const attempts: AttemptRow[] = NAMES.flatMap((name, index) => [
    {
      task: name,
      taskRun: `run-${name}`,
      attempt: 0,
      isFinally: index % 2 === 0,
      createdMs: index * 1000,
      startMs: index * 1000 + 0.5,
      completionMs: index * 1000 + 2500,
      status: 'False',
      reason: name === '' ? 'TaskRunTimeout' : name,
    },
    {
      pipelineRunIndex: index,
      task: 'deploy',
      taskRun: 'r-deploy',
      attempt: 1,
      isFinally: false,
      createdMs: -3,
      status: 'Unknown',
      reason: 'Running',
    },
    {
      pipelineRunIndex: 2,
      task: 'x',
      taskRun: 'y',
      attempt: 2,
      isFinally: true,
      createdMs: 7,
      startMs: 8,
      status: 'True',
      reason: 'Succeeded',
    },
  ]);
  const lines = new AttemptsCsv();
  let expected = '';
  for (const scenario of NAMES) {
    lines.add(scenario, 42, attempts);
    expected += byCsvStringify(scenario, 42, attempts);
  }
  lines.add('none', 1, []);
  lines.add('none', 2, undefined);
  assert.is(lines.text(), expected);
  assert.is(new AttemptsCsv().text(), '');
});

test('attempts CSV: numbers of every kind, and lines past the first buffer, as csv-stringify writes them', () => {
  const numbers = AWKWARD_NUMBERS;
  const attempts: AttemptRow[] = numbers.map((value, index) => ({
    pipelineRunIndex: value,
    task: 't',
    taskRun: 'r',
    attempt: index,
    isFinally: false,
    createdMs: value,
    startMs: -value,
    completionMs: value * 3,
    status: 'True',
    reason: 'Succeeded',
  }));
  const lines = new AttemptsCsv();
  let expected = '';
  // A name longer than the first buffer, several times over.
  const long = `${'n'.repeat(70_000)},"`;
  for (const [seed, scenario] of [
    [-1, 's'],
    [2 ** 40, long],
    [3.5, long],
  ] as const) {
    lines.add(scenario, seed, attempts);
    expected += byCsvStringify(scenario, seed, attempts);
  }
  assert.is(lines.text(), expected);
});

test.run();
