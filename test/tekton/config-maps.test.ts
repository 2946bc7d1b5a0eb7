// Tekton's feature-flags and config-defaults ConfigMaps read as v1.15 reads them: values in
// Go's syntax, the first refused value as Tekton's own message at its file:line:column, keys
// not set at Tekton's defaults, and every key the simulation does not use named in a note.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  SIMULATOR_TEKTON_CONFIG,
  TEKTON_CONFIG_DEFAULTS,
  TEKTON_FEATURE_FLAGS,
} from '../../src/model/tekton-config.js';
import { loadConfigMapFiles } from '../../src/tekton/config-maps/index.js';
import { formatDiagnostic, InputError } from '../../src/tekton/diagnostics.js';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'config-maps-'));
let written = 0;

/** A file holding one ConfigMap named `name` whose data is the YAML lines `data`. */
function configMapFile(name: string, data: string): string {
  const file = path.join(directory, `cm-${++written}.yaml`);
  const lines = data
    .trim()
    .split('\n')
    .map((line) => `  ${line}`);
  fs.writeFileSync(
    file,
    ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: ${name}`, 'data:', ...lines].join(
      '\n',
    ) + '\n',
  );
  return file;
}

/** The one line of the InputError reading `files` throws. */
function refusal(...files: string[]): string {
  try {
    loadConfigMapFiles(files);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    assert.is(error.diagnostics.length, 1, error.message);
    return formatDiagnostic(error.diagnostics[0]);
  }
  throw new Error('expected an InputError');
}

test('config maps: none given keeps the simulator defaults', () => {
  assert.is(loadConfigMapFiles([]).config, SIMULATOR_TEKTON_CONFIG);
});

test('config maps: an empty feature-flags ConfigMap gives Tekton v1.15 defaults, not the simulator ones', () => {
  const reading = loadConfigMapFiles([configMapFile('feature-flags', 'x: "y"')]);
  assert.equal(reading.config.featureFlags, TEKTON_FEATURE_FLAGS);
  assert.equal(reading.config.featureFlags.enableApiFields, 'beta');
  assert.equal(reading.config.featureFlags.enableCelInWhenExpression, false);
  assert.equal(reading.config.defaults, TEKTON_CONFIG_DEFAULTS);
});

test('config maps: the flags and defaults the simulator uses are read as Go reads them', () => {
  const reading = loadConfigMapFiles([
    configMapFile(
      'feature-flags',
      `
enable-api-fields: STABLE
disable-inline-spec: "taskrun,pipeline"
enable-cel-in-whenexpression: "T"
enable-concise-resolver-syntax: "1"
enable-param-enum: "True"
enable-artifacts: "true"`,
    ),
    configMapFile(
      'config-defaults',
      `
default-timeout-minutes: "+30"
default-max-matrix-combinations-count: "4"
default-service-account: builder`,
    ),
  ]);
  assert.equal(reading.config, {
    featureFlags: {
      enableApiFields: 'stable',
      disableInlineSpec: ['taskrun', 'pipeline'],
      enableCelInWhenExpression: true,
      enableConciseResolverSyntax: true,
      paramEnum: 'checked',
      enableArtifacts: true,
      coschedule: 'workspaces',
    },
    defaults: {
      defaultTimeoutMs: 30 * 60_000,
      maxMatrixCombinationsCount: 4,
      defaultServiceAccount: 'builder',
      defaultManagedByLabelValue: 'tekton-pipelines',
    },
  });
  assert.equal(reading.notes, []);
  assert.ok(reading.setsDefaultTimeout);
});

test("config maps: a bad value of a known key is refused with Tekton's message at its line", () => {
  const cases: [string, string, string][] = [
    [
      'feature-flags',
      'enable-api-fields: Gamma',
      'error: invalid value for feature flag "enable-api-fields": "gamma" (data.enable-api-fields)',
    ],
    [
      'feature-flags',
      'disable-creds-init: "yes"',
      'error: failed parsing feature flags config "yes": strconv.ParseBool: parsing "yes": invalid syntax (data.disable-creds-init)',
    ],
    [
      'feature-flags',
      'enable-param-enum: "on"',
      'error: failed parsing feature flags config "on": strconv.ParseBool: parsing "on": invalid syntax for feature enable-param-enum (data.enable-param-enum)',
    ],
    [
      'feature-flags',
      'max-result-size: "4k"',
      'error: strconv.Atoi: parsing "4k": invalid syntax (data.max-result-size)',
    ],
    [
      'feature-flags',
      'max-result-size: "2000000"',
      'error: invalid value for feature flag "results-from": "2000000". This is exceeding the CRD limit (data.max-result-size)',
    ],
    [
      'config-defaults',
      'default-timeout-minutes: "1h"',
      'error: failed parsing default config "default-timeout-minutes" (data.default-timeout-minutes)',
    ],
    [
      'config-defaults',
      'default-create-container-error-timeout: "5"',
      'error: failed parsing default config "default-create-container-error-timeout": time: missing unit in duration "5" (data.default-create-container-error-timeout)',
    ],
    [
      'config-defaults',
      'default-sidecar-log-polling-interval: "fast"',
      'error: failed parsing default config "fast" (data.default-sidecar-log-polling-interval)',
    ],
  ];
  for (const [name, data, expected] of cases) {
    const file = configMapFile(name, `# a comment\n${data}`);
    assert.is(refusal(file), `${file}:7:3: ${expected}`, data);
  }
});

