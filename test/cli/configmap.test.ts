// Tekton's feature-flags and config-defaults ConfigMaps as input: `--configmap FILE` on the
// commands that read Tekton YAML, and a Scenario's spec.configMaps. Each flag and default
// the simulator uses changes an outcome here, with Tekton's exact reasons and messages.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { replayCommand as checkReplayCommand } from '../../src/cli/check.js';
import { reportInputs } from '../../src/cli/report.js';
import { replayCommand as reportReplayCommand } from '../../src/check/report-result.js';
import { loadConfigMapFiles } from '../../src/tekton/config-maps/index.js';
import { loadScenarios } from '../../src/workload/index.js';
import { runCli } from './run-cli.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tekton-sim-configmap-'));

function write(name: string, text: string): string {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, text);
  return file;
}

function configMap(name: string, data: Record<string, string>): string {
  const lines = Object.entries(data).map(([key, value]) => `  ${key}: ${JSON.stringify(value)}`);
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: tekton-pipelines\ndata:\n${lines.join('\n')}\n`;
}

const FLAGS_ENUM_ON = write(
  'flags-enum.yaml',
  configMap('feature-flags', { 'enable-param-enum': 'true', 'enable-api-fields': 'beta' }),
);

/**
 * A run whose Pipeline declares `env` with an enum, given `env` = `value`; its `deploy` task
 * gets `target` from `first`'s result, `$(params.env)-eu`, and its Task allows `target` only
 * `taskEnum`.
 */
function enumRun(
  value: string,
  targetFrom: 'result' | 'param' = 'result',
  taskEnum = '[dev-eu, prod-us]',
): string {
  const target = targetFrom === 'result' ? '$(tasks.first.results.target)' : '$(params.env)-eu';
  return write(
    `enum-${value}-${targetFrom}.yaml`,
    `apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: deploy-${value}
spec:
  params:
    - name: env
      value: ${value}
  pipelineSpec:
    params:
      - name: env
        enum: [dev, prod]
    tasks:
      - name: first
        params:
          - name: env
            value: $(params.env)
        taskSpec:
          params: [{name: env}]
          results: [{name: target}]
          steps:
            - image: alpine
              script: sleep 2; echo -n "$(params.env)-eu" > $(results.target.path)
      - name: deploy
        params:
          - name: target
            value: ${target}
        taskSpec:
          params:
            - name: target
              enum: ${taskEnum}
          steps:
            - image: alpine
              script: sleep 1
`,
  );
}

test('cli: --configmap: enable-param-enum fails a run whose param is outside its enum, InvalidParamValue', async () => {
  const unchecked = await runCli('run', enumRun('qa'));
  assert.is(unchecked.code, 0, unchecked.stderr);
  assert.match(unchecked.stdout, /Status: +Succeeded/, 'without the flag the enum is not checked');
  const run = await runCli('run', enumRun('qa'), '--configmap', FLAGS_ENUM_ON);
  assert.is(run.code, 0, run.stderr);
  assert.match(
    run.stdout,
    'Reason: InvalidParamValue  Message: [User error] PipelineRun default/deploy-qa parameters have invalid value: param `env` value: qa is not in the enum list',
  );
});

test("cli: --configmap: a pipeline task's param outside its Task's enum fails the run when that task is created", async () => {
  const run = await runCli('run', enumRun('prod'), '--configmap', FLAGS_ENUM_ON, '-o', 'json');
  assert.is(run.code, 0, run.stderr);
  const list = JSON.parse(run.stdout);
  const condition = list.items[0].status.conditions[0];
  assert.is(condition.reason, 'InvalidParamValue');
  assert.is(
    condition.message,
    '[User error] Invalid param value from PipelineTask "deploy": param `target` value: prod-eu is not in the enum list',
  );
  // The first task ran to its end before `deploy` could be created; deploy got no TaskRun.
  assert.equal(
    list.items.slice(1).map((item: { metadata: { name: string } }) => item.metadata.name),
    ['deploy-prod-first'],
  );
  assert.is(list.items[0].status.completionTime, '2000-01-01T00:00:02Z');
});

test("cli: --configmap: a Pipeline param enum that is not a subset of its Task's fails the run at start", async () => {
  const run = await runCli(
    'run',
    enumRun('dev', 'param'),
    '--configmap',
    FLAGS_ENUM_ON,
    '-o',
    'json',
  );
  assert.is(run.code, 0, run.stderr);
  const condition = JSON.parse(run.stdout).items[0].status.conditions[0];
  assert.is(condition.reason, 'PipelineValidationFailed');
  assert.is(
    condition.message,
    '[User error] Validation failed for pipelinerun with error pipeline param "env" enum: [dev prod] is not a subset of the referenced in "" task param enum: [dev-eu prod-us]',
  );
  // Tekton compares the enums as written: `$(params.env)-eu` needs `dev` and `prod` in the
  // Task's enum, and then `dev-eu` there too when the TaskRun is made.
  const subset = await runCli(
    'run',
    enumRun('dev', 'param', '[dev, prod, dev-eu, prod-eu]'),
    '--configmap',
    FLAGS_ENUM_ON,
  );
  assert.match(subset.stdout, /Status: +Succeeded/);
});

test('cli: --configmap: disable-inline-spec taskrun fails the run when an embedded task is created', async () => {
  const flags = write(
    'no-inline.yaml',
    configMap('feature-flags', { 'disable-inline-spec': 'taskrun' }),
  );
  const run = await runCli('run', TWO_TASKS, '--configmap', flags, '-o', 'json');
  assert.is(run.code, 0, run.stderr);
  const condition = JSON.parse(run.stdout).items[0].status.conditions[0];
  assert.is(condition.reason, 'CreateRunFailed');
  assert.is(
    condition.message,
    'admission webhook "validation.webhook.pipeline.tekton.dev" denied the request: validation failed: must not set the field(s): spec.taskSpec',
  );
});

const PIPELINE_IN_PIPELINE = write(
  'pip.yaml',
  `apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: nested
spec:
  pipelineSpec:
    tasks:
      - name: child
        pipelineRef: {name: other}
`,
);

test("cli: validate --configmap: Tekton's own feature-flags (enable-api-fields beta) refuse pipelines in pipelines", async () => {
  const accepted = await runCli('validate', PIPELINE_IN_PIPELINE, '-q');
  assert.is(accepted.code, 0, accepted.stdout);
  const flags = write(
    'tekton-flags.yaml',
    configMap('feature-flags', { 'enable-api-fields': 'beta' }),
  );
  const refused = await runCli('validate', PIPELINE_IN_PIPELINE, '--configmap', flags, '-q');
  assert.is(refused.code, 1);
  assert.equal(refused.stdout.split('\n'), [
    `${PIPELINE_IN_PIPELINE}:8:9: error: pipelineRef requires "enable-api-fields" feature gate to be "alpha" but it is "beta" (spec.pipelineSpec.tasks[0])`,
    '1 file, 0 Pipelines, 1 PipelineRun, 0 Tasks: 1 error, 0 warnings',
    '',
  ]);
});

test('cli: --configmap: a bad value is one line at its file:line:col, exit 2', async () => {
  const bad = write('bad-flags.yaml', configMap('feature-flags', { 'enable-api-fields': 'Gamma' }));
  for (const command of ['run', 'validate']) {
    const result = await runCli(command, PIPELINE_IN_PIPELINE, '--configmap', bad);
    assert.is(result.code, 2, command);
    assert.is(result.stdout, '');
    assert.is(
      result.stderr,
      `${bad}:7:3: error: invalid value for feature flag "enable-api-fields": "gamma" (data.enable-api-fields)\n`,
    );
  }
});

const TWO_TASKS = write(
  'sleepy.yaml',
  `apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: sleepy
spec:
  pipelineSpec:
    tasks:
      - name: nap
        matrix:
          params:
            - name: n
              value: ["1", "2", "3"]
        taskSpec:
          params: [{name: n}]
          steps:
            - image: alpine
              script: sleep 90
`,
);

test('cli: --configmap: config-defaults sets the default timeout, the matrix bound and the service account', async () => {
  const defaults = write(
    'defaults.yaml',
    configMap('config-defaults', {
      'default-timeout-minutes': '1',
      'default-service-account': 'pipeline-runner',
      'default-pod-template': 'nodeSelector: {a: b}',
    }),
  );
  const run = await runCli('run', TWO_TASKS, '--configmap', defaults, '-o', 'yaml');
  assert.is(run.code, 0, run.stderr);
  // Each TaskRun gets the default timeout of a minute; its 90 s step does not finish.
  assert.match(run.stdout, 'message: TaskRun "sleepy-nap-0" failed to finish within "1m0s"');
  assert.match(run.stdout, 'serviceAccountName: pipeline-runner');
  assert.match(
    run.stderr,
    `${defaults}:6:1: note: config-defaults ConfigMap: accepted, with no effect on the simulation: default-pod-template (data)`,
  );
  const plain = await runCli('run', TWO_TASKS, '-o', 'yaml');
  assert.match(plain.stdout, 'serviceAccountName: default');
  assert.match(plain.stdout, 'reason: Succeeded');
  const small = write(
    'small.yaml',
    configMap('config-defaults', { 'default-max-matrix-combinations-count': '2' }),
  );
  const refused = await runCli('validate', TWO_TASKS, '--configmap', small, '-q');
  assert.is(refused.code, 1);
  assert.match(refused.stdout, 'error: expected 0 <= 3 <= 2 (spec.pipelineSpec.tasks[0].matrix)');
  const both = await runCli('run', TWO_TASKS, '--configmap', defaults, '--default-timeout', '5m');
  assert.is(both.code, 2);
  assert.match(both.stderr, '--default-timeout and default-timeout-minutes of a --configmap');
});

test("cli: --configmap: default-managed-by-label-value is the TaskRuns' managed-by label (TaskRun.SetDefaults)", async () => {
  const defaults = write(
    'managed-by.yaml',
    configMap('config-defaults', { 'default-managed-by-label-value': 'my-ci' }),
  );
  const run = await runCli('run', TWO_TASKS, '--configmap', defaults, '-o', 'yaml');
  assert.is(run.code, 0, run.stderr);
  assert.match(run.stdout, 'app.kubernetes.io/managed-by: my-ci');
  assert.not.match(run.stdout, 'app.kubernetes.io/managed-by: tekton-pipelines');
  assert.not.match(run.stderr, 'default-managed-by-label-value');
  const plain = await runCli('run', TWO_TASKS, '-o', 'yaml');
  assert.match(plain.stdout, 'app.kubernetes.io/managed-by: tekton-pipelines');
});

const SCENARIO = write(
  'scenario.yaml',
  `apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: gated
spec:
  pipelineSpec:
    tasks:
      - name: maybe
        when:
          - cel: "'a' == 'a'"
        taskSpec:
          steps:
            - image: alpine
              script: sleep 1
---
apiVersion: tekton-sim/v1alpha1
kind: Scenario
metadata:
  name: gated
spec:
  configMaps:
    feature-flags:
      enable-cel-in-whenexpression: "false"
      send-cloudevents-for-runs: "true"
  seeds: 3
`,
);

test("cli: check: a Scenario's spec.configMaps are read as Tekton's, their refusals at the Scenario's lines", async () => {
  const check = await runCli('check', SCENARIO);
  assert.is(check.code, 2);
  assert.is(
    check.stderr,
    `${SCENARIO}:10:13: error: feature flag enable-cel-in-whenexpression should be set to true to use CEL: 'a' == 'a' in WhenExpression (spec.pipelineSpec.tasks[0].when[0])\n`,
  );
  const flags = write(
    'cel-on.yaml',
    configMap('feature-flags', { 'enable-cel-in-whenexpression': 'true' }),
  );
  const replaced = await runCli('check', SCENARIO, '--configmap', flags, '-o', 'json');
  assert.is(replaced.code, 0, replaced.stderr);
  // The summary names what differs from the simulator's defaults: the keys not given take
  // Tekton's values.
  assert.equal(JSON.parse(replaced.stdout).scenarios[0].tektonConfig, [
    'enable-api-fields=beta',
    'enable-param-enum=false',
  ]);
  const text = await runCli('check', SCENARIO, '--configmap', flags);
  assert.match(
    text.stdout,
    `scenario gated (${SCENARIO}), profile v1.15, Tekton config enable-api-fields=beta, enable-param-enum=false, seeds 1..3: 3 runs`,
  );
  const accepted = write(
    'accepted.yaml',
    fs
      .readFileSync(SCENARIO, 'utf8')
      .replace('enable-cel-in-whenexpression: "false"', 'enable-cel-in-whenexpression: "true"'),
  );
  const validated = await runCli('validate', accepted);
  assert.is(validated.code, 0, validated.stdout);
  assert.match(
    validated.stdout,
    `${accepted}:22:5: note: feature-flags ConfigMap: accepted, with no effect on the simulation: send-cloudevents-for-runs (spec.configMaps.feature-flags)`,
  );
});

test('cli: check --configmap: replay commands name the ConfigMap files, and replay reads them', async () => {
  const scenario = write(
    'slow.yaml',
    `apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: slow
spec:
  pipelineSpec:
    tasks:
      - name: work
        taskSpec:
          steps:
            - image: alpine
              script: sleep 30
---
apiVersion: tekton-sim/v1alpha1
kind: Scenario
metadata:
  name: slow
spec:
  seeds: 2
`,
  );
  const defaults = write(
    'short.yaml',
    configMap('config-defaults', { 'default-timeout-minutes': '0' }),
  );
  const [compiled] = loadScenarios([scenario], {
    configMaps: { files: [defaults], reading: loadConfigMapFiles([defaults]) },
  });
  assert.is(
    checkReplayCommand(compiled, [compiled], 2),
    `tekton-sim replay ${scenario} --seed 2 --configmap ${defaults}`,
  );
  assert.is(
    reportReplayCommand(
      reportInputs([{ scenario: compiled, seeds: compiled.seeds, indexInFile: 0 }])[0],
      2,
    ),
    `tekton-sim replay ${scenario} --seed 2 --configmap ${defaults}`,
  );
  const replay = await runCli(
    'replay',
    scenario,
    '--seed',
    '1',
    '--configmap',
    defaults,
    '-o',
    'json',
  );
  assert.is(replay.code, 0, replay.stderr);
  assert.match(replay.stdout, '"timeout": "0s"', 'a default timeout of 0: no timeout');
  const plain = await runCli('replay', scenario, '--seed', '1', '-o', 'json');
  assert.match(plain.stdout, '"timeout": "1h0m0s"');
});

test.after(() => fs.rmSync(scratch, { recursive: true, force: true }));

test.run();
