import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Admission, admissionKey } from '../../src/cluster/admission.js';

test('admission: at most maxConcurrent per key, the rest first in, first out', () => {
  const admission = new Admission<string>(1);
  assert.is(admission.arrive('r1', 'build'), true);
  assert.is(admission.arrive('r2', 'build'), false);
  assert.is(admission.arrive('r3', 'build'), false);
  assert.is(admission.arrive('n1', 'nightly'), true, 'another key has its own limit');
  assert.is(admission.complete('build'), 'r2');
  assert.is(admission.complete('build'), 'r3');
  assert.is(admission.complete('build'), undefined);
  assert.is(admission.arrive('r4', 'build'), true);
});

test('admission: a late arrival never overtakes a waiting run when a slot frees', () => {
  const admission = new Admission<string>(2);
  admission.arrive('a', '');
  admission.arrive('b', '');
  admission.arrive('c', '');
  assert.is(admission.complete(''), 'c');
  assert.is(admission.arrive('d', ''), false);
});

test('admission: keys from the pipeline name or a label', () => {
  const labels = { team: 'payments' };
  assert.is(admissionKey({ kind: 'global' }, 'build', labels), '');
  assert.is(admissionKey({ kind: 'pipeline' }, 'build', labels), 'build');
  assert.is(admissionKey({ kind: 'label', key: 'team' }, 'build', labels), 'payments');
  assert.is(admissionKey({ kind: 'label', key: 'repo' }, 'build', labels), '');
});

test.run();
