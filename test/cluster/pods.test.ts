import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkNodeCapacity, checkQuota } from '../../src/check/invariants/cluster-rules.js';
import { emptyClusterLog } from '../../src/cluster/log.js';
import { expandPools, slotNodes } from '../../src/cluster/nodes.js';
import { ClusterPods } from '../../src/cluster/pods.js';

const POD = { pods: 1, cpu: 1000 };

test('pods: on one slot the second pod waits and is placed when the first is deleted', () => {
  const pods = new ClusterPods(slotNodes(1), undefined, emptyClusterLog());
  assert.equal(pods.create(1, 'a', POD, 0), { kind: 'placed', node: 0 });
  assert.equal(pods.create(2, 'b', POD, 0), { kind: 'pending' });
  assert.ok(pods.isWaiting(2));
  assert.equal(pods.delete(1, 10_000), [{ id: 2, node: 0 }]);
  assert.not.ok(pods.isWaiting(2));
});

test('pods: waiting pods are placed in creation order, and a big one does not block a small one', () => {
  const GI = 1024 ** 3;
  const pods = new ClusterPods(
    expandPools([{ name: 'a', count: 1, allocatable: { cpu: 4000, memory: 16 * GI } }]),
    undefined,
    emptyClusterLog(),
  );
  pods.create(1, 'running', { pods: 1, cpu: 3000 }, 0);
  assert.equal(pods.create(2, 'big', { pods: 1, cpu: 4000 }, 1), { kind: 'pending' });
  assert.equal(pods.create(3, 'small', { pods: 1, cpu: 1000 }, 2), { kind: 'placed', node: 0 });
  assert.equal(pods.create(4, 'small-2', { pods: 1, cpu: 1000 }, 3), { kind: 'pending' });
  assert.equal(pods.delete(3, 5), [{ id: 4, node: 0 }]);
  assert.equal(pods.delete(1, 6), []);
  assert.equal(pods.delete(4, 7), [{ id: 2, node: 0 }]);
});

test('pods: the quota refuses creation with the apiserver message, and frees on delete', () => {
  const pods = new ClusterPods(undefined, { pods: 1 }, emptyClusterLog());
  assert.equal(pods.create(1, 'a', POD, 0), { kind: 'placed', node: 0 });
  const refused = pods.create(2, 'b', POD, 0);
  assert.is(refused.kind, 'refused');
  assert.match((refused as { message: string }).message, /^pods "b" is forbidden: exceeded quota/);
  pods.delete(1, 5);
  assert.equal(pods.create(2, 'b', POD, 60_000), { kind: 'placed', node: 0 });
});

test('pods: a lost node gives up its pods, and its return lets waiting pods in', () => {
  const pods = new ClusterPods(slotNodes(1), undefined, emptyClusterLog());
  pods.create(1, 'a', POD, 0);
  assert.equal(pods.loseNode(0), [1]);
  assert.equal(pods.delete(1, 1), []);
  assert.equal(pods.create(2, 'b', POD, 2), { kind: 'pending' });
  assert.equal(pods.restoreNode(0, 3), [{ id: 2, node: 0 }]);
});

test('pods: the log it keeps satisfies the capacity checks', () => {
  const log = emptyClusterLog();
  const nodes = slotNodes(2);
  const pods = new ClusterPods(nodes, { cpu: 3000 }, log);
  for (let id = 0; id < 6; id++) pods.create(id, `p${id}`, POD, id);
  for (let id = 0; id < 6; id++) pods.delete(id, 10 + id);
  assert.equal(checkNodeCapacity(nodes, log.pods), []);
  assert.equal(checkQuota({ cpu: 3000 }, log.quota), []);
  assert.is(log.pods.length, 3, 'the third created pod was refused by the quota, the rest ran');
});

test.run();
