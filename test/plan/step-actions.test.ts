import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveStepRef } from '../../src/plan/step-actions.js';

const action = {
  image: 'alpine',
  workingDir: '/w/$(params.dir)',
  args: ['$(params.list[*])', '$(params.dir)'],
  params: [
    { name: 'dir', default: 'src' },
    { name: 'list', type: 'array' as const },
  ],
};

test('step actions: step params, defaults and arrays fill the StepAction in (applyStepActionParameters)', () => {
  const outcome = resolveStepRef(
    {
      name: 's',
      onError: 'continue',
      ref: { name: 'a' },
      params: [{ name: 'list', value: ['x', 'y'] }],
    },
    action,
  );
  assert.equal(outcome, {
    step: {
      name: 's',
      onError: 'continue',
      image: 'alpine',
      workingDir: '/w/src',
      args: ['x', 'y', 'src'],
    },
  });
});

test("step actions: Tekton's messages for params that do not fit (validateStepHasStepActionParameters)", () => {
  assert.equal(
    resolveStepRef({ ref: { name: 'a' }, params: [{ name: 'z', value: '1' }] }, action),
    {
      problem: 'extra params passed by Step to StepAction: [z]',
    },
  );
  assert.equal(resolveStepRef({ ref: { name: 'a' } }, action), {
    problem: 'non-existent params in Step: [list]',
  });
  assert.equal(
    resolveStepRef({ ref: { name: 'a' } }, { params: [{ name: 'p', default: '$(params.q)' }] }),
    { problem: 'parameter "p" references non-existent parameter "q"' },
  );
  assert.equal(
    resolveStepRef(
      { ref: { name: 'a' } },
      {
        params: [
          { name: 'p', default: '$(params.q)' },
          { name: 'q', default: '$(params.p)' },
        ],
      },
    ),
    { problem: 'circular dependency detected in parameter references' },
  );
});

test.run();
