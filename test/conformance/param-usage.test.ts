// Rule 10 of issue 8: every `$(params.…)` a pipeline task uses is declared, with the right
// type, as Tekton v1.15.0's webhook checks it (pipeline_validation.go
// validatePipelineTaskParameterUsage; pipelinerun_validation.go validateInlineParameters).
// Messages and paths are those of pipeline_validation_test.go
// (TestValidatePipelineDeclaredParameterUsage_Failure, TestPipeline_Validate_Failure) with
// the `spec.tasks` prefix Pipeline.Validate adds; the rest is derived from the same functions.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  errorsOf,
  expectExactly,
  pipeline,
  pipelineRun,
  validate,
  yaml,
} from '../tekton/validate/helpers.js';

const nonExistent = (value: string) => `non-existent variable in ${JSON.stringify(value)}`;
const typeInvalid = (value: string) => `variable type invalid in ${JSON.stringify(value)}`;

test('conformance: rule 10 an undeclared param in a task param names the whole value', () => {
  const diagnostics = validate(
    pipeline(yaml`
      params: [{name: hello, default: hi}, {name: foo}]
      tasks:
        - name: echoit
          taskRef: {name: remote-task}
          params:
            - {name: param1, value: $(params.param1)}
            - {name: holla, value: $(params.hello)}
            - {name: both, value: $(params.foo) and $(params.does-not-exist)}
    `),
  );
  expectExactly(diagnostics, [
    {
      message: nonExistent('$(params.param1)'),
      fieldPath: 'spec.tasks[0].params[param1]',
      line: 11,
    },
    {
      message: nonExistent('$(params.foo) and $(params.does-not-exist)'),
      fieldPath: 'spec.tasks[0].params[both]',
      line: 13,
    },
  ]);
});

test('conformance: rule 10 when input and values', () => {
  const diagnostics = validate(
    pipeline(yaml`
      params:
        - {name: foo, type: array, default: [anarray, elements]}
      tasks:
        - name: bar
          taskRef: {name: bar-task}
          when:
            - {input: $(params.baz), operator: in, values: [foo]}
            - {input: bax, operator: in, values: [ok, $(params.foo-is-baz)]}
            - {input: $(params.foo), operator: in, values: [foo]}
            - {input: "$(params.foo)[*]", operator: in, values: ["$(params.foo[*])"]}
    `),
  );
  expectExactly(diagnostics, [
    { message: nonExistent('$(params.baz)'), fieldPath: 'spec.tasks[0].when[0].input' },
    {
      message: nonExistent('$(params.foo-is-baz)'),
      fieldPath: 'spec.tasks[0].when[1].values',
      line: 13,
    },
    { message: typeInvalid('$(params.foo)'), fieldPath: 'spec.tasks[0].when[2].input' },
    { message: typeInvalid('$(params.foo)[*]'), fieldPath: 'spec.tasks[0].when[3].input' },
  ]);
});

test('conformance: rule 10 matrix params and include rows', () => {
  const diagnostics = validate(
    pipeline(yaml`
      params: [{name: foo}]
      tasks:
        - name: foo-task
          taskRef: {name: foo-task}
          matrix:
            params:
              - name: a-param
                value: [$(params.foo), and, $(params.does-not-exist)]
            include:
              - name: build-1
                params:
                  - {name: a-param, value: $(params.foo)}
                  - {name: b-param, value: $(params.missing)}
    `),
  );
  // Tekton's path for an include row keeps the param's index and drops the row's.
  expectExactly(diagnostics, [
    {
      message: nonExistent('$(params.does-not-exist)'),
      fieldPath: 'spec.tasks[0].matrix.params[a-param].value[2]',
    },
    {
      message: nonExistent('$(params.missing)'),
      fieldPath: 'spec.tasks[0].matrix.include.params[1]',
      line: 18,
    },
  ]);
});

