// A fixed-seed mutation test over the corpus of real Tekton files (when it sits beside the
// project) and the bundled scenarios: every mutant goes through load, validate, simulate and
// check in this process, and anything other than our own input error or the event bound is a
// crash, printed with the mutated input and the command that runs it again.
//
// Two kinds of mutant (test/fuzz/mutate.ts): text mutants edit the lines of a file and mostly
// exercise the YAML parser's error paths; tree mutants change one parsed document (types
// swapped, fields removed or renamed, numbers at their bounds, $(...) references bent) and
// print it again, and mostly reach validation and the simulator. `npm run fuzz -- --count N`
// runs long campaigns on every input with a time bound per mutant.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { parseYaml } from '../src/tekton/yaml-source.js';
import { exercise } from './fuzz/exercise.js';
import { checkFastPath } from './fuzz/fast-path-oracle.js';
import {
  type CampaignSettings,
  describeCrash,
  mutantAt,
  reproduceCommand,
  runCampaign,
} from './fuzz/fuzz-loop.js';
import { collectInputs } from './fuzz/inputs.js';
import { blockYaml } from './fuzz/print-yaml.js';

const SETTINGS: CampaignSettings = {
  seed: 20240229,
  // Larger files cost more at every stage (a mutant of an 8 KiB file about twice one of a
  // 2 KiB file) without reaching much new code; the long run takes every file up to 64 KiB.
  maxInputSizeBytes: 4 * 1024,
};
/** What the CI budget allows (see the README's fuzz section); `npm run fuzz` runs long. */
const MUTANT_COUNT = 3000;

const { inputs, corpusNote } = collectInputs(SETTINGS.maxInputSizeBytes);

test('fuzz: mutants of real Tekton files and scenarios raise nothing but input errors', () => {
  if (corpusNote) console.log(`  (${corpusNote})`);
  const result = runCampaign(inputs, { seed: SETTINGS.seed, first: 0, count: MUTANT_COUNT });
  const { crashes, outcomes, kinds } = result;
  if (crashes.length > 0)
    console.log(
      crashes
        .slice(0, 3)
        .map((crash) => describeCrash(crash, SETTINGS))
        .join('\n\n'),
    );
  assert.is(crashes.length, 0, `${crashes.length} of ${MUTANT_COUNT} mutants crashed`);
  // The mutants must reach past the parser, or the test would prove little. With the
  // scenarios alone (no corpus beside the project) about 15% of them are simulated: the
  // webhook's checks refuse most mutants of those few small files.
  const summary = JSON.stringify({ outcomes, kinds });
  assert.ok(outcomes.simulated > MUTANT_COUNT / 10, summary);
  assert.ok(outcomes.validated > MUTANT_COUNT / 5, summary);
  assert.ok(outcomes['input-error'] > MUTANT_COUNT / 50, summary);
  // Every kind of mutant is made.
  for (const kind of ['text', 'tree, block YAML', 'tree, plain block YAML', 'tree, JSON'] as const)
    assert.ok((kinds[kind] ?? 0) > MUTANT_COUNT / 50, summary);
});

test('fuzz: a crash is reported with its input and the command that runs it again', () => {
  // A planted bug: the exercise throws a TypeError for about one mutant in ten.
  const plantedRun = (text: string, file: string) => {
    if (text.length % 10 === 3) throw new TypeError(`planted: cannot read ${file}`);
    return 'validated' as const;
  };
  const first = 40;
  const result = runCampaign(inputs, { seed: SETTINGS.seed, first, count: 30 }, plantedRun);
  assert.ok(result.crashes.length > 0, 'the planted crash is found');
  assert.is(result.crashes.length + result.outcomes.validated, 30);
  const crash = result.crashes[0];
  assert.ok(crash.mutant.iteration >= first);
  const report = describeCrash(crash, SETTINGS);
  assert.match(report, `iteration ${crash.mutant.iteration}, ${crash.mutant.kind} mutant of`);
  assert.match(report, 'TypeError: planted: cannot read');
  assert.match(report, `--- mutated input ---\n${crash.mutant.text}\n--- end of mutated input ---`);
  const command = reproduceCommand(SETTINGS, crash.mutant.iteration);
  assert.match(report, `reproduce: ${command}`);
  assert.is(
    command,
    `npm run fuzz -- --seed ${SETTINGS.seed} --first ${crash.mutant.iteration} --count 1 --max-size 4096`,
  );
  // The command's iteration rebuilds exactly the mutant that crashed.
  assert.equal(mutantAt(inputs, SETTINGS.seed, crash.mutant.iteration), crash.mutant);
});

test('fuzz: a text the fast YAML path reads differently from the yaml package is a crash', () => {
  checkFastPath('a: 1\nb: [x, {c: d}]\n');
  checkFastPath('a: {b: c}\n');
  // A stand-in for a fast-path bug: the same text, read with a value changed.
  const wrong = 'a: 1\n';
  assert.throws(
    () => checkFastPath(wrong, () => [{ a: 2 }]),
    /the fast path read \{"a":"number:2"\}/,
  );
});

test('fuzz: the same seed gives the same mutants', () => {
  for (const iteration of [0, 1, 77, 999]) {
    assert.equal(
      mutantAt(inputs, SETTINGS.seed, iteration),
      mutantAt(inputs, SETTINGS.seed, iteration),
    );
  }
  assert.is.not(
    mutantAt(inputs, SETTINGS.seed, 5).text,
    mutantAt(inputs, SETTINGS.seed + 1, 5).text,
  );
});

test('fuzz: the block YAML mutants are printed in read back as the same values', () => {
  // Block YAML reaches the loader's fast path, which JSON (flow) mutants do not.
  const value = {
    apiVersion: 'tekton.dev/v1',
    true: [1, -0.5, 'a\nb', null, [], {}, [[], ['x']], { 'a b': { c: ['\u202e', '#'] } }],
    spec: { tasks: [{ name: 'x', params: [{ name: 'p', value: '$(params.p)' }] }, 'y'] },
    n: [Number.NaN, Number.POSITIVE_INFINITY, 1e308, 2 ** 53],
    plain: ['1', 'true', 'null', '~', 'a: b', 'a #b', 'x ', ' x', '-x', '0x1f', '1e3', 'yes'],
    scripts: ['echo a\n', 'echo a\n  b', 'a\n\n', 'a\n\nb\n', '#!/bin/sh\nexit 1', 'a\tb\nc'],
    odd: ['', '|', "'", '"', '[a]', '{a}', 'a,b', '$(a)[*]', 'é\u2028x', 'x\r\ny'],
  };
  for (const style of ['quoted', 'plain'] as const) {
    const text = blockYaml(value, style);
    assert.equal(parse(text), value, `${style}:\n${text}`);
    assert.equal(parseYaml(text, 'block.yaml').documents[0].value, value, `${style}:\n${text}`);
  }
  // The plain style writes what people write: unquoted words, `|` blocks for scripts.
  const plain = blockYaml({ name: 'build', script: 'echo $(params.x)\nexit 0\n' }, 'plain');
  assert.is(plain, 'name: build\nscript: |\n  echo $(params.x)\n  exit 0\n');
});

test('fuzz: the unmutated inputs exercise without a crash', () => {
  // The baseline the mutants are measured against: a crash here is a bug in the project, or
  // an input the fuzzer should not be given.
  for (const input of inputs.slice(0, 5)) exercise(input.text, input.file);
});

test.run();
