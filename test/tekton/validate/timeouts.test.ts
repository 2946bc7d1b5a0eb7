import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ValidationOptions } from '../../../src/tekton/validate/index.js';
import { expectExactly, pipelineRun, validate } from './helpers.js';

/** A PipelineRun with these `timeouts` fields (first one on line 8) and optional taskRunSpecs. */
function run(
  timeouts: Record<string, string>,
  taskRunSpecTimeouts: string[] = [],
  options?: ValidationOptions,
) {
  const lines = ['pipelineRef: {name: p}'];
  if (Object.keys(timeouts).length > 0) {
    lines.push(
      'timeouts:',
      ...Object.entries(timeouts).map(([name, value]) => `  ${name}: "${value}"`),
    );
  }
  if (taskRunSpecTimeouts.length > 0) {
    lines.push('taskRunSpecs:');
    taskRunSpecTimeouts.forEach((timeout, i) =>
      lines.push(`  - pipelineTaskName: t${i}`, `    timeout: "${timeout}"`),
    );
  }
  return validate(pipelineRun(lines.join('\n') + '\n'), options);
}

test('validate: timeouts: negative durations', () => {
  for (const name of ['pipeline', 'tasks', 'finally']) {
    const timeouts = name === 'pipeline' ? { pipeline: '-48h' } : { pipeline: '0', [name]: '-48h' };
    expectExactly(run(timeouts), [
      {
        message: 'invalid value: -48h0m0s should be >= 0',
        fieldPath: `spec.timeouts.${name}`,
        line: name === 'pipeline' ? 8 : 9,
      },
    ]);
  }
});

test('validate: timeouts: tasks or finally longer than the pipeline', () => {
  expectExactly(run({ pipeline: '25m', tasks: '1h' }), [
    {
      message: 'invalid value: 1h0m0s should be <= pipeline duration',
      fieldPath: 'spec.timeouts.tasks',
      line: 9,
    },
  ]);
  expectExactly(run({ pipeline: '25m', finally: '1h' }), [
    {
      message: 'invalid value: 1h0m0s should be <= pipeline duration',
      fieldPath: 'spec.timeouts.finally',
      line: 9,
    },
  ]);
});

test('validate: timeouts: tasks + finally longer than the pipeline, reported on both paths', () => {
  expectExactly(run({ pipeline: '50m', tasks: '30m', finally: '30m' }), [
    {
      message: 'invalid value: 30m0s + 30m0s should be <= pipeline duration',
      fieldPath: 'spec.timeouts.finally, spec.timeouts.tasks',
      line: 10,
    },
  ]);
});

test('validate: timeouts: pipeline 0 with both tasks and finally is rejected by the sum check', () => {
  expectExactly(run({ pipeline: '0', tasks: '30m', finally: '10m' }), [
    {
      message: 'invalid value: 30m0s + 10m0s should be <= pipeline duration',
      fieldPath: 'spec.timeouts.finally, spec.timeouts.tasks',
    },
  ]);
});

test('validate: timeouts: 0 (no timeout) while the pipeline has one', () => {
  expectExactly(run({ pipeline: '10m', tasks: '0' }), [
    {
      message: 'invalid value: 0s (no timeout) should be <= pipeline duration',
      fieldPath: 'spec.timeouts.tasks',
    },
  ]);
  expectExactly(run({ pipeline: '10m', finally: '0s' }), [
    {
      message: 'invalid value: 0s (no timeout) should be <= pipeline duration',
      fieldPath: 'spec.timeouts.finally',
    },
  ]);
  // Defaulting fills the pipeline timeout first, so the message speaks of the pipeline duration.
  expectExactly(run({ tasks: '0h0m0s' }), [
    {
      message: 'invalid value: 0s (no timeout) should be <= pipeline duration',
      fieldPath: 'spec.timeouts.tasks',
      line: 8,
    },
  ]);
});

test('validate: timeouts: the defaulted pipeline timeout is an option', () => {
  expectExactly(run({ tasks: '90m' }), [
    {
      message: 'invalid value: 1h30m0s should be <= pipeline duration',
      fieldPath: 'spec.timeouts.tasks',
    },
  ]);
  assert.equal(run({ tasks: '90m' }, [], { defaultTimeoutMs: 2 * 3_600_000 }), []);
});