test('conformance: rule 10 object keys must be declared in properties', () => {
  const diagnostics = validate(
    pipeline(yaml`
      params:
        - name: myObject
          type: object
          properties: {key1: {type: string}, key2: {type: string}}
      tasks:
        - name: bar
          taskRef: {name: bar-task}
          params:
            - {name: s, value: $(params.myObject.non-exist-key)}
            - {name: a, value: [$(params.myObject.non-exist-key), last]}
            - name: o
              value: {url: $(params.myObject.nope), commit: $(params.myObject.key1)}
          when:
            - {input: $(params.myObject.bad), operator: in, values: [$(params.myObject.key2)]}
          matrix:
            params:
              - {name: m, value: [$(params.myObject.key1), $(params.myObject.gone)]}
    `),
  );
  expectExactly(diagnostics, [
    {
      message: nonExistent('$(params.myObject.non-exist-key)'),
      // One message, so one error with both paths (knative's merge, V02).
      fieldPath: 'spec.tasks[0].params[a].value[0], spec.tasks[0].params[s]',
    },
    {
      message: nonExistent('$(params.myObject.nope)'),
      fieldPath: 'spec.tasks[0].params[o].properties[url]',
      line: 17,
    },
    { message: nonExistent('$(params.myObject.bad)'), fieldPath: 'spec.tasks[0].when[0].input' },
    {
      message: nonExistent('$(params.myObject.gone)'),
      fieldPath: 'spec.tasks[0].matrix.params[m].value[1]',
    },
  ]);
});

test('conformance: rule 10 arrays only where arrays go, and alone', () => {
  const diagnostics = validate(
    pipeline(yaml`
      params:
        - {name: arr, type: array}
        - {name: obj, properties: {k: {}}}
      tasks:
        - name: t
          taskRef: {name: x}
          params:
            - {name: in-string, value: "value: $(params.arr)"}
            - {name: star-in-string, value: "x $(params.arr[*])"}
            - {name: indexed, value: "first: $(params.arr[0])"}
            - {name: not-alone, value: ["value: $(params.arr)", last]}
            - {name: whole-object, value: "x $(params.obj)"}
    `),
  );
  expectExactly(diagnostics, [
    { message: typeInvalid('value: $(params.arr)'), fieldPath: 'spec.tasks[0].params[in-string]' },
    {
      message: typeInvalid('x $(params.arr[*])'),
      fieldPath: 'spec.tasks[0].params[star-in-string]',
    },
    {
      message: 'variable is not properly isolated in "value: $(params.arr)"',
      fieldPath: 'spec.tasks[0].params[not-alone].value[0]',
    },
    { message: typeInvalid('x $(params.obj)'), fieldPath: 'spec.tasks[0].params[whole-object]' },
  ]);
});

