import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toKubectlList } from '../../src/report/kubectl.js';
import { KUBECTL_JSON, toJsonText, toYamlText } from '../../src/report/serialize.js';
import { formatRunTable } from '../../src/report/table.js';
import { assertGolden } from '../golden/assert-golden.js';
import {
  START_TIME_EPOCH_MS,
  cancelledRun,
  retriedRun,
  succeededRun,
  taskTimeoutRun,
  type Fixture,
} from './fixtures.js';

const FIXTURES: [string, () => Fixture][] = [
  ['succeeded', succeededRun],
  ['task timeout', taskTimeoutRun],
  ['cancelled', cancelledRun],
  ['retried', retriedRun],
];

function everyFormat(fixture: Fixture): string[] {
  const list = toKubectlList(fixture.view, fixture.run, { startTimeEpochMs: START_TIME_EPOCH_MS });
  return [
    toJsonText(list),
    toJsonText(list, KUBECTL_JSON),
    toYamlText(list),
    toYamlText(list, { sortKeys: true }),
    formatRunTable(fixture.view),
    formatRunTable(fixture.view, { color: true }),
  ];
}

test('report: formatting the same view twice gives identical bytes, and leaves the view alone', () => {
  for (const [name, make] of FIXTURES) {
    const fixture = make();
    const before = toJsonText(fixture);
    const first = everyFormat(fixture);
    const second = everyFormat(fixture);
    assert.equal(second, first, name);
    assert.equal(everyFormat(make()), first, `${name}, rebuilt`);
    assert.is(toJsonText(fixture), before, `${name} view untouched`);
  }
});

test('report: every format of every fixture gives the committed bytes (written by another process)', () => {
  // Two formattings in one process only catch global state; the golden file also catches
  // anything that varies between processes or machines (map order, locale, time zone).
  const text = FIXTURES.map(([name, make]) =>
    everyFormat(make())
      .map((output, index) => `==== ${name}, format ${index + 1}\n${output}`)
      .join(''),
  ).join('');
  assertGolden('report-formats.txt', text);
});

test.run();
