// `run -o json|yaml` and `replay -o json|yaml` are written a List item at a time: a run of many
// tasks retried thousands of times was one string past V8's longest ("Invalid string length",
// exit 3) as JSON, and ran out of heap as YAML. The pieces give the whole text's bytes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { kubectlListPieces } from '../../src/report/kubectl-list-text.js';
import { toKubectlList } from '../../src/report/kubectl.js';
import { toJsonText, toYamlText } from '../../src/report/serialize.js';
import {
  START_TIME_EPOCH_MS,
  cancelledRun,
  retriedRun,
  succeededRun,
  taskTimeoutRun,
} from './fixtures.js';

test('kubectl list text: the pieces are the bytes of the whole JSON and YAML', () => {
  for (const fixture of [succeededRun(), taskTimeoutRun(), cancelledRun(), retriedRun()]) {
    const list = toKubectlList(fixture.view, fixture.run, {
      startTimeEpochMs: START_TIME_EPOCH_MS,
    });
    const json = [...kubectlListPieces(list, 'json')];
    const yaml = [...kubectlListPieces(list, 'yaml')];
    assert.is(json.join(''), toJsonText(list));
    assert.is(yaml.join(''), toYamlText(list));
    // A piece per item at least: no piece holds two TaskRuns.
    assert.ok(json.length > list.items.length && yaml.length > list.items.length);
  }
});

test.run();
