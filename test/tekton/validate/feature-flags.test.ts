// Each feature flag the webhook reads changes its verdict, with v1.15's exact messages: the
// same YAML is accepted under the simulator's defaults (no ConfigMap) and refused under
// Tekton's (an empty feature-flags ConfigMap), or the other way round.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  type FeatureFlags,
  TEKTON_FEATURE_FLAGS,
  SIMULATOR_TEKTON_CONFIG,
} from '../../../src/model/tekton-config.js';
import { validationOptionsOf } from '../../../src/tekton/validate/options.js';
import { errorsOf, expectDiagnostic, pipeline, pipelineRun, validate, yaml } from './helpers.js';

/** Validation options with Tekton's flags, changed by `flags`. */
function tekton(flags: Partial<FeatureFlags> = {}) {
  return validationOptionsOf({
    featureFlags: { ...TEKTON_FEATURE_FLAGS, ...flags },
    defaults: SIMULATOR_TEKTON_CONFIG.defaults,
  });
}

const PIPELINE_IN_PIPELINE = pipeline(yaml`
  tasks:
    - name: child
      pipelineRef: {name: other}
    - name: inline
      pipelineSpec:
        tasks:
          - name: inner
            taskSpec:
              steps:
                - image: alpine
                  script: sleep 1
`);

test('feature flags: pipelines in pipelines need enable-api-fields alpha', () => {
  assert.equal(errorsOf(validate(PIPELINE_IN_PIPELINE)), [], 'the simulator default accepts them');
  assert.equal(errorsOf(validate(PIPELINE_IN_PIPELINE, tekton({ enableApiFields: 'alpha' }))), []);
  const refused = validate(PIPELINE_IN_PIPELINE, tekton());
  expectDiagnostic(refused, {
    message: 'pipelineRef requires "enable-api-fields" feature gate to be "alpha" but it is "beta"',
    fieldPath: 'spec.tasks[0]',
    line: 7,
  });
  expectDiagnostic(refused, {
    message:
      'pipelineSpec requires "enable-api-fields" feature gate to be "alpha" but it is "beta"',
    fieldPath: 'spec.tasks[1]',
  });
});

const BETA_FIELDS = pipeline(yaml`
  tasks:
    - name: fan
      onError: continue
      matrix:
        params:
          - name: os
            value: [linux, mac]
      taskRef:
        resolver: git
        params:
          - name: url
            value: https://example.com/repo
`);

test('feature flags: beta fields are refused when enable-api-fields is stable', () => {
  assert.equal(errorsOf(validate(BETA_FIELDS, tekton())), [], 'beta accepts them');
  const refused = validate(BETA_FIELDS, tekton({ enableApiFields: 'stable' }));
  const beta = (feature: string) =>
    `${feature} requires "enable-api-fields" feature gate to be "alpha" or "beta" but it is "stable"`;
  expectDiagnostic(refused, { message: beta('taskref.resolver'), fieldPath: 'spec.tasks[0]' });
  expectDiagnostic(refused, { message: beta('taskref.params'), fieldPath: 'spec.tasks[0]' });
  expectDiagnostic(refused, { message: beta('OnError'), fieldPath: 'spec.tasks[0]' });
  expectDiagnostic(refused, { message: beta('matrix'), fieldPath: 'spec.tasks[0]' });
  expectDiagnostic(refused, {
    message: beta('resolver'),
    fieldPath: 'spec.tasks[0].taskRef.resolver',
  });
  expectDiagnostic(refused, {
    message: beta('resolver params'),
    fieldPath: 'spec.tasks[0].taskRef.params',
  });
});

const CEL_WHEN = pipeline(yaml`
  tasks:
    - name: gated
      when:
        - cel: "'a' == 'a'"
      taskRef: {name: t}
`);

test('feature flags: CEL in when needs enable-cel-in-whenexpression', () => {
  assert.equal(errorsOf(validate(CEL_WHEN)), [], 'the simulator default accepts it');
  assert.equal(errorsOf(validate(CEL_WHEN, tekton({ enableCelInWhenExpression: true }))), []);
  expectDiagnostic(validate(CEL_WHEN, tekton()), {
    message:
      "feature flag enable-cel-in-whenexpression should be set to true to use CEL: 'a' == 'a' in WhenExpression",
    fieldPath: 'spec.tasks[0].when[0]',
  });
});

const CONCISE = pipeline(yaml`
  tasks:
    - name: remote
      taskRef:
        name: git://github.com/org/repo/task.yaml
        resolver: git
`);

test('feature flags: the concise resolver syntax needs enable-concise-resolver-syntax', () => {
  const message =
    'feature flag enable-concise-resolver-syntax should be set to true to use concise resolver syntax';
  expectDiagnostic(validate(CONCISE), { message, fieldPath: 'spec.tasks[0].taskRef' });
  assert.equal(errorsOf(validate(CONCISE, tekton({ enableConciseResolverSyntax: true }))), []);
});

const ENUM = pipeline(yaml`
  params:
    - name: env
      enum: [dev, prod, dev]
      default: qa
  tasks:
    - name: t
      taskRef: {name: t}
`);

test('feature flags: a param enum is refused unless enable-param-enum is on, then checked', () => {
  assert.equal(errorsOf(validate(ENUM)), [], 'the simulator default accepts it unchecked');
  expectDiagnostic(validate(ENUM, tekton()), {
    message: 'feature flag `enable-param-enum` should be set to true to use Enum',
    // A Pipeline's params are checked by ValidatePipelineParameterVariables, which
    // PipelineSpec.Validate runs under "tasks" and under "finally" (entry 52).
    fieldPath: 'spec.finally.params[env], spec.tasks.params[env]',
    line: 7,
  });
  const checked = validate(ENUM, tekton({ paramEnum: 'checked' }));
  assert.equal(
    errorsOf(checked).map((diagnostic) => diagnostic.message),
    [
      'parameter enum value dev appears more than once',
      'param default value qa not in the enum list',
    ],
  );
});

test('feature flags: taskRunSpecs fields that are beta are refused when stable', () => {
  const run = pipelineRun(yaml`
    pipelineRef: {name: p}
    taskRunSpecs:
      - pipelineTaskName: build
        computeResources: {requests: {cpu: "1"}}
  `);
  assert.equal(errorsOf(validate(run, tekton())), []);
  expectDiagnostic(validate(run, tekton({ enableApiFields: 'stable' })), {
    message:
      'computeResources requires "enable-api-fields" feature gate to be "alpha" or "beta" but it is "stable"',
    fieldPath: 'spec.taskRunSpecs[0].computeResources',
  });
});

test('feature flags: disable-inline-spec refuses embedded specs where it names their owner', () => {
  const run = pipelineRun(yaml`
    pipelineSpec:
      tasks:
        - name: inline
          taskSpec:
            steps:
              - image: alpine
                script: sleep 1
  `);
  assert.equal(errorsOf(validate(run, tekton({ disableInlineSpec: ['taskrun'] }))), []);
  const refused = validate(run, tekton({ disableInlineSpec: ['pipeline', 'pipelinerun'] }));
  // One message at two paths is one FieldError, as knative merges them.
  expectDiagnostic(refused, {
    message: 'must not set the field(s)',
    fieldPath: 'spec.pipelineSpec, spec.pipelineSpec.tasks[0].taskSpec',
  });
});

test.run();
