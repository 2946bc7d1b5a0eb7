// The CEL subset against the CEL specification's conformance tests (as shipped by
// @bufbuild/cel-spec): every test inside the subset gives the expected value or error, and
// every test outside it is refused with the "unsupported" error (or, for a variable, cel-go's
// own "undeclared reference", which is Tekton's answer too), never a value.
import type { SerializedIncrementalTest } from '@bufbuild/cel-spec/testdata/tests.js';
import { tests as conformance } from '@bufbuild/cel-spec/testdata/conformance.js';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CelError, type CelValue, compileCel } from '../../src/cel/index.js';
import { celValueOf, outsideSubset, sameCelValue } from './cel-spec-subset.js';

interface NamedTest {
  path: string;
  test: SerializedIncrementalTest;
}

interface Suite {
  name: string;
  suites?: Suite[];
  tests?: SerializedIncrementalTest[];
}

function flatten(suite: Suite, prefix: string): NamedTest[] {
  const path = prefix ? `${prefix}/${suite.name}` : suite.name;
  const own = (suite.tests ?? []).map((entry) => ({
    path: `${path}/${entry.original.name ?? entry.original.expr}`,
    test: entry,
  }));
  return [...own, ...(suite.suites ?? []).flatMap((child) => flatten(child, path))];
}

const ALL = (conformance.suites ?? []).flatMap((suite) => flatten(suite, ''));

type Outcome = { value: CelValue; type: string } | { error: CelError; atCompile: boolean };

function outcomeOf(source: string): Outcome {
  let program: ReturnType<typeof compileCel>;
  try {
    program = compileCel(source);
  } catch (error) {
    if (error instanceof CelError) return { error, atCompile: true };
    throw error;
  }
  try {
    return { value: program.evaluate(), type: program.type };
  } catch (error) {
    if (error instanceof CelError) return { error, atCompile: false };
    throw error;
  }
}

function show(value: CelValue): string {
  return JSON.stringify(value, (_key, item) =>
    typeof item === 'bigint' ? `${item}n` : item instanceof Map ? [...item] : item,
  );
}

/** What is wrong with our answer to an in-subset test, or undefined when it is right. */
function subsetMismatch(entry: SerializedIncrementalTest): string | undefined {
  const original = entry.original as Record<string, unknown>;
  const outcome = outcomeOf(entry.original.expr);
  const expectsError = original.evalError !== undefined || original.anyEvalErrors !== undefined;
  if (expectsError)
    return 'error' in outcome ? undefined : `gave ${show(outcome.value)}, want an error`;
  if ('error' in outcome) {
    // Tekton always type-checks (env.Compile), so for a test run without the checker the
    // checker's verdict is Tekton's answer too.
    if (original.disableCheck === true && outcome.atCompile && outcome.error.kind === 'type')
      return undefined;
    return `error ${outcome.error.detail}`;
  }
  if (original.checkOnly === true) return undefined;
  const typed = original.typedResult as Record<string, unknown> | undefined;
  const json = (original.value ?? typed?.result ?? { boolValue: true }) as Record<string, unknown>;
  const expected = celValueOf(json);
  if (expected === undefined) return `expected value ${JSON.stringify(json)} not expressible`;
  if (!sameCelValue(outcome.value, expected))
    return `gave ${show(outcome.value)}, want ${show(expected)}`;
  return undefined;
}

/** How we answered an out-of-subset test. */
type OutsideVerdict = 'refused' | 'error as expected' | 'expected value' | { mismatch: string };

function outsideVerdict(entry: SerializedIncrementalTest): OutsideVerdict {
  const original = entry.original as Record<string, unknown>;
  const outcome = outcomeOf(entry.original.expr);
  if (!('error' in outcome)) {
    // Not a wrong answer: the value CEL expects (cel-go's own parser, say, stops at a nesting
    // depth that our parser does not have).
    const expected = original.value
      ? celValueOf(original.value as Record<string, unknown>)
      : undefined;
    if (expected !== undefined && sameCelValue(outcome.value, expected)) return 'expected value';
    return { mismatch: `gave ${show(outcome.value)} instead of refusing` };
  }
  const { error, atCompile } = outcome;
  if (atCompile && error.kind === 'unsupported') return 'refused';
  if (atCompile && error.detail.startsWith('undeclared reference')) return 'refused';
  // Where CEL itself expects an error (`null < null`), any error of ours is the right answer.
  if (original.evalError !== undefined || original.anyEvalErrors !== undefined)
    return 'error as expected';
  return { mismatch: `${error.kind} error instead of "unsupported": ${error.detail}` };
}

test('cel: cel-spec conformance: inside the subset, every expected value; outside, "unsupported"', () => {
  const failures: string[] = [];
  let inside = 0;
  let passed = 0;
  const outside = new Map<string, number>();
  for (const { path, test: entry } of ALL) {
    const reason = outsideSubset(entry);
    if (reason === undefined) {
      inside++;
      const mismatch = subsetMismatch(entry);
      if (mismatch === undefined) passed++;
      else failures.push(`${path}: ${entry.original.expr}: ${mismatch}`);
      continue;
    }
    const verdict = outsideVerdict(entry);
    if (typeof verdict === 'string') outside.set(verdict, (outside.get(verdict) ?? 0) + 1);
    else failures.push(`${path} (outside: ${reason}): ${entry.original.expr}: ${verdict.mismatch}`);
  }
  const outsideCount = ALL.length - inside;
  const verdicts = [...outside].map(([verdict, count]) => `${verdict} ${count}`).join(', ');
  console.log(
    `cel-spec conformance: ${ALL.length} tests; in subset ${inside}, passed ${passed}; ` +
      `out of subset ${outsideCount}: ${verdicts}`,
  );
  assert.ok(inside > 200, `only ${inside} tests inside the subset`);
  assert.equal(failures, []);
});

test.run();
