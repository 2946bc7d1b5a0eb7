import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NamespaceQuota } from '../../src/cluster/quota.js';

test('quota: pods are admitted until a hard limit would be exceeded', () => {
  const quota = new NamespaceQuota({ pods: 2, cpu: 1000 });
  const pod = { pods: 1, cpu: 500 };
  assert.is(quota.refusal('p1', pod), undefined);
  quota.admit(pod);
  quota.admit(pod);
  assert.is(
    quota.refusal('p3', pod),
    'pods "p3" is forbidden: exceeded quota: compute-resources, requested: cpu=500m,pods=1, used: cpu=1,pods=2, limited: cpu=1,pods=2',
  );
  quota.release(pod);
  assert.is(quota.refusal('p3', pod), undefined);
});

test('quota: resources the quota does not name are not limited', () => {
  const quota = new NamespaceQuota({ pods: 10 });
  assert.is(quota.refusal('p', { pods: 1, cpu: 1_000_000, memory: 1e15 }), undefined);
});

test.run();
