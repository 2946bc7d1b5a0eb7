// A fixed-seed mutation test over the corpus of real Tekton files (when it sits beside the
// project) and the bundled scenarios: every mutant goes through load, validate, simulate and
// check in this process, and anything other than our own input error or the event bound is a
// crash, printed with the mutated input. `npm run fuzz -- --count N` runs longer campaigns
// with a time bound per input.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { describeCrash, mutantAt, runMutant, type Crash } from './fuzz/fuzz-loop.js';
import { collectInputs } from './fuzz/inputs.js';
import { blockYaml } from './fuzz/mutate.js';
import { parse } from 'yaml';
import { parseYaml } from '../src/tekton/yaml-source.js';

const FUZZ_SEED = 20240229;
/** Enough to reach every stage many times; `npm run fuzz` is for long campaigns. */
const MUTANT_COUNT = 1000;
/** Larger files cost parsing time without reaching new code. */
const MAX_INPUT_SIZE_BYTES = 8 * 1024;

test('fuzz: mutants of real Tekton files and scenarios raise nothing but input errors', () => {
  const { inputs, corpusNote } = collectInputs(MAX_INPUT_SIZE_BYTES);
  if (corpusNote) console.log(`  (${corpusNote})`);
  const outcomes = { 'input-error': 0, validated: 0, simulated: 0 };
  const crashes: Crash[] = [];
  for (let iteration = 0; iteration < MUTANT_COUNT; iteration++) {
    const outcome = runMutant(mutantAt(inputs, FUZZ_SEED, iteration));
    if (typeof outcome === 'string') outcomes[outcome] += 1;
    else crashes.push(outcome);
  }
  if (crashes.length > 0)
    console.log(
      crashes
        .slice(0, 3)
        .map((crash) => describeCrash(crash, FUZZ_SEED))
        .join('\n\n'),
    );
  assert.is(crashes.length, 0, `${crashes.length} of ${MUTANT_COUNT} mutants crashed`);
  // The mutants must reach past the parser, or the test would prove little.
  assert.ok(outcomes.simulated > MUTANT_COUNT / 10, JSON.stringify(outcomes));
  assert.ok(outcomes.validated > MUTANT_COUNT / 10, JSON.stringify(outcomes));
});

test('fuzz: the same seed gives the same mutants', () => {
  const { inputs } = collectInputs(MAX_INPUT_SIZE_BYTES);
  for (const iteration of [0, 1, 77, 999]) {
    assert.equal(mutantAt(inputs, FUZZ_SEED, iteration), mutantAt(inputs, FUZZ_SEED, iteration));
  }
  assert.is.not(mutantAt(inputs, FUZZ_SEED, 5).text, mutantAt(inputs, FUZZ_SEED + 1, 5).text);
});

test('fuzz: the block YAML structural mutants are printed in reads back as the same values', () => {
  // Block YAML reaches the loader's fast path, which JSON (flow) mutants never did.
  const value = {
    apiVersion: 'tekton.dev/v1',
    true: [1, -0.5, 'a\nb', null, [], {}, [[], ['x']], { 'a b': { c: ['\u202e', '#'] } }],
    spec: { tasks: [{ name: 'x', params: [{ name: 'p', value: '$(params.p)' }] }, 'y'] },
    n: [Number.NaN, Number.POSITIVE_INFINITY, 1e308, 2 ** 53],
  };
  const text = blockYaml(value, '');
  assert.equal(parse(text), value);
  assert.equal(parseYaml(text, 'block.yaml').documents[0].value, value);
});

test.run();
