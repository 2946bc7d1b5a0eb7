import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { podRequests, type RequestProblem } from '../../src/cluster/pod-requests.js';

const GI = 1024 ** 3;
const MI = 1024 ** 2;
const step = (
  name: string,
  requests?: Record<string, unknown>,
  limits?: Record<string, unknown>,
) => ({
  name,
  image: 'alpine',
  ...(requests || limits ? { computeResources: { requests, limits } } : {}),
});

test('pod requests: steps are containers of one pod, so their requests add up', () => {
  const requests = podRequests({
    taskSpec: { steps: [step('a', { cpu: '500m', memory: '1Gi' }), step('b', { cpu: '1' })] },
    defaultRequest: {},
  });
  assert.equal(requests, { pods: 1, cpu: 1500, memory: GI });
});

test('pod requests: sidecars add their own requests', () => {
  const requests = podRequests({
    taskSpec: { steps: [step('a', { cpu: '1' })], sidecars: [step('db', { cpu: '250m' })] },
    defaultRequest: {},
  });
  assert.equal(requests, { pods: 1, cpu: 1250 });
});

test('pod requests: a limit without a request is the request', () => {
  const requests = podRequests({
    taskSpec: { steps: [step('a', undefined, { memory: '2Gi' })] },
    defaultRequest: {},
  });
  assert.equal(requests, { pods: 1, memory: 2 * GI });
});

test('pod requests: podRequests is split among steps that request nothing, whole for sidecars', () => {
  const requests = podRequests({
    taskSpec: { steps: [step('a'), step('b')], sidecars: [step('db')] },
    defaultRequest: { cpu: 500, memory: GI },
  });
  assert.equal(requests, { pods: 1, cpu: 250 + 250 + 500, memory: GI / 2 + GI / 2 + GI });
});

test('pod requests: a task with no steps visible still takes podRequests', () => {
  assert.equal(podRequests({ defaultRequest: { cpu: 500 } }), { pods: 1, cpu: 500 });
});

test('pod requests: stepTemplate under the steps, stepSpecs over them, resource by resource', () => {
  const requests = podRequests({
    taskSpec: {
      stepTemplate: { computeResources: { requests: { cpu: '100m', memory: '64Mi' } } },
      steps: [step('a', { cpu: '1' }), step('b')],
    },
    taskRunSpec: { stepSpecs: [{ name: 'b', computeResources: { requests: { memory: '1Gi' } } }] },
    defaultRequest: {},
  });
  assert.equal(requests, { pods: 1, cpu: 1000 + 100, memory: 64 * MI + GI });
});

test('pod requests: task-level computeResources replaces the steps with its share each', () => {
  const requests = podRequests({
    taskSpec: { steps: [step('a', { cpu: '4' }), step('b'), step('c')] },
    taskRunSpec: { computeResources: { requests: { cpu: '1500m' } } },
    defaultRequest: {},
  });
  assert.equal(requests, { pods: 1, cpu: 1500 });
});

test('pod requests: task-level limits alone become the requests', () => {
  const requests = podRequests({
    taskSpec: { steps: [step('a'), step('b')] },
    taskRunSpec: { computeResources: { limits: { cpu: '2' } } },
    defaultRequest: {},
  });
  assert.equal(requests, { pods: 1, cpu: 2000 });
});

test('pod requests: sidecarSpecs override a sidecar', () => {
  const requests = podRequests({
    taskSpec: { steps: [step('a', { cpu: '1' })], sidecars: [step('db', { cpu: '2' })] },
    taskRunSpec: {
      sidecarSpecs: [{ name: 'db', computeResources: { requests: { cpu: '750m' } } }],
    },
    defaultRequest: {},
  });
  assert.equal(requests, { pods: 1, cpu: 1750 });
});

test('pod requests: a bad quantity is a problem naming the field', () => {
  const problems: RequestProblem[] = [];
  podRequests({ taskSpec: { steps: [step('a', { cpu: 'lots' })] }, defaultRequest: {} }, problems);
  assert.is(problems.length, 1);
  assert.is(problems[0].field, 'steps[0].computeResources.requests.cpu');
  assert.match(problems[0].message, /"lots" is not a Kubernetes quantity/);
});

test.run();
