import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseTaskResultReference } from '../../src/tekton/references.js';
import {
  resolveTaskResultReference,
  substituteParamValue,
  substituteParams,
  substituteString,
  type SubstitutionContext,
} from '../../src/tekton/substitute.js';
import type { ParamValue } from '../../src/tekton/types.js';

const params = new Map<string, ParamValue>([
  ['branch', 'main'],
  ['path', 'docs/README.md'],
  ['arr', ['a', 'b', 'c']],
  ['obj', { url: 'https://example.com', revision: 'v1' }],
  ['dotted.name', 'dotted-value'],
  ['self', '$(params.branch)'],
]);

const results: Record<string, Record<string, ParamValue>> = {
  build: { digest: 'sha256:abc', files: ['x', 'y'], meta: { os: 'linux' } },
};

const context: SubstitutionContext = {
  params,
  context: {
    'pipelineRun.name': 'run-1',
    'pipelineRun.namespace': 'ns',
    'pipelineTask.retries': '2',
  },
  taskResult: (task, result) => results[task]?.[result],
  taskStatus: (task) => (task === 'build' ? 'Succeeded' : task === 'skipped' ? 'None' : undefined),
  taskReason: (task) => (task === 'build' ? 'Succeeded' : task === 'skipped' ? '' : undefined),
  aggregateStatus: 'Completed',
};

function resultReference(text: string) {
  const parsed = parseTaskResultReference({ text, expression: text.slice(2, -1), start: 0 });
  assert.ok(parsed, text);
  return parsed!;
}

test('substitute: string without $( is returned as is', () => {
  const text = 'plain text with (parens) and $ signs';
  assert.is(substituteString(text, context), text);
  assert.is(substituteString('', context), '');
});

test('substitute: params: string param inside a larger string', () => {
  assert.is(
    substituteString('git checkout $(params.branch) -- $(params.path)', context),
    'git checkout main -- docs/README.md',
  );
});

test('substitute: params: bracket forms', () => {
  assert.is(substituteString('$(params["branch"])', context), 'main');
  assert.is(substituteString("$(params['branch'])", context), 'main');
  assert.is(substituteString('$(params["dotted.name"])', context), 'dotted-value');
  assert.is(substituteString('$(params.dotted.name)', context), 'dotted-value');
});

test('substitute: params: array element by index, object value by key', () => {
  assert.is(
    substituteString('first=$(params.arr[0]) last=$(params.arr[2])', context),
    'first=a last=c',
  );
  assert.is(
    substituteString('$(params.obj.url)#$(params.obj.revision)', context),
    'https://example.com#v1',
  );
  assert.is(substituteString('$(params["obj"]["url"])', context), 'https://example.com');
});

test('substitute: params: index out of range and missing key stay literal', () => {
  assert.is(substituteString('$(params.arr[3])', context), '$(params.arr[3])');
  assert.is(substituteString('$(params.obj.missing)', context), '$(params.obj.missing)');
  assert.is(substituteString('$(params.branch[0])', context), '$(params.branch[0])');
});

test('substitute: params: whole array or object inside a string stays literal', () => {
  assert.is(substituteString('echo $(params.arr[*])', context), 'echo $(params.arr[*])');
  assert.is(substituteString('echo $(params.arr)', context), 'echo $(params.arr)');
  assert.is(substituteString('$(params.obj)', context), '$(params.obj)');
  assert.is(substituteString('$(params.branch[*])', context), '$(params.branch[*])');
});

test('substitute: params: unknown param and non-reference text stay exactly as written', () => {
  assert.is(
    substituteString('$(params.nope) $(params) $(foo.bar) $()', context),
    '$(params.nope) $(params) $(foo.bar) $()',
  );
  // Tekton replaces exact keys only: padding inside the parentheses is not a reference.
  assert.is(substituteString('$( params.branch )', context), '$( params.branch )');
  assert.is(
    substituteString('unterminated $(params.branch', context),
    'unterminated $(params.branch',
  );
});

test('substitute: params: one pass, substituted text is not scanned again', () => {
  assert.is(substituteString('$(params.self)', context), '$(params.branch)');
  assert.is(substituteString('$($(params.branch))', context), '$(main)');
});

