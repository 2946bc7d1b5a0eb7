// Child TaskRun names as v1.15 makes them: knative's kmeta.ChildName(pipelineRun, "-" + task) in
// both of its shortening branches, and getNewRunNames for matrix fan-out
// (pkg/reconciler/pipelinerun/resources/pipelinerunresolution.go).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCaseFile } from './harness.js';

const FILE = 'R07-child-names.yaml';
const LONG = 'a-pipelinerun-with-a-rather-long-name-for-testing';

function namesByTask(pipelineRun: string): Record<string, string[]> {
  const run = runCaseFile(FILE, { pipelineRun });
  const names: Record<string, string[]> = {};
  for (const taskRun of run.view.taskRuns) {
    names[taskRun.pipelineTaskName] ??= [];
    names[taskRun.pipelineTaskName].push(taskRun.name);
  }
  return names;
}

test('names: a name within 63 characters is <pipelinerun>-<task>', () => {
  assert.equal(namesByTask(LONG).lint, [`${LONG}-lint`]);
});

test('names: a short suffix keeps the start of the parent and md5(parent)', () => {
  const name = namesByTask(LONG)['build-the-image'];
  assert.equal(name, ['a-pipelinerun-webe9a9afd46340417199ac118f12347f-build-the-image']);
  assert.is(name[0].length, 63);
});

test('names: a suffix of 31 or more hashes parent + suffix and pads with the suffix', () => {
  const padded = namesByTask('nightly-release-pipeline-run');
  assert.equal(padded['publish-the-release-artifacts-to-every-mirror'], [
    'nightly-release-pipeline-run27ffcd419f7ad65928214d1f121d5c03-pu',
  ]);
});

test('names: a padded name never ends with a dash', () => {
  const trimmed = namesByTask('nightly-release-pipeline-run-x');
  assert.equal(trimmed['publish-the-release-artifacts-to-every-mirror'], [
    'nightly-release-pipeline-run-xba938a3506d8a388c0e87beed09c6443',
  ]);
});

test('names: matrix fan-out appends -<i>; a hashed name that lost its index is cut and re-suffixed', () => {
  const names = namesByTask(LONG);
  assert.equal(names.twice, [`${LONG}-twice-0`, `${LONG}-twice-1`]);
  assert.equal(names['publish-the-release-artifacts-to-every-mirror'], [
    'a-pipelinerun-with-a-rather-lon19c129c5b2ebd223fc547a0c842999-0',
    'a-pipelinerun-with-a-rather-lon19c129c5b2ebd223fc547a0c842999-1',
  ]);
});

test('names: a matrix of one combination makes one TaskRun named like an ordinary one', () => {
  assert.equal(namesByTask(LONG).one, [`${LONG}-one`]);
});

test.run();
