import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { expandPools, NodeSet, neverFits, slotNodes } from '../../src/cluster/nodes.js';

const GI = 1024 ** 3;
const pool = (name: string, count: number, cpu: number, memory: number) => ({
  name,
  count,
  allocatable: { cpu, memory },
});

test('nodes: pools expand to named nodes in the order written, 110 pods each by default', () => {
  const nodes = expandPools([pool('a', 2, 4000, 16 * GI), pool('b', 1, 8000, 32 * GI)]);
  assert.equal(
    nodes.map((node) => node.name),
    ['a-0', 'a-1', 'b-0'],
  );
  assert.is(nodes[0].allocatable.pods, 110);
});

test('nodes: slots hold that many pods whatever they request', () => {
  const set = new NodeSet(slotNodes(2));
  const pod = { pods: 1, cpu: 64_000 };
  assert.is(set.select(pod), 0);
  set.bind(0, pod);
  set.bind(0, pod);
  assert.is(set.select(pod), -1);
  set.release(0, pod);
  assert.is(set.select(pod), 0);
});

test('nodes: a pod goes to the least allocated node that fits', () => {
  const set = new NodeSet(expandPools([pool('a', 3, 4000, 16 * GI)]));
  const pod = { pods: 1, cpu: 1000, memory: GI };
  assert.is(set.select(pod), 0, 'all empty: the first node');
  set.bind(0, pod);
  assert.is(set.select(pod), 1, 'node 0 is now more allocated');
  set.bind(1, pod);
  set.bind(2, { pods: 1, cpu: 3500, memory: GI });
  assert.is(set.select(pod), 0, 'ties between 0 and 1 go to the first');
});

test('nodes: the fit filter refuses a node whose free CPU or memory is too small', () => {
  const set = new NodeSet(
    expandPools([pool('small', 1, 2000, 4 * GI), pool('big', 1, 8000, 8 * GI)]),
  );
  set.bind(1, { pods: 1, cpu: 7000, memory: GI });
  assert.is(set.select({ pods: 1, cpu: 1500, memory: 2 * GI }), 0);
  assert.is(set.select({ pods: 1, cpu: 2500, memory: 2 * GI }), -1);
});

test('nodes: a lost node takes no pods', () => {
  const set = new NodeSet(expandPools([pool('a', 2, 4000, 16 * GI)]));
  set.setUp(0, false);
  assert.is(set.select({ pods: 1, cpu: 100 }), 1);
});

test('nodes: a pod larger than every node is named before any simulation', () => {
  const nodes = expandPools([pool('a', 3, 4000, 16 * GI)]);
  assert.equal(neverFits(nodes, { pods: 1, cpu: 6000, memory: GI }), ['cpu']);
  assert.equal(neverFits(nodes, { pods: 1, cpu: 6000, memory: 32 * GI }), ['cpu', 'memory']);
  assert.equal(neverFits(nodes, { pods: 1, cpu: 4000, memory: 16 * GI }), []);
});

test.run();