test('substitute: params: no params map leaves params references literal', () => {
  assert.is(substituteString('$(params.branch)', {}), '$(params.branch)');
});

test('substitute: context: pipelineRun and pipelineTask variables', () => {
  assert.is(
    substituteString(
      '$(context.pipelineRun.name)/$(context.pipelineRun.namespace)/$(context.pipelineTask.retries)',
      context,
    ),
    'run-1/ns/2',
  );
  assert.is(substituteString('$(context.pipelineRun.uid)', context), '$(context.pipelineRun.uid)');
  assert.is(substituteString('$(context.constructor)', context), '$(context.constructor)');
});

test('substitute: results: string, indexed, keyed results', () => {
  assert.is(substituteString('$(tasks.build.results.digest)', context), 'sha256:abc');
  assert.is(substituteString('$(tasks.build.results.files[1])', context), 'y');
  assert.is(substituteString('$(tasks.build.results.meta.os)', context), 'linux');
  assert.is(substituteString('$(tasks.build.results["digest"])', context), 'sha256:abc');
});

test('substitute: results: unresolved result stays literal (C09)', () => {
  assert.is(
    substituteString('$(tasks.a-task.results.aResult)', context),
    '$(tasks.a-task.results.aResult)',
  );
  assert.is(
    substituteString('$(tasks.build.results.absent)', context),
    '$(tasks.build.results.absent)',
  );
  assert.is(
    substituteString('$(tasks.build.results.files[5])', context),
    '$(tasks.build.results.files[5])',
  );
  assert.is(
    substituteString('$(tasks.build.results.files[*])', context),
    '$(tasks.build.results.files[*])',
  );
});

test('substitute: execution status: task status, reason and aggregate (C01, C15)', () => {
  assert.is(substituteString('$(tasks.build.status)', context), 'Succeeded');
  assert.is(substituteString('$(tasks.skipped.status)', context), 'None');
  assert.is(substituteString('[$(tasks.skipped.reason)]', context), '[]');
  assert.is(substituteString('$(tasks.build.reason)', context), 'Succeeded');
  assert.is(substituteString('$(tasks.status)', context), 'Completed');
  assert.is(substituteString('$(tasks.unknown.status)', context), '$(tasks.unknown.status)');
});

test('substitute: execution status: without status callbacks it stays literal', () => {
  const dagContext: SubstitutionContext = { taskResult: context.taskResult };
  assert.is(
    substituteString('$(tasks.build.status) $(tasks.status)', dagContext),
    '$(tasks.build.status) $(tasks.status)',
  );
});

test('substitute: params: array element expands [*]', () => {
  assert.equal(substituteParamValue(['first', '$(params.arr[*])', 'last'], context), [
    'first',
    'a',
    'b',
    'c',
    'last',
  ]);
  assert.equal(substituteParamValue(['$(params.arr)'], context), ['a', 'b', 'c']);
  assert.equal(substituteParamValue(['$(params["arr"][*])'], context), ['a', 'b', 'c']);
  assert.equal(substituteParamValue(['$(params.arr[1])', '$(params.branch)'], context), [
    'b',
    'main',
  ]);
});

test('substitute: params: array element embedding an array stays literal', () => {
  assert.equal(substituteParamValue(['x $(params.arr[*])'], context), ['x $(params.arr[*])']);
});

test('substitute: results: array result element expands [*]', () => {
  assert.equal(substituteParamValue(['$(tasks.build.results.files[*])'], context), ['x', 'y']);
  assert.equal(substituteParamValue(['$(tasks.other.results.files[*])'], context), [
    '$(tasks.other.results.files[*])',
  ]);
});

test('substitute: params: string value that is exactly an array or object becomes it', () => {
  assert.equal(substituteParamValue('$(params.arr[*])', context), ['a', 'b', 'c']);
  assert.equal(substituteParamValue('$(params.arr)', context), ['a', 'b', 'c']);
  assert.equal(substituteParamValue('$(params.obj[*])', context), {
    url: 'https://example.com',
    revision: 'v1',
  });
  assert.equal(substituteParamValue('$(params.obj)', context), {
    url: 'https://example.com',
    revision: 'v1',
  });
  assert.equal(substituteParamValue('$(tasks.build.results.files[*])', context), ['x', 'y']);
  assert.equal(substituteParamValue('$(tasks.build.results.meta)', context), { os: 'linux' });
  // Tekton recognises only the plain dotted form as a whole-value reference.
  assert.is(substituteParamValue('$(params["arr"][*])', context), '$(params["arr"][*])');
});