test('conformance: rule 10 finally tasks of a standalone Pipeline are checked too', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - {name: a, taskRef: {name: x}}
      finally:
        - name: report
          taskRef: {name: x}
          params:
            - {name: status, value: $(tasks.a.status)}
            - {name: who, value: $(params.owner)}
    `),
  );
  expectExactly(diagnostics, [
    { message: nonExistent('$(params.owner)'), fieldPath: 'spec.finally[0].params[who]' },
  ]);
});

test('conformance: rule 10 valid references are not flagged', () => {
  const diagnostics = validate(
    pipeline(yaml`
      params:
        - {name: baz}
        - {name: foo-is-baz}
        - {name: arr, type: array, default: [a, b]}
        - {name: inferred, default: [a, b]}
        - name: myObject
          properties: {key1: {type: string}, key2: {type: string}}
      tasks:
        - name: first
          taskRef: {name: t}
          params:
            - {name: s, value: "$(params.baz) and $(params.foo-is-baz)"}
            - {name: a, value: ["$(params.arr[*])", and, $(params.inferred)]}
            - {name: whole-array, value: "$(params.arr[*])"}
            - {name: whole-object, value: "$(params.myObject[*])"}
            - {name: keys, value: "$(params.myObject.key1) and $(params.myObject.key2)"}
            - {name: indexed, value: "$(params.arr[1])"}
            - {name: context, value: "$(context.pipelineRun.name) $(context.pipeline.name)"}
            - {name: script, value: "echo $(date +%s)"}
            - name: o
              value: {url: $(params.myObject.key1), commit: $(params.baz)}
          when:
            - {input: $(params.myObject.key1), operator: in, values: ["$(params.arr[*])", $(params.myObject.key2)]}
            - {input: $(workspaces.src.bound), operator: in, values: ["true"]}
        - name: second
          taskRef: {name: t}
          params:
            - {name: r, value: $(tasks.first.results.out)}
          matrix:
            params:
              - {name: m, value: [$(params.arr), and, $(params.myObject.key1)]}
            include:
              - name: row
                params:
                  - {name: i, value: $(params.baz)}
    `),
  );
  assert.equal(errorsOf(diagnostics), []);
});

test('conformance: rule 10 a PipelineRun embedded spec: the run, the spec and the tasks declare', () => {
  const diagnostics = validate(
    pipelineRun(yaml`
      params:
        - {name: from-run, value: [a, b]}
      pipelineSpec:
        params: [{name: declared}]
        tasks:
          - name: t
            taskRef: {name: x}
            params:
              - {name: self, value: $(params.self)}
              - {name: run, value: ["$(params.from-run[*])"]}
              - {name: ok, value: $(params.declared)}
              - {name: bad, value: $(params.nowhere)}
              - {name: wrong-type, value: "x $(params.from-run)"}
        finally:
          - name: f
            taskRef: {name: x}
            params:
              - {name: unchecked, value: $(params.also-nowhere)}
    `),
  );
  // validateInlineParameters adds no field name, so Tekton's path loses `pipelineSpec.tasks`;
  // finally tasks of an embedded spec are not checked at all.
  expectExactly(diagnostics, [
    { message: nonExistent('$(params.nowhere)'), fieldPath: 'spec[0].params[bad]', line: 17 },
    { message: typeInvalid('x $(params.from-run)'), fieldPath: 'spec[0].params[wrong-type]' },
  ]);
});

test('conformance: rule 10 a PipelineRun object param needs properties where it meets a value', () => {
  const diagnostics = validate(
    pipelineRun(yaml`
      params:
        - {name: words, value: {hello: world}}
      pipelineSpec:
        params:
          - {name: words, type: object}
        tasks:
          - name: t
            taskRef: {name: x}
            params:
              - {name: w, value: $(params.words.hello)}
    `),
  );
  expectExactly(diagnostics, [
    { message: 'missing field(s)', fieldPath: 'spec.words.properties', line: 10 },
  ]);
});

test('conformance: rule 10 a value over several lines is quoted as Go quotes it', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: t
          taskRef: {name: x}
          params:
            - name: script
              value: |
                echo "$(params.greeting)"
                exit 0
    `),
  );
  expectExactly(diagnostics, [
    {
      message: 'non-existent variable in "echo \\"$(params.greeting)\\"\\nexit 0\\n"',
      fieldPath: 'spec.tasks[0].params[script]',
    },
  ]);
});

test('conformance: rule 10 more than two dotted components', () => {
  const diagnostics = validate(
    pipeline(yaml`
      params: [{name: a}]
      tasks:
        - name: t
          taskRef: {name: x}
          params:
            - {name: deep, value: $(params.a.b.c)}
    `),
  );
  expectExactly(diagnostics, [
    {
      message:
        'Invalid referencing of parameters in "$(params.a.b.c)"! Only two dot-separated components after the prefix "params" are allowed.',
      fieldPath: 'spec.tasks[0].params[deep]',
    },
  ]);
});

const task = (specBody: string) =>
  `apiVersion: tekton.dev/v1\nkind: Task\nmetadata:\n  name: t\nspec:\n${specBody
    .split('\n')
    .map((line) => (line.trim() === '' ? line : `  ${line}`))
    .join('\n')}`;

test('conformance: rule 10 steps of an embedded taskSpec, without `taskSpec` in the path', () => {
  // pipeline_validation_test.go TestPipeline_Validate_Failure: "invalid parameter usage in
  // (finally) pipeline task", "propagating params with pipelinespec and taskspec".
  const diagnostics = validate(
    pipeline(yaml`
      params:
        - {name: pipeline-words, type: array, default: [hello, pipeline]}
        - {name: greeting}
      tasks:
        - name: invalid-pipeline-task
          taskSpec:
            params: [{name: own}]
            steps:
              - {name: some-step, image: some-image, script: "$(params.doesnotexist)"}
              - name: echo
                image: ubuntu
                command: [echo]
                args: ["$(params.random-words[*])", "$(params.pipeline-words[*])", "$(params.own) $(params.greeting)"]
      finally:
        - name: invalid-final-task
          taskSpec:
            steps:
              - {name: some-step, image: some-image, script: "$(params.doesnotexist)"}
    `),
  );
  expectExactly(diagnostics, [
    {
      message: nonExistent('$(params.doesnotexist)'),
      // One message, so one error with both paths (knative's merge, V02).
      fieldPath: 'spec.finally[0].steps[0].script, spec.tasks[0].steps[0].script',
      line: 14,
    },
    {
      message: nonExistent('$(params.random-words[*])'),
      fieldPath: 'spec.tasks[0].steps[1].args[0]',
    },
  ]);
});

