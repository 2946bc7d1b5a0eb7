// Webhook validation cases of conformance-cases.md (C52-C59, C61): Tekton's message text and
// field path, from the Tekton tests each case names.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  errorsOf,
  expectDiagnostic,
  expectExactly,
  pipeline,
  pipelineRun,
  validate,
  yaml,
} from '../tekton/validate/helpers.js';

test('conformance: C52 cycle', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: foo
          taskRef: {name: foo-task}
          runAfter: [bar]
        - name: bar
          taskRef: {name: bar-task}
          runAfter: [foo]
    `),
  );
  expectExactly(diagnostics, [
    {
      message: 'invalid value: cycle detected; task "bar" depends on "foo"',
      fieldPath: 'spec.tasks',
    },
  ]);
});

test('conformance: C53 unknown dependency', () => {
  const message =
    "invalid value: couldn't add link between invalid-pipeline-task and a-task: " +
    "task invalid-pipeline-task depends on a-task but a-task wasn't present in Pipeline";
  const byRunAfter = validate(
    pipeline(yaml`
      tasks:
        - name: valid-pipeline-task
          taskRef: {name: foo-task}
        - name: invalid-pipeline-task
          taskRef: {name: foo-task}
          runAfter: [a-task]
    `),
  );
  expectExactly(byRunAfter, [{ message, fieldPath: 'spec.tasks', line: 11 }]);
  const byResult = validate(
    pipeline(yaml`
      tasks:
        - name: valid-pipeline-task
          taskRef: {name: foo-task}
        - name: invalid-pipeline-task
          taskRef: {name: foo-task}
          when:
            - input: $(tasks.a-task.results.bResult)
              operator: in
              values: [bar]
    `),
  );
  expectExactly(byResult, [{ message, fieldPath: 'spec.tasks', line: 9 }]);
});

test('conformance: C54 duplicate names', () => {
  const inTasks = validate(
    pipeline(yaml`
      tasks:
        - {name: foo, taskRef: {name: foo-task}}
        - {name: foo, taskRef: {name: foo-task}}
    `),
  );
  expectDiagnostic(inTasks, {
    message: 'expected exactly one, got both',
    fieldPath: 'spec.tasks[1].name',
    line: 8,
  });

  const inFinally = validate(
    pipeline(yaml`
      tasks:
        - {name: non-final-task, taskRef: {name: non-final-task}}
      finally:
        - {name: final-task, taskRef: {name: final-task}}
        - {name: final-task, taskRef: {name: final-task}}
    `),
  );
  expectExactly(inFinally, [
    { message: 'expected exactly one, got both', fieldPath: 'spec.finally[1].name', line: 10 },
  ]);

  const across = validate(
    pipeline(yaml`
      tasks:
        - {name: common-task-name, taskRef: {name: non-final-task}}
      finally:
        - {name: common-task-name, taskRef: {name: final-task}}
    `),
  );
  expectExactly(across, [
    { message: 'expected exactly one, got both', fieldPath: 'spec.finally[0].name', line: 9 },
  ]);
});

test('conformance: C55 finally with runAfter', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - {name: non-final-task, taskRef: {name: non-final-task}}
      finally:
        - name: final-task-1
          taskRef: {name: final-task}
          runAfter: [non-final-task]
    `),
  );
  expectExactly(diagnostics, [
    {
      message:
        'invalid value: no runAfter allowed under spec.finally, final task final-task-1 has runAfter specified',
      fieldPath: 'spec.finally[0]',
      line: 11,
    },
  ]);
});

test('conformance: C56 finally consumes finally result', () => {
  const fromFinally = validate(
    pipeline(yaml`
      tasks:
        - {name: non-final-task, taskRef: {name: non-final-task}}
      finally:
        - {name: final-task-1, taskRef: {name: final-task}}
        - name: final-task-2
          taskRef: {name: final-task}
          params:
            - name: param1
              value: $(tasks.final-task-1.results.output)
          when:
            - input: $(tasks.final-task-1.results.output)
              operator: in
              values: [result]
    `),
  );
  const fromFinallyMessage =
    'invalid value: invalid task result reference, final task has task result reference from a final task final-task-1';
  expectExactly(fromFinally, [
    // One message, so one error with both paths (knative's merge, V02).
    {
      message: fromFinallyMessage,
      fieldPath: 'spec.finally[1].params[param1].value, spec.finally[1].when[0]',
      line: 14,
    },
  ]);

  const fromNowhere = validate(
    pipeline(yaml`
      tasks:
        - {name: non-final-task, taskRef: {name: non-final-task}}
      finally:
        - name: final-task
          taskRef: {name: final-task}
          params:
            - name: param1
              value: $(tasks.no-dag-task-1.results.output)
    `),
  );
  expectExactly(fromNowhere, [
    {
      message:
        'invalid value: invalid task result reference, final task has task result reference from a task no-dag-task-1 which is not defined in the pipeline',
      fieldPath: 'spec.finally[0].params[param1].value',
    },
  ]);
});

