// An editor validates a Scenario with a standard JSON Schema validator against the published
// schema; tekton-sim must reach the same verdict on every file. Each case here goes both to
// ajv directly (set up as any editor or CI job would, independent of our code) and through
// the library's load function and the `tekton-sim check` CLI; the verdicts must agree, and
// every rejection must name file:line:column and the field path.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvErrors from 'ajv-errors';
import { parseAllDocuments } from 'yaml';
import { staleGeneratedFiles } from '../../scripts/build-schema-verdict.mjs';
import { InputError } from '../../src/tekton/diagnostics.js';
import { validate as precompiledVerdict } from '../../src/workload/generated/scenario-schema-verdict.js';
import { loadScenarios } from '../../src/workload/index.js';
import { schemaErrors } from '../../src/workload/schema-messages.js';
import { scenarioSchema } from '../../src/workload/schema-file.js';
import {
  compileSchema,
  scenarioSchemaJudge,
  type SchemaJudge,
} from '../../src/workload/schema-validator.js';
import { runCli } from '../cli/run-cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'scenario-schema-agreement-'));

const PIPELINE_RUN = `apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: demo-run
spec:
  pipelineSpec:
    tasks:
      - name: build
        taskSpec:
          steps:
            - name: compile
              image: golang
              script: sleep 30
    finally:
      - name: cleanup
        taskSpec:
          steps:
            - name: rm
              image: alpine
              script: sleep 5
---
`;

/** A Scenario whose spec is `spec` (YAML lines indented under `spec:`). */
const scenario = (spec: string) =>
  `${PIPELINE_RUN}apiVersion: tekton-sim/v1alpha1
kind: Scenario
metadata:
  name: demo
spec:
${spec
  .trim()
  .split('\n')
  .map((line) => `  ${line}`)
  .join('\n')}
`;

interface Case {
  what: string;
  text: string;
  /** The field path the first error names; absent for valid documents. */
  field?: string;
}

const VALID: Case[] = [
  {
    what: 'durations, failures, results, cancel, seeds as a range',
    text: scenario(`
seeds: 1..20
defaultTimeout: 1h
tasks:
  build:
    duration: {lognormal: {median: 1m, p95: 3m}}
    failure: {probability: 0.2, retryProbability: 0.1, at: {uniform: {min: 0.1, max: 1}}, exitCode: 3}
    results: {digest: sha256:x, url: {value: u, probability: 0.5}}
cancel: {probability: 0.1, at: {exponential: {mean: 5m}}, mode: StoppedRunFinally}
expectations: [finally-completes >= 0.9]`),
  },
  {
    what: 'a mixture and seeds as a count',
    text: scenario(`
seeds: 20
tasks:
  '*':
    duration: {mixture: [{weight: 0.8, constant: 1m}, {weight: 0.2, uniform: {min: 1m, max: 2m}}]}`),
  },
  {
    what: "Tekton's ConfigMaps, an empty value among them",
    text: scenario(`
configMaps:
  feature-flags: {enable-api-fields: alpha, enable-param-enum: "true", disable-inline-spec: }
  config-defaults: {default-timeout-minutes: "30"}`),
  },
];