test('conformance: rule 10 steps of a PipelineRun embedded taskSpec see what the run declares', () => {
  // pipelinerun_validation_test.go TestPipelineRun_Invalid: the path is spec.steps[i]….
  const diagnostics = validate(
    pipelineRun(yaml`
      params:
        - {name: pipeline-words, value: {hello: pipeline}}
      pipelineSpec:
        tasks:
          - name: echoit
            taskSpec:
              steps:
                - name: echo
                  image: ubuntu
                  command: [echo]
                  args: ["$(params.pipeline-words.not-hello)", "$(params.pipeline-words.hello)"]
    `),
  );
  expectExactly(diagnostics, [
    {
      message: nonExistent('$(params.pipeline-words.not-hello)'),
      fieldPath: 'spec.steps[0].args[0]',
    },
  ]);
});

test('conformance: rule 10 a Task on its own declares every param its steps use', () => {
  // task_validation_test.go TestTaskValidateError.
  const diagnostics = validate(
    task(yaml`
      params:
        - name: gitrepo
          type: object
          properties: {url: {}, commit: {}}
        - {name: foo, default: x}
      steps:
        - name: mystep
          image: $(params.gitrepo)
          args: ["--flag=$(params.inexistent)", "$(params.gitrepo.non-exist-key)", "$(params.gitrepo.url)"]
          onError: $(params.CONTINUE)
          env:
            - {name: GREETING, value: "$(params.foo) && $(params.nope)"}
          volumeMounts:
            - {name: "$(params.inexistent)-foo", mountPath: /x}
        - {name: second, image: alpine, script: echo}
    `),
  );
  expectExactly(diagnostics, [
    { message: nonExistent('--flag=$(params.inexistent)'), fieldPath: 'spec.steps[0].args[0]' },
    { message: nonExistent('$(params.gitrepo.non-exist-key)'), fieldPath: 'spec.steps[0].args[1]' },
    { message: nonExistent('$(params.CONTINUE)'), fieldPath: 'spec.steps[0].onError' },
    {
      message: nonExistent('$(params.foo) && $(params.nope)'),
      fieldPath: 'spec.steps[0].env[GREETING]',
    },
    {
      message: nonExistent('$(params.inexistent)-foo'),
      fieldPath: 'spec.steps[0].volumeMount[0].name',
    },
    // validateObjectUsageAsWhole re-prefixes earlier steps' errors with each later step.
    { message: typeInvalid('$(params.gitrepo)'), fieldPath: 'spec.steps[1].steps[0].image' },
  ]);
});

test('conformance: rule 10 an object param without properties', () => {
  const diagnostics = validate(
    task(yaml`
      params:
        - {name: obj, type: object}
      steps:
        - {name: s, image: alpine, script: "echo $(params.obj.key)"}
    `),
  );
  expectExactly(diagnostics, [
    { message: nonExistent('echo $(params.obj.key)'), fieldPath: 'spec.steps[0].script' },
    { message: 'missing field(s)', fieldPath: 'spec.obj.properties' },
  ]);
});

test('conformance: rule 10 case file: standalone v1 and v1beta1 Pipelines, embedded spec', () => {
  // Invalid on purpose, so kept apart from cases/, whose files must all run.
  const file = path.join(
    path.dirname(fileURLToPath(import.meta.url)),
    'invalid-cases',
    'R10-undeclared-params.yaml',
  );
  const diagnostics = validate(readFileSync(file, 'utf8'));
  expectExactly(
    diagnostics.map((d) => ({ ...d, message: `${d.resource}: ${d.message}` })),
    [
      {
        message: `Pipeline/build-v1: ${nonExistent('$(params.revison)')}`,
        fieldPath: 'spec.tasks[0].params[revision]',
      },
      {
        message: `Pipeline/build-v1beta1: ${nonExistent('$(params.revison)')}`,
        fieldPath: 'spec.tasks[0].params[revision]',
      },
      {
        message: `PipelineRun/build-inline: ${nonExistent('$(params.revison)')}`,
        fieldPath: 'spec[0].params[url]',
      },
    ],
  );
});

test.run();
