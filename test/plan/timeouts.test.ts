// TEP-0046 timeouts as pure functions (tekton-semantics 3.1, 3.2, 3.4): the derivation table
// and TaskRun timeout propagation (conformance C35, C39, C40).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  DEFAULT_TIMEOUT_MS,
  deriveTimeouts,
  sectionTimeoutForPropagation,
  taskRunTimeoutMs,
} from '../../src/plan/timeouts.js';

const M = 60_000;
const H = 60 * M;

test('plan: timeouts: derivation table of 3.2', () => {
  assert.equal(deriveTimeouts(undefined, DEFAULT_TIMEOUT_MS), {
    pipelineMs: H,
    tasksMs: undefined,
    finallyMs: undefined,
  });
  assert.equal(deriveTimeouts({ pipeline: '2h' }, DEFAULT_TIMEOUT_MS), {
    pipelineMs: 2 * H,
    tasksMs: undefined,
    finallyMs: undefined,
  });
  assert.equal(deriveTimeouts({ tasks: '20m' }, DEFAULT_TIMEOUT_MS), {
    pipelineMs: H,
    tasksMs: 20 * M,
    finallyMs: 40 * M,
  });
  assert.equal(deriveTimeouts({ finally: '20m' }, DEFAULT_TIMEOUT_MS), {
    pipelineMs: H,
    tasksMs: 40 * M,
    finallyMs: 20 * M,
  });
  assert.equal(deriveTimeouts({ pipeline: '2h', tasks: '30m' }, DEFAULT_TIMEOUT_MS), {
    pipelineMs: 2 * H,
    tasksMs: 30 * M,
    finallyMs: 90 * M,
  });
  assert.equal(deriveTimeouts({ pipeline: '2h', finally: '10m' }, DEFAULT_TIMEOUT_MS), {
    pipelineMs: 2 * H,
    tasksMs: 110 * M,
    finallyMs: 10 * M,
  });
  assert.equal(
    deriveTimeouts({ pipeline: '1h', tasks: '30m', finally: '20m' }, DEFAULT_TIMEOUT_MS),
    { pipelineMs: H, tasksMs: 30 * M, finallyMs: 20 * M },
  );
  // "0" means no deadline, and nothing is derived from a 0.
  assert.equal(deriveTimeouts({ pipeline: '0s', tasks: '30m' }, DEFAULT_TIMEOUT_MS), {
    pipelineMs: undefined,
    tasksMs: 30 * M,
    finallyMs: undefined,
  });
  assert.equal(deriveTimeouts({ pipeline: '1h', tasks: '0s' }, DEFAULT_TIMEOUT_MS), {
    pipelineMs: H,
    tasksMs: undefined,
    finallyMs: undefined,
  });
  assert.equal(deriveTimeouts({ pipeline: '0', tasks: '0', finally: '0' }, DEFAULT_TIMEOUT_MS), {
    pipelineMs: undefined,
    tasksMs: undefined,
    finallyMs: undefined,
  });
  // The default comes from config-defaults.
  assert.equal(deriveTimeouts({ tasks: '10m' }, 30 * M), {
    pipelineMs: 30 * M,
    tasksMs: 10 * M,
    finallyMs: 20 * M,
  });
});

test('plan: timeouts: C35 tasks 25m with pipeline 20m derives a finally timeout already expired', () => {
  assert.is(
    deriveTimeouts({ pipeline: '20m', tasks: '25m' }, DEFAULT_TIMEOUT_MS).finallyMs,
    -5 * M,
  );
});

test('plan: timeouts: C39 propagation precedence (3.4)', () => {
  const tasks = (fields: Parameters<typeof sectionTimeoutForPropagation>[0]) =>
    sectionTimeoutForPropagation(fields, 'tasks', DEFAULT_TIMEOUT_MS);
  const rule = (
    fields: Parameters<typeof sectionTimeoutForPropagation>[0],
    more: { spec?: string; task?: string } = {},
  ) =>
    taskRunTimeoutMs({
      taskRunSpecTimeout: more.spec,
      pipelineTaskTimeout: more.task,
      sectionTimeoutMs: tasks(fields),
      defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
      propagatesSectionTimeout: true,
    });
  assert.is(rule({ pipeline: '2h', tasks: '1h55m' }), 115 * M);
  assert.is(rule({ pipeline: '2h', tasks: '1h55m' }, { spec: '30m' }), 30 * M);
  assert.is(rule(undefined, { task: '45m' }), 45 * M);
  assert.is(rule(undefined), undefined);
  assert.is(rule({ pipeline: '2h' }), undefined);
  assert.is(rule({ pipeline: '2h', finally: '10m' }), 110 * M);
  assert.is(rule({ pipeline: '1h', finally: '20m' }), undefined);
  assert.is(rule({ pipeline: '0', tasks: '0' }), 0);
  assert.is(rule({ pipeline: '1h', tasks: '30m' }), undefined);
  assert.is(rule({ pipeline: '2h', tasks: '1h55m' }, { spec: '20m', task: '45m' }), 20 * M);
  // Exactly the default is not propagated (strictly greater).
  assert.is(rule({ pipeline: '2h', tasks: '1h' }), undefined);
});

test('plan: timeouts: C40 finally section propagates when above the default; v0.40 never propagates', () => {
  const finallyMs = sectionTimeoutForPropagation(
    { pipeline: '3h', tasks: '1h50m', finally: '1h10m' },
    'finally',
    DEFAULT_TIMEOUT_MS,
  );
  assert.is(finallyMs, 70 * M);
  assert.is(
    taskRunTimeoutMs({
      sectionTimeoutMs: finallyMs,
      defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
      propagatesSectionTimeout: true,
    }),
    70 * M,
  );
  assert.is(
    taskRunTimeoutMs({
      sectionTimeoutMs: finallyMs,
      defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
      propagatesSectionTimeout: false,
    }),
    undefined,
  );
  assert.is(
    taskRunTimeoutMs({
      pipelineTaskTimeout: '45m',
      sectionTimeoutMs: finallyMs,
      defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
      propagatesSectionTimeout: false,
    }),
    45 * M,
  );
});

test.run();