const INVALID: Case[] = [
  {
    what: 'a ConfigMap value that is not a string',
    text: scenario('configMaps: {feature-flags: {enable-param-enum: true}}'),
    field: 'spec.configMaps.feature-flags.enable-param-enum',
  },
  {
    what: 'a ConfigMap the simulator does not read',
    text: scenario('configMaps: {config-logging: {}}'),
    field: 'spec.configMaps.config-logging',
  },
  // anyOf/oneOf branches: no branch fits, two kinds at once, the fitting branch's own error.
  {
    what: 'a duration that is a number',
    text: scenario('tasks: {build: {duration: 30}}'),
    field: 'spec.tasks.build.duration',
  },
  {
    what: 'a distribution naming two kinds',
    text: scenario('tasks: {build: {duration: {uniform: {min: 1s, max: 2s}, constant: 1s}}}'),
    field: 'spec.tasks.build.duration',
  },
  { what: 'seeds neither count nor range', text: scenario('seeds: all'), field: 'spec.seeds' },
  { what: 'seeds as a fraction', text: scenario('seeds: 1.5'), field: 'spec.seeds' },
  {
    what: 'a failure fraction that is a word',
    text: scenario('tasks: {build: {failure: {at: late}}}'),
    field: 'spec.tasks.build.failure.at',
  },
  {
    what: 'a result value that is a number',
    text: scenario('tasks: {build: {results: {digest: {value: 1}}}}'),
    field: 'spec.tasks.build.results.digest.value',
  },
  {
    what: 'a mixture component without a distribution',
    text: scenario('tasks: {build: {duration: {mixture: [{weight: 1}]}}}'),
    field: 'spec.tasks.build.duration.mixture[0]',
  },
  // minLength
  { what: 'an empty pipelineRun', text: scenario('pipelineRun: ""'), field: 'spec.pipelineRun' },
  {
    what: 'an empty expectation',
    text: scenario('expectations: [""]'),
    field: 'spec.expectations[0]',
  },
  // wrong types
  { what: 'tasks as a list', text: scenario('tasks: [build]'), field: 'spec.tasks' },
  { what: 'seeds as a boolean', text: scenario('seeds: true'), field: 'spec.seeds' },
  {
    what: 'an exit code as a string',
    text: scenario('tasks: {build: {failure: {exitCode: "1"}}}'),
    field: 'spec.tasks.build.failure.exitCode',
  },
  // unknown fields
  { what: 'an unknown spec field', text: scenario('task: {}'), field: 'spec.task' },
  {
    what: 'an unknown task field',
    text: scenario('tasks: {build: {durations: 1m}}'),
    field: 'spec.tasks.build.durations',
  },
  // negative numbers
  {
    what: 'a negative probability',
    text: scenario('tasks: {build: {failure: {probability: -0.1}}}'),
    field: 'spec.tasks.build.failure.probability',
  },
  { what: 'a negative seed count', text: scenario('seeds: -5'), field: 'spec.seeds' },
  {
    what: 'a negative lognormal sigma',
    text: scenario('tasks: {build: {duration: {lognormal: {median: 1m, sigma: -1}}}}'),
    field: 'spec.tasks.build.duration.lognormal.sigma',
  },
  {
    what: 'a negative mixture weight',
    text: scenario('tasks: {build: {duration: {mixture: [{weight: -1, constant: 1m}]}}}'),
    field: 'spec.tasks.build.duration.mixture[0].weight',
  },
  // bad durations
  {
    what: 'a duration in words',
    text: scenario('tasks: {build: {duration: {uniform: {min: 1s, max: 40 seconds}}}}'),
    field: 'spec.tasks.build.duration.uniform.max',
  },
  {
    what: 'a default timeout in days',
    text: scenario('defaultTimeout: 1d'),
    field: 'spec.defaultTimeout',
  },
  {
    what: 'a cancel time that is not a duration',
    text: scenario('cancel: {probability: 0.1, at: soon}'),
    field: 'spec.cancel.at',
  },
  // enums and required fields
  {
    what: 'an unknown cancel mode',
    text: scenario('cancel: {probability: 0.1, at: 1m, mode: Stop}'),
    field: 'spec.cancel.mode',
  },
  {
    what: 'a cancel without a time',
    text: scenario('cancel: {probability: 0.1}'),
    field: 'spec.cancel',
  },
];

// Set up as an editor's validator would be: the published file, draft 2020-12, ajv-errors for
// the schema's errorMessage keyword.
const schema = JSON.parse(
  fs.readFileSync(path.join(ROOT, 'schema', 'scenario.schema.json'), 'utf8'),
) as object;
const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
ajvErrors.default(ajv);
const ajvValidate = ajv.compile(schema);

// Each case's text is read by the `yaml` package once for the file (two or three tests ask
// for it); each caller gets a copy of its own, so no test sees what another did to it.
const scenarioDocuments = new Map<string, unknown>();
function scenarioDocument(text: string): unknown {
  if (!scenarioDocuments.has(text))
    scenarioDocuments.set(
      text,
      parseAllDocuments(text)
        .map((document) => document.toJS() as { kind?: string })
        .find((value) => value.kind === 'Scenario'),
    );
  return structuredClone(scenarioDocuments.get(text));
}

let fileCount = 0;
function write(text: string): string {
  const file = path.join(directory, `case-${++fileCount}.yaml`);
  fs.writeFileSync(file, text);
  return file;
}