test('substitute: params: whole-value results are copies, not the producer arrays', () => {
  const value = substituteParamValue('$(params.arr[*])', context) as string[];
  value.push('mutated');
  assert.equal(params.get('arr'), ['a', 'b', 'c']);
});

test('substitute: params: object values substitute each string', () => {
  assert.equal(
    substituteParamValue({ ref: '$(params.branch)', url: '$(params.obj.url)' }, context),
    {
      ref: 'main',
      url: 'https://example.com',
    },
  );
});

test('substitute: params: substituteParams keeps names and order, tolerates undefined', () => {
  assert.equal(
    substituteParams(
      [
        { name: 'revision', value: '$(params.branch)' },
        { name: 'files', value: ['$(tasks.build.results.files[*])'] },
        { name: 'digest', value: '$(tasks.build.results.digest)' },
      ],
      context,
    ),
    [
      { name: 'revision', value: 'main' },
      { name: 'files', value: ['x', 'y'] },
      { name: 'digest', value: 'sha256:abc' },
    ],
  );
  assert.equal(substituteParams(undefined, context), []);
});

test('substitute: results: finally task status params (C01 finaltask2)', () => {
  const finallyContext: SubstitutionContext = {
    taskStatus: (task) => ({ dagtask1: 'Failed', dagtask2: 'Succeeded', dagtask3: 'None' })[task],
    aggregateStatus: 'Failed',
  };
  assert.equal(
    substituteParams(
      [
        { name: 'dagtask1-status', value: '$(tasks.dagtask1.status)' },
        { name: 'dagtask2-status', value: '$(tasks.dagtask2.status)' },
        { name: 'dagtask3-status', value: '$(tasks.dagtask3.status)' },
        { name: 'dag-tasks-aggregate-status', value: '$(tasks.status)' },
      ],
      finallyContext,
    ).map((param) => param.value),
    ['Failed', 'Succeeded', 'None', 'Failed'],
  );
});

test('substitute: resolveTaskResultReference: resolves or says it cannot', () => {
  assert.is(
    resolveTaskResultReference(resultReference('$(tasks.build.results.digest)'), context),
    'sha256:abc',
  );
  assert.equal(
    resolveTaskResultReference(resultReference('$(tasks.build.results.files[*])'), context),
    ['x', 'y'],
  );
  assert.equal(
    resolveTaskResultReference(resultReference('$(tasks.build.results.files)'), context),
    ['x', 'y'],
  );
  assert.is(
    resolveTaskResultReference(resultReference('$(tasks.build.results.files[0])'), context),
    'x',
  );
  assert.is(
    resolveTaskResultReference(resultReference('$(tasks.build.results.meta.os)'), context),
    'linux',
  );
  assert.is(
    resolveTaskResultReference(resultReference('$(tasks.build.results.absent)'), context),
    undefined,
  );
  assert.is(
    resolveTaskResultReference(resultReference('$(tasks.build.results.files[2])'), context),
    undefined,
  );
  assert.is(
    resolveTaskResultReference(resultReference('$(tasks.build.results.meta.arch)'), context),
    undefined,
  );
  assert.is(
    resolveTaskResultReference(resultReference('$(tasks.build.results.digest[*])'), context),
    undefined,
  );
  assert.is(
    resolveTaskResultReference(resultReference('$(tasks.nobody.results.x)'), context),
    undefined,
  );
  assert.is(
    resolveTaskResultReference(resultReference('$(tasks.build.results.digest)'), {}),
    undefined,
  );
});

test('substitute: results: an empty string result is a value, not a missing one', () => {
  const emptyContext: SubstitutionContext = { taskResult: () => '' };
  assert.is(substituteString('[$(tasks.a.results.r)]', emptyContext), '[]');
  assert.is(resolveTaskResultReference(resultReference('$(tasks.a.results.r)'), emptyContext), '');
});

test('substitute: finally scope results resolve through the same callback', () => {
  assert.is(substituteString('$(finally.build.results.digest)', context), 'sha256:abc');
});

test.run();