test('validate: timeouts: unparseable durations are reported and stop the relation checks', () => {
  expectExactly(run({ pipeline: 'forever', tasks: '2h' }), [
    {
      message:
        'invalid duration "forever": expected a Go duration string such as "1h30m", "45s" or "0"',
      fieldPath: 'spec.timeouts.pipeline',
      line: 8,
    },
  ]);
});

test('validate: timeouts: taskRunSpecs timeouts', () => {
  expectExactly(run({}, ['-1h']), [
    {
      message: 'invalid value: -1h0m0s should be >= 0',
      fieldPath: 'spec.taskRunSpecs[0].timeout',
      line: 9,
    },
  ]);
  expectExactly(run({ pipeline: '1h' }, ['30m', '2h']), [
    {
      message: 'invalid value: 2h0m0s should be <= pipeline duration 1h0m0s',
      fieldPath: 'spec.taskRunSpecs[1].timeout',
      line: 13,
    },
  ]);
  // Without timeouts the defaulted 60m pipeline timeout bounds them.
  expectExactly(run({}, ['90m']), [
    {
      message: 'invalid value: 1h30m0s should be <= pipeline duration 1h0m0s',
      fieldPath: 'spec.taskRunSpecs[0].timeout',
    },
  ]);
  // A tasks timeout, when set, is the bound; Tekton calls it "pipeline tasks duration"
  // (pipelinerun_validation.go validateTaskRunSpecTimeout).
  expectExactly(run({ tasks: '30m' }, ['45m']), [
    {
      message: 'invalid value: 45m0s should be <= pipeline tasks duration 30m0s',
      fieldPath: 'spec.taskRunSpecs[0].timeout',
    },
  ]);
  // tasks: 0 is no bound, and the pipeline timeout is not consulted in its place: only the
  // tasks timeout itself is reported.
  expectExactly(run({ pipeline: '1h', tasks: '0' }, ['2h']), [
    {
      message: 'invalid value: 0s (no timeout) should be <= pipeline duration',
      fieldPath: 'spec.timeouts.tasks',
    },
  ]);
  // Pipeline 0 means no timeout, so any taskRunSpecs timeout is allowed.
  assert.equal(run({ pipeline: '0' }, ['10h']), []);
});

test('validate: timeouts: a negative bound is reported on each taskRunSpecs timeout too', () => {
  // validateTaskRunSpecTimeout re-validates the tasks timeout (else the pipeline timeout) and
  // returns its ">= 0" error at the taskRunSpec's own timeout (fidelity audit V01).
  // One message, so one error with both paths, sorted (knative's merge, V02).
  expectExactly(run({ tasks: '-1h' }, ['2h']), [
    {
      message: 'invalid value: -1h0m0s should be >= 0',
      fieldPath: 'spec.taskRunSpecs[0].timeout, spec.timeouts.tasks',
      line: 8,
    },
  ]);
  expectExactly(run({ pipeline: '-2h' }, ['5m']), [
    {
      message: 'invalid value: -2h0m0s should be >= 0',
      fieldPath: 'spec.taskRunSpecs[0].timeout, spec.timeouts.pipeline',
    },
  ]);
  // The taskRunSpec's own negative timeout is checked first and is the only one reported there.
  expectExactly(run({ tasks: '-1h' }, ['-5s']), [
    { message: 'invalid value: -1h0m0s should be >= 0', fieldPath: 'spec.timeouts.tasks' },
    { message: 'invalid value: -5s should be >= 0', fieldPath: 'spec.taskRunSpecs[0].timeout' },
  ]);
});

test('validate: timeouts: tasks and finally over the pipeline timeout by one value are one error', () => {
  // Both say "1h0m0s should be <= pipeline duration", which knative prints once with both
  // paths (audit V02); the sum check is a message of its own.
  expectExactly(run({ pipeline: '30m', tasks: '1h', finally: '1h' }), [
    {
      message: 'invalid value: 1h0m0s should be <= pipeline duration',
      fieldPath: 'spec.timeouts.finally, spec.timeouts.tasks',
      line: 9,
    },
    {
      message: 'invalid value: 1h0m0s + 1h0m0s should be <= pipeline duration',
      fieldPath: 'spec.timeouts.finally, spec.timeouts.tasks',
    },
  ]);
});

test('validate: timeouts: unknown fields', () => {
  expectExactly(run({ pipeline: '1h', task: '30m' }), [
    {
      severity: 'warning',
      message: 'unknown field "task"; did you mean "tasks"?',
      fieldPath: 'spec.timeouts.task',
      line: 9,
    },
  ]);
});

test.run();