test('conformance: C57 execution status in DAG task / unknown task in finally', () => {
  const inDag = validate(
    pipeline(yaml`
      tasks:
        - {name: bar, taskRef: {name: bar-task}}
        - name: foo
          taskRef: {name: foo-task}
          params:
            - {name: bar-status, value: $(tasks.bar.status)}
            - {name: tasks-status, value: $(tasks.status)}
    `),
  );
  const message =
    'invalid value: pipeline tasks can not refer to execution status of any other pipeline task or aggregate status of tasks';
  expectExactly(inDag, [
    // One message, so one error with both paths (knative's merge, V02).
    {
      message,
      fieldPath: 'spec.tasks[1].params[bar-status].value, spec.tasks[1].params[tasks-status].value',
    },
  ]);

  const inFinally = validate(
    pipeline(yaml`
      tasks:
        - {name: foo, taskRef: {name: foo-task}}
      finally:
        - name: bar
          taskRef: {name: bar-task}
          params:
            - {name: notask-status, value: $(tasks.notask.status)}
    `),
  );
  expectExactly(inFinally, [
    {
      message: 'invalid value: pipeline task notask is not defined in the pipeline',
      fieldPath: 'spec.finally[0].params[notask-status].value',
      line: 12,
    },
  ]);
});

test('conformance: C58 bad when', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: invalid-pipeline-task
          taskRef: {name: bar-task}
          when:
            - {input: foo, operator: exists, values: [foo]}
        - name: empty-values
          taskRef: {name: bar-task}
          when:
            - {input: foo, operator: in, values: []}
    `),
  );
  expectExactly(diagnostics, [
    {
      message: 'invalid value: operator "exists" is not recognized. valid operators: in,notin',
      fieldPath: 'spec.tasks[0].when[0]',
      line: 10,
    },
    {
      message: 'invalid value: expecting non-empty values field',
      fieldPath: 'spec.tasks[1].when[0]',
      line: 14,
    },
  ]);
});

test('conformance: C59 finally without tasks', () => {
  const diagnostics = validate(
    pipeline(yaml`
      finally:
        - {name: final-task, taskRef: {name: final-task}}
    `),
  );
  expectExactly(diagnostics, [
    {
      message: 'invalid value: spec.tasks is empty but spec.finally has 1 tasks',
      fieldPath: 'spec.finally',
      line: 6,
    },
  ]);
});

test('conformance: C61 valid timeout combos', () => {
  const combos = [
    { pipeline: '0', tasks: '0', finally: '0' },
    { pipeline: '1h', tasks: '30m', finally: '30m' },
    { pipeline: '0', tasks: '30m' },
    { pipeline: '0', finally: '30m' },
  ];
  for (const timeouts of combos) {
    const body = [
      'pipelineRef: {name: prname}',
      'timeouts:',
      ...Object.entries(timeouts).map(([k, v]) => `  ${k}: "${v}"`),
    ];
    assert.equal(
      errorsOf(validate(pipelineRun(body.join('\n') + '\n'))),
      [],
      JSON.stringify(timeouts),
    );
  }
});

test('conformance: rule 10 webhook messages as v1.15 builds them', () => {
  // Invalid on purpose, so kept apart from cases/, whose files must all run.
  const diagnostics = validate(
    readFileSync(
      path.join(path.dirname(fileURLToPath(import.meta.url)), 'invalid-cases', 'R10-webhook.yaml'),
      'utf8',
    ),
  );
  const prefix = (reference: string) =>
    `invalid value: invalid variable reference "${reference}", must start with a valid prefix: params, tasks, finally, context, workspaces, or results; if you meant a shell variable, use \${VAR} instead`;
  const cel = diagnostics.find((d) => d.message.startsWith('invalid cel expression'));
  const celPaths = cel?.fieldPath?.split(', ') ?? [];
  assert.is(cel?.message, 'invalid cel expression: %s with err: %s');
  assert.is(celPaths[0], "spec.tasks[2].when[0].'a' ==");
  assert.ok(celPaths[1]?.startsWith('spec.tasks[2].when[0].ERROR: <input>:1:'), celPaths[1]);
  expectExactly(
    diagnostics.filter((d) => d !== cel),
    [
      { message: prefix('$(invalid_ref)'), fieldPath: 'spec.tasks[0].matrix.params[IMAGE].value' },
      {
        message: prefix('$(other_ref)'),
        fieldPath: 'spec.tasks[0].matrix.include[0].params[FLAVOR].value',
      },
      { message: 'invalid value: sometimes', fieldPath: 'spec.tasks[1].OnError' },
      {
        message: 'invalid value: 40m0s should be <= pipeline tasks duration 30m0s',
        fieldPath: 'spec.taskRunSpecs[0].timeout',
      },
    ],
  );
  const onError = diagnostics.find((d) => d.fieldPath === 'spec.tasks[1].OnError');
  assert.is(onError?.details, 'PipelineTask OnError must be either "continue" or "stopAndFail"');
});

test.run();