test('config maps: only the first refused value is reported, in the order Tekton reads the keys', () => {
  const file = configMapFile(
    'feature-flags',
    `
enable-param-enum: "no way"
enable-api-fields: gamma`,
  );
  assert.match(refusal(file), /enable-api-fields/);
});

test('config maps: numbers the simulator uses are bounded with a clear message', () => {
  const file = configMapFile('config-defaults', 'default-timeout-minutes: "-5"');
  assert.is(
    refusal(file),
    `${file}:6:3: error: default-timeout-minutes "-5" is out of range for the simulator: minutes (0 for no timeout) from 0 to 525600 (data.default-timeout-minutes)`,
  );
});

test('config maps: a value that is not a string is refused where it is written', () => {
  const file = configMapFile('feature-flags', 'enable-param-enum: true');
  assert.is(
    refusal(file),
    `${file}:6:3: error: ConfigMap values are strings, as the API server stores them: write "true" in quotes (data.enable-param-enum)`,
  );
});

test('config maps: keys without effect and keys Tekton does not read are listed in one note', () => {
  const file = configMapFile(
    'feature-flags',
    `
send-cloudevents-for-runs: "true"
enable-api-fields: "alpha"
enable-step-actions: "true"
_example: "anything"`,
  );
  const reading = loadConfigMapFiles([file]);
  assert.equal(reading.notes.map(formatDiagnostic), [
    `${file}:5:1: note: feature-flags ConfigMap: accepted, with no effect on the simulation: send-cloudevents-for-runs; not read by Tekton v1.15, ignored: enable-step-actions, _example (data)`,
  ]);
});

test('config maps: an empty value (`key:` alone) is the empty string, as in Tekton own files', () => {
  const file = configMapFile('config-defaults', 'default-resolver-type:\ndefault-service-account:');
  assert.is(loadConfigMapFiles([file]).config.defaults.defaultServiceAccount, '');
});

test('config maps: the same ConfigMap twice, or a file without either, is refused', () => {
  const first = configMapFile('feature-flags', 'a: "b"');
  const second = configMapFile('feature-flags', 'a: "b"');
  assert.is(
    refusal(first, second),
    `${second}:5:1: error: a second feature-flags ConfigMap; the first is at ${first}:5:1, give one (data)`,
  );
  const other = configMapFile('config-logging', 'a: "b"');
  assert.is(
    refusal(other),
    `error: ${other}: holds no ConfigMap named feature-flags or config-defaults (apiVersion v1, kind ConfigMap); --configmap takes those of Tekton`,
  );
});

test('config maps: a List of them, as kubectl get -o yaml prints two, is read item by item', () => {
  const file = path.join(directory, 'list.yaml');
  fs.writeFileSync(
    file,
    [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '  - apiVersion: v1',
      '    kind: ConfigMap',
      '    metadata: {name: config-defaults}',
      '    data: {default-service-account: robot}',
      '  - apiVersion: v1',
      '    kind: ConfigMap',
      '    metadata: {name: feature-flags}',
      '    data:',
      '      enable-api-fields: gamma',
    ].join('\n'),
  );
  assert.is(
    refusal(file),
    `${file}:12:7: error: invalid value for feature flag "enable-api-fields": "gamma" (items[1].data.enable-api-fields)`,
  );
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('gamma', 'stable'));
  const { config } = loadConfigMapFiles([file]);
  assert.is(config.defaults.defaultServiceAccount, 'robot');
  assert.is(config.featureFlags.enableApiFields, 'stable');
});

test.after(() => fs.rmSync(directory, { recursive: true, force: true }));

test.run();