/** The library's verdict: undefined when it loads, else its input error. */
function load(file: string): InputError | undefined {
  try {
    loadScenarios([file]);
    return undefined;
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

for (const entry of VALID) {
  test(`workload: schema agreement: ajv and the loader both accept ${entry.what}`, () => {
    assert.ok(ajvValidate(scenarioDocument(entry.text)), JSON.stringify(ajvValidate.errors));
    const error = load(write(entry.text));
    assert.is(error, undefined, error?.message);
  });
}

const invalidFiles: { entry: Case; file: string; message: string }[] = [];

for (const entry of INVALID) {
  test(`workload: schema agreement: ajv and the loader both reject ${entry.what}`, () => {
    assert.not.ok(ajvValidate(scenarioDocument(entry.text)), 'ajv accepts it');
    const file = write(entry.text);
    const error = load(file);
    assert.ok(error, 'the loader accepts it');
    const [first] = error.diagnostics;
    assert.is(first.fieldPath, entry.field, error.message);
    const line = error.message.split('\n')[0];
    const shape = new RegExp(
      `^${escapeRegExp(file)}:(\\d+):(\\d+): error: .+ \\(${escapeRegExp(entry.field ?? '')}\\)$`,
    );
    const match = shape.exec(line);
    assert.ok(match, line);
    // The position is where the field is written: its line holds the field's key, or for a
    // list item the item itself.
    const written = entry.text.split('\n')[Number(match[1]) - 1] ?? '';
    const last = /\[\d+\]$/.test(entry.field ?? '') ? '' : (entry.field ?? '').split('.').pop();
    assert.ok(written.includes(last ?? ''), `${line} points at "${written}"`);
    invalidFiles.push({ entry, file, message: error.message });
  });
}

test('workload: schema agreement: tekton-sim check rejects every invalid case with the same lines, exit 2', async () => {
  // In-process through main(argv, io): the command's own parsing and error handling, without
  // the cost of a process (test/cli/smoke.test.ts covers the built executable).
  const result = await runCli('check', ...invalidFiles.map((one) => one.file));
  assert.is(result.code, 2, result.stderr);
  assert.is(result.stdout, '');
  assert.is(result.stderr, invalidFiles.map((one) => `${one.message}\n`).join(''));
});

// The loader answers "valid?" with the schema compiled ahead of time
// (scripts/build-schema-verdict.mjs) and asks ajv only to explain a rejection: the two must
// agree on every case here and on every Scenario the project ships, and the generated file
// must be the one the published schema gives.
test('workload: schema agreement: the precompiled verdict is current and agrees with ajv', () => {
  // What `node scripts/build-schema-verdict.mjs --check` reports, asked in this process.
  assert.equal(staleGeneratedFiles(ROOT), [], 'run node scripts/build-schema-verdict.mjs');
  const shipped = ['scenarios', 'bench']
    .flatMap((folder) =>
      fs
        .readdirSync(path.join(ROOT, folder))
        .filter((name) => name.endsWith('.yaml'))
        .map((name) => fs.readFileSync(path.join(ROOT, folder, name), 'utf8')),
    )
    .flatMap((text) =>
      parseAllDocuments(text)
        .map((document) => document.toJS() as { kind?: string })
        .filter((value) => value?.kind === 'Scenario'),
    );
  assert.ok(shipped.length >= 5, `${shipped.length} shipped Scenarios`);
  const documents = [...VALID, ...INVALID].map((entry) => scenarioDocument(entry.text));
  // minLength counts code points as ajv's runtime helper does: a pair once, a lone surrogate once.
  const lengths = ['', 'a', '\u{1F600}', '\ud83d', '\ude00', '\ude00\ud83d'].map((text) => ({
    apiVersion: 'tekton-sim/v1alpha1',
    kind: 'Scenario',
    metadata: { name: 'x' },
    spec: { pipelineRun: text, expectations: [text] },
  }));
  for (const document of [...shipped, ...documents, ...lengths])
    assert.is(precompiledVerdict(document), ajvValidate(document), JSON.stringify(document));
});

// An invalid Scenario is explained by the schema's subschemas compiled ahead of time with the
// explainer's options (scripts/build-schema-verdict.mjs): every question the explainer asks
// must get the answer ajv compiled at run time gives, and so every message must be the same.
// The standalone code holds copies of the subschemas, so errors are compared as JSON.
test('workload: schema agreement: the precompiled explainer answers as ajv compiled at run time', () => {
  const runtime = compileSchema(scenarioSchema());
  const precompiled = scenarioSchemaJudge();
  const asked: string[] = [];
  const comparing = (judge: SchemaJudge): SchemaJudge => ({
    schemaAt: (pointer) => judge.schemaAt(pointer),
    errorsAt(pointer, value) {
      const errors = judge.errorsAt(pointer, value);
      const expected = runtime.errorsAt(pointer, value);
      asked.push(pointer);
      assert.is(JSON.stringify(errors), JSON.stringify(expected), pointer);
      return errors;
    },
  });
  const documents = [
    ...INVALID.map((entry) => scenarioDocument(entry.text)),
    { apiVersion: 'tekton-sim/v1alpha1', kind: 'Scenario', metadata: { name: 'x' }, spec: 7 },
    {
      apiVersion: 'tekton-sim/v1alpha1',
      kind: 'Scenario',
      metadata: { name: 'x' },
      spec: { seeds: 'many', tasks: { build: { duration: 'abc', failure: 2, retries: -1 } } },
    },
  ];
  for (const document of documents) {
    const messages = schemaErrors(comparing(precompiled), document);
    assert.ok(messages.length > 0, JSON.stringify(document));
    assert.equal(messages, schemaErrors(runtime, document));
  }
  assert.ok(new Set(asked).size >= 20, `${new Set(asked).size} subschemas asked about`);
});

test.run();
