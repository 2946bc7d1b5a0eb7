// Text commands of step scripts: what each prints for the inputs scripts give them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileStep } from '../../src/shell/index.js';

/** Runs a script and returns what it wrote to result `out`, and its exit status. */
function run(script: string): { out: string; status: number } {
  const program = compileStep({ script: `#!/bin/sh\n${script}` }, () => {});
  const outcome = program.run();
  const out = outcome.results.find((result) => result.name === 'out')?.value ?? '';
  return { out, status: outcome.exitCode };
}

function out(script: string): string {
  return run(`${script} > /tekton/results/out`).out;
}

test('shell: text: tr maps, deletes and squeezes sets with ranges and classes', () => {
  assert.is(out("echo -n Hello | tr '[:lower:]' '[:upper:]'"), 'HELLO');
  assert.is(out('echo -n Hello | tr a-z A-Z'), 'HELLO');
  assert.is(out("printf 'a\\nb\\n' | tr -d '\\n'"), 'ab');
  assert.is(out("echo -n 'a   b' | tr -s ' '"), 'a b');
});

test('shell: text: head, tail, wc, cut, seq, sort, uniq', () => {
  assert.is(out('seq 5 | head -n 2'), '1\n2\n');
  assert.is(out('seq 5 | tail -2'), '4\n5\n');
  assert.is(out('seq 5 | tail -n +4'), '4\n5\n');
  assert.is(out('seq 3 | wc -l'), '3\n');
  assert.is(out("echo 'a b  c' | wc -w"), '3\n');
  assert.is(out('echo -n abc | wc -c'), '3\n');
  assert.is(out("echo 'a:b:c' | cut -d: -f2,3"), 'b:c\n');
  assert.is(out("echo 'abcdef' | cut -c2-4"), 'bcd\n');
  assert.is(out('seq 2 2 6'), '2\n4\n6\n');
  assert.is(out("printf 'b\\na\\nb\\n' | sort | uniq"), 'a\nb\n');
  assert.is(out("printf '10\\n9\\n' | sort -n"), '9\n10\n');
});

test('shell: text: grep with fixed strings, basic and extended patterns; status says whether it matched', () => {
  assert.is(out("printf 'apple\\nberry\\n' | grep rr"), 'berry\n');
  assert.is(out("printf 'a.c\\nabc\\n' | grep -F a.c"), 'a.c\n');
  assert.is(out("printf 'ab\\naab\\n' | grep -E '^a+b$' -c"), '2\n');
  assert.is(out("printf 'ab\\na+b\\n' | grep 'a+b'"), 'a+b\n', 'in a basic pattern + is literal');
  assert.is(out("printf 'A\\nb\\n' | grep -iv a"), 'b\n');
  assert.is(run('echo x | grep -q y').status, 1);
  assert.is(run('echo x | grep -q x').status, 0);
  assert.is(
    run('kubectl get pods | grep -q Running').status,
    0,
    'input not simulated: assumed to match',
  );
});

test('shell: text: date reads the virtual clock', () => {
  assert.is(out('date +%s'), '946684800\n');
  assert.is(out('sleep 61\ndate +%FT%T%z'), '2000-01-01T00:01:01+0000\n');
});

test.run();
