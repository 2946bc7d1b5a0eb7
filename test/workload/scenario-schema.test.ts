import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { scenarioSchemaErrors, schemaErrors } from '../../src/workload/schema-messages.js';
import { compileSchema } from '../../src/workload/schema-validator.js';

const base = { apiVersion: 'tekton-sim/v1alpha1', kind: 'Scenario', metadata: { name: 's' } };
const errorsOf = (spec: unknown) => scenarioSchemaErrors({ ...base, spec });

test('workload: schema: a full scenario is valid', () => {
  const errors = errorsOf({
    pipelineRun: 'run',
    seeds: '1..1000',
    tasks: {
      '*': { duration: { lognormal: { median: '1m', p95: '3m' } } },
      build: {
        duration: {
          mixture: [
            { weight: 0.8, constant: '1m' },
            { weight: 0.2, uniform: { min: '5m', max: '9m' } },
          ],
        },
        failure: {
          probability: 0.1,
          retryProbability: 0.05,
          at: { uniform: { min: 0.1, max: 1 } },
        },
        results: { digest: 'sha256:x', url: { value: 'u', probability: 0.9 } },
        steps: { push: { duration: '10s' } },
      },
    },
    cancel: { probability: 0.05, at: { exponential: { mean: '5m' } }, mode: 'StoppedRunFinally' },
    overrides: {
      pipelineRun: { spec: { timeouts: { pipeline: '1h' } } },
      tasks: { build: { retries: 2 } },
    },
    expectations: ['finally-completes >= 0.999'],
  });
  assert.equal(errors, []);
});

test('workload: schema: unknown field lists the known ones', () => {
  assert.equal(errorsOf({ task: {} }), [
    {
      path: ['spec', 'task'],
      message:
        'unknown field "task"; known fields: include, pipelineRun, profile, configMaps, defaultTimeout, seeds, tasks, cancel, overrides, expectations, cluster, arrivals, admission',
    },
  ]);
});

test('workload: schema: probability above 1', () => {
  assert.equal(errorsOf({ tasks: { build: { failure: { probability: 1.5 } } } }), [
    {
      path: ['spec', 'tasks', 'build', 'failure', 'probability'],
      message: 'must be at most 1, not 1.5',
    },
  ]);
});

test('workload: schema: a bad duration says how to write one', () => {
  assert.equal(errorsOf({ tasks: { build: { duration: 'ten minutes' } } }), [
    {
      path: ['spec', 'tasks', 'build', 'duration'],
      message: '"ten minutes" is not a Go duration (write it like 30s, 1m30s or 2h)',
    },
  ]);
  assert.equal(errorsOf({ tasks: { build: { duration: 30 } } }), [
    {
      path: ['spec', 'tasks', 'build', 'duration'],
      message:
        'the number 30 is not a duration: write a Go duration like 30s or a distribution like {uniform: {min: 10s, max: 1m}}',
    },
  ]);
});

test('workload: schema: a distribution names one kind', () => {
  assert.equal(
    errorsOf({
      tasks: { build: { duration: { uniform: { min: '1s', max: '2s' }, constant: '1s' } } },
    })[0].message,
    'a distribution names exactly one of constant, uniform, normal, lognormal, exponential, empirical, mixture',
  );
});

test('workload: schema: bad seeds and cancel mode', () => {
  assert.equal(
    errorsOf({ seeds: 'all' })[0].message,
    'seeds must be a count like 1000 or a range like 1..1000, not "all"',
  );
  assert.equal(
    errorsOf({ cancel: { probability: 0.1, at: '1m', mode: 'Stop' } })[0].message,
    'must be one of "Cancelled", "CancelledRunFinally", "StoppedRunFinally", not "Stop"',
  );
});

test('workload: schema: missing required field', () => {
  assert.equal(
    scenarioSchemaErrors({
      apiVersion: 'tekton-sim/v1alpha1',
      kind: 'Scenario',
    }),
    [{ path: [], message: 'missing required field "metadata"' }],
  );
});

// Standard JSON Schema semantics the schema may come to use, on a small schema of their own.
const judge = compileSchema({
  $id: 'https://example.com/semantics.schema.json',
  type: 'object',
  additionalProperties: false,
  properties: {
    either: {
      description: 'A whole number or an even one.',
      oneOf: [
        { description: 'A whole number', type: 'integer' },
        { description: 'An even number', type: 'number', multipleOf: 2 },
      ],
    },
    bounded: {
      type: ['string', 'number'],
      anyOf: [{ type: 'string' }, { type: 'number' }],
      maxLength: 3,
    },
    code: { type: 'string', minLength: 3 },
  },
});

test('workload: schema: oneOf rejects a value that matches two branches', () => {
  assert.equal(schemaErrors(judge, { either: 3 }), []);
  // Neither branch: the one whose type fits (a number) is explained, in ajv's words here.
  assert.equal(schemaErrors(judge, { either: 1.5 }), [
    { path: ['either'], message: 'must be multiple of 2' },
  ]);
  assert.equal(schemaErrors(judge, { either: 4 }), [
    {
      path: ['either'],
      message: 'must match exactly one of its forms, but is a whole number and an even number',
    },
  ]);
});

test('workload: schema: keywords beside anyOf are checked too', () => {
  assert.equal(schemaErrors(judge, { bounded: 'abc' }), []);
  assert.equal(schemaErrors(judge, { bounded: 'abcd' }), [
    { path: ['bounded'], message: 'must NOT have more than 3 characters' },
  ]);
});

test('workload: schema: minLength above 1 says how long', () => {
  assert.equal(schemaErrors(judge, { code: 'ab' }), [
    { path: ['code'], message: 'must be at least 3 characters long' },
  ]);
});

test.run();
