import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dependenciesOf, findCycle } from '../../../src/tekton/validate/graph.js';

test('validate: graph: no cycle in a diamond', () => {
  const dependencies = new Map([
    ['b', ['a']],
    ['c', ['a']],
    ['d', ['b', 'c']],
  ]);
  assert.is(findCycle(dependencies), undefined);
});

test('validate: graph: unknown dependencies are not cycles', () => {
  assert.is(findCycle(new Map([['a', ['nowhere']]])), undefined);
});

test('validate: graph: the smallest remaining task and all it still waits for', () => {
  // c and d form a cycle; e waits on d and on a (done), so it remains, waiting on d only.
  const dependencies = new Map([
    ['b', ['a']],
    ['d', ['c']],
    ['c', ['d', 'b']],
    ['e', ['d', 'a']],
  ]);
  assert.equal(findCycle(dependencies), { task: 'c', dependsOn: ['d'] });
});

test('validate: graph: a task depending on itself', () => {
  assert.equal(findCycle(new Map([['x', ['x']]])), { task: 'x', dependsOn: ['x'] });
});

test('validate: graph: dependencies are runAfter plus result references, sorted and unique', () => {
  const task = {
    name: 't',
    runAfter: ['z', 'a'],
    params: [{ name: 'p', value: '$(tasks.m.results.r) $(tasks.a.results.q)' }],
    when: [{ input: '$(tasks.w.results.r)', operator: 'in', values: ['x'] }],
  };
  assert.equal(dependenciesOf(task), ['a', 'm', 'w', 'z']);
});

test.run();
