import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileStep, FileView, type StepOutcome, Volume } from '../../src/shell/index.js';
import type { Step } from '../../src/tekton/types.js';

interface Run {
  durationMs: number;
  exitCode: number;
  results: Record<string, string>;
  stepResults: Record<string, string>;
  warnings: string[];
}

/** Compiles and runs a step; a string is a script. `values` maps `params.x` to a value. */
function run(step: Step | string, values?: Record<string, string>): Run {
  const warnings: string[] = [];
  const program = compileStep(typeof step === 'string' ? { script: step } : step, (message) =>
    warnings.push(message),
  );
  const outcome = program.run(values ? substituteFrom(values) : undefined);
  return { ...summary(outcome), warnings };
}

function substituteFrom(values: Record<string, string>): (text: string) => string {
  return (text) => {
    const name = /^\$\((.*)\)$/.exec(text)?.[1];
    return name !== undefined && Object.hasOwn(values, name) ? values[name] : text;
  };
}

function summary(outcome: StepOutcome): Omit<Run, 'warnings'> {
  return {
    durationMs: outcome.durationMs,
    exitCode: outcome.exitCode,
    results: Object.fromEntries(outcome.results.map((result) => [result.name, result.value])),
    stepResults: Object.fromEntries(
      (outcome.stepResults ?? []).map((result) => [result.name, result.value]),
    ),
  };
}

/** Duration and exit code only. */
function timing(step: Step | string, values?: Record<string, string>): [number, number] {
  const outcome = run(step, values);
  return [outcome.durationMs, outcome.exitCode];
}

const SH = '#!/bin/sh\n';

// sleep

test('script: sleep 10 takes 10000 ms and succeeds', () => {
  assert.equal(timing('sleep 10'), [10_000, 0]);
});

test('script: sleep takes fractions, units, and several arguments', () => {
  assert.equal(timing('sleep 0.5'), [500, 0]);
  assert.equal(timing('sleep .25'), [250, 0]);
  assert.equal(timing('sleep 1.5s'), [1_500, 0]);
  assert.equal(timing('sleep 2m'), [120_000, 0]);
  assert.equal(timing('sleep 1h'), [3_600_000, 0]);
  assert.equal(timing('sleep 1d'), [86_400_000, 0]);
  assert.equal(timing('sleep 1 2m 0.5'), [121_500, 0]);
  assert.equal(timing('sleep 0.0004'), [0, 0]);
  assert.equal(timing('sleep 1\nsleep 2\nsleep 3'), [6_000, 0]);
});

test('script: sleep infinity never ends by itself', () => {
  assert.equal(timing('sleep infinity'), [Infinity, 0]);
});

test('script: sleep with a bad interval fails at once, and compiling says so', () => {
  const outcome = run(SH + 'sleep abc; echo $? > /tekton/results/status');
  assert.is(outcome.durationMs, 0);
  assert.equal(outcome.results, { status: '1\n' });
  assert.equal(outcome.warnings, ['sleep: invalid time interval "abc": the command fails at once']);
  assert.equal(timing(SH + 'sleep'), [0, 1]);
});

// exit, true, false

test('script: sleep 5; exit 1 takes 5000 ms and exits 1', () => {
  assert.equal(timing('sleep 5; exit 1'), [5_000, 1]);
});

test('script: exit codes wrap like sh, and exit alone repeats the last status', () => {
  assert.equal(timing('exit 0; sleep 5'), [0, 0]);
  assert.equal(timing('exit 256'), [0, 0]);
  assert.equal(timing('exit 300'), [0, 44]);
  assert.equal(timing('exit -1'), [0, 255]);
  assert.equal(timing('exit abc'), [0, 2]);
  assert.equal(timing(SH + 'false\nexit'), [0, 1]);
  assert.equal(timing(SH + 'true\nexit'), [0, 0]);
});

test('script: the exit code is the last command status', () => {
  assert.equal(timing(SH + 'true'), [0, 0]);
  assert.equal(timing(SH + 'false'), [0, 1]);
  assert.equal(timing(SH + ':'), [0, 0]);
  assert.equal(timing(SH + 'false; true'), [0, 0]);
  assert.equal(timing(SH + 'true; false'), [0, 1]);
});

test('script: an empty script succeeds at once', () => {
  assert.equal(run(''), { durationMs: 0, exitCode: 0, results: {}, stepResults: {}, warnings: [] });
  assert.equal(timing('# only a comment\n\n'), [0, 0]);
});

// Tekton's preamble and set -e

test('script: without a shebang Tekton runs the script with set -e', () => {
  assert.equal(timing('false\nsleep 5'), [0, 1]);
  assert.equal(timing(SH + 'false\nsleep 5'), [5_000, 0]);
  assert.equal(
    timing('  \n#!/bin/sh\nfalse\nsleep 5'),
    [5_000, 0],
    'leading blank lines before the shebang',
  );
});

test('script: set -e; false; sleep 5 exits 1 at 0 ms', () => {
  assert.equal(timing(SH + 'set -e; false; sleep 5'), [0, 1]);
  assert.equal(timing('#!/bin/bash\nset -euxo pipefail\nfalse\nsleep 5'), [0, 1]);
  assert.equal(timing('#!/bin/bash -e\nfalse\nsleep 5'), [0, 1]);
  assert.equal(timing('#!/bin/sh -ex\nfalse\nsleep 5'), [0, 1]);
});

test('script: set -e spares conditions, && and || chains, and negations', () => {
  assert.equal(timing(SH + 'set -e\nif false; then exit 3; fi\nsleep 1'), [1_000, 0]);
  assert.equal(timing(SH + 'set -e\nfalse && exit 3\nsleep 1'), [1_000, 0]);
  assert.equal(timing(SH + 'set -e\nfalse || true\nsleep 1'), [1_000, 0]);
  assert.equal(timing(SH + 'set -e\n! true\nsleep 1'), [1_000, 0]);
  assert.equal(
    timing(SH + 'set -e\ntrue && false\nsleep 1'),
    [0, 1],
    'the last command of a chain counts',
  );
  assert.equal(timing(SH + 'set -e\nfalse || false\nsleep 1'), [0, 1]);
  assert.equal(timing(SH + 'set -e\nset +e\nfalse\nsleep 1'), [1_000, 0]);
  assert.equal(timing(SH + 'set -e\n{ false; sleep 9; }\nsleep 1'), [0, 1]);
  assert.equal(timing(SH + 'set -e\n(false)\nsleep 1'), [0, 1]);
  assert.equal(timing(SH + 'set -e\nX=$(false)\nsleep 1'), [0, 1]);
});

test('script: set -x changes nothing', () => {
  assert.equal(timing(SH + 'set -x\nfalse\nsleep 1'), [1_000, 0]);
});

test('script: pipelines take the last status, or the last failure with pipefail', () => {
  assert.equal(timing(SH + 'false | true'), [0, 0]);
  assert.equal(timing(SH + 'true | false'), [0, 1]);
  assert.equal(timing('#!/bin/bash\nset -o pipefail\nfalse | true'), [0, 1]);
  assert.equal(timing('#!/bin/bash\nset -eo pipefail\nfalse | true\nsleep 1'), [0, 1]);
  assert.equal(timing(SH + '! false | false'), [0, 0]);
});

test('script: the commands of a pipeline run at the same time', () => {
  assert.equal(timing(SH + 'sleep 5 | sleep 3'), [5_000, 0]);
  assert.equal(timing(SH + 'sleep 3 | sleep 5; sleep 1'), [6_000, 0]);
});

test('script: exit in a pipeline, subshell or substitution ends only that part', () => {
  assert.equal(timing(SH + 'exit 3 | true\nsleep 1'), [1_000, 0]);
  assert.equal(timing(SH + '(exit 3)\necho -n $? > /tekton/results/s\nsleep 1'), [1_000, 0]);
  assert.equal(run(SH + '(exit 3)\necho -n $? > /tekton/results/s').results, { s: '3' });
  assert.equal(timing(SH + 'X=$(exit 4)\nsleep 1'), [1_000, 0]);
});

// lists

test('script: ; && || and newlines', () => {
  assert.equal(timing('true && sleep 1 || sleep 2'), [1_000, 0]);
  assert.equal(timing('false && sleep 1 || sleep 2'), [2_000, 0]);
  assert.equal(timing(SH + 'true || sleep 1; sleep 2'), [2_000, 0]);
  assert.equal(timing('sleep 1 &&\n  sleep 2'), [3_000, 0]);
  assert.equal(timing('sleep 1; sleep 2;'), [3_000, 0]);
  assert.equal(timing('sleep 1 \\\n  2'), [3_000, 0], 'a backslash-newline continues the line');
});

test('script: comments', () => {
  assert.equal(
    timing('# sleep 100\nsleep 1 # sleep 100\necho a#b > /tekton/results/x'),
    [1_000, 0],
  );
  assert.equal(run('echo a#b > /tekton/results/x').results, { x: 'a#b\n' });
});

// echo, printf, cat, tee and results

test('script: echo -n Hello | tee $(results.result.path) writes the result Hello', () => {
  const outcome = run('echo -n Hello | tee $(results.result.path)');
  assert.equal(outcome.results, { result: 'Hello' });
  assert.equal(outcome.warnings, []);
});

test('script: results through redirections, tee -a, and every path form', () => {
  assert.equal(run('echo hi > $(results.a.path)').results, { a: 'hi\n' });
  assert.equal(run('printf yes | tee /tekton/results/exists').results, { exists: 'yes' });
  assert.equal(run('echo -n a > /tekton/results/x\necho -n b >> /tekton/results/x').results, {
    x: 'ab',
  });
  assert.equal(
    run('echo -n a | tee /tekton/results/x\necho -n b | tee -a /tekton/results/x').results,
    { x: 'ab' },
  );
  assert.equal(run('echo -n a > /tekton/results/x\necho -n b > /tekton/results/x').results, {
    x: 'b',
  });
  assert.equal(run('echo -n a | tee /tekton/results/x /tekton/results/y > /dev/null').results, {
    x: 'a',
    y: 'a',
  });
  assert.equal(
    run('echo -n "$(params.v)" > "$(results.quoted.path)"', { 'params.v': 'v1' }).results,
    { quoted: 'v1' },
  );
  assert.equal(run(': > $(results.empty.path)').results, { empty: '' });
  assert.equal(run('> $(results.empty.path)').results, { empty: '' });
  assert.equal(run('echo x 1>$(results.fd.path) 2>/dev/null').results, { fd: 'x\n' });
  assert.equal(run('echo x 2>$(results.err.path)').results, { err: '' }, 'stderr is not modelled');
  assert.equal(run('echo x >&2 > /dev/null').results, {});
});

test('script: result paths are recognised whatever the substitute does with them', () => {
  const calls: string[] = [];
  const outcome = compileStep({ script: 'echo -n ok > $(results.r.path)' }, () => {}).run(
    (text) => {
      calls.push(text);
      return '/somewhere/else';
    },
  );
  assert.equal(outcome.results, [{ name: 'r', value: 'ok', atMs: 0 }]);
  assert.equal(calls, []);
});

test('script: step results are reported apart from task results', () => {
  const outcome = run(
    'echo -n s > $(step.results.digest.path)\necho -n t > $(results.digest.path)',
  );
  assert.equal(outcome.results, { digest: 't' });
  assert.equal(outcome.stepResults, { digest: 's' });
  assert.equal(run('echo -n s > /tekton/steps/step-build/results/d').stepResults, { d: 's' });
});

test('script: results carry the time of their last write', () => {
  const warnings: string[] = [];
  const outcome = compileStep(
    {
      script:
        'sleep 2; echo -n a > $(results.x.path); sleep 3; echo -n b > $(results.y.path); sleep 1',
    },
    (message) => warnings.push(message),
  ).run();
  assert.equal(outcome.results, [
    { name: 'x', value: 'a', atMs: 2_000 },
    { name: 'y', value: 'b', atMs: 5_000 },
  ]);
  assert.is(outcome.durationMs, 6_000);
});

test('script: echo flags and escapes', () => {
  const result = (script: string) => run(script + ' > /tekton/results/r').results.r;
  assert.is(result('echo a   b'), 'a b\n');
  assert.is(result('echo "a   b"'), 'a   b\n');
  assert.is(result('echo'), '\n');
  assert.is(result('echo -n'), '');
  assert.is(result("echo -e 'a\\tb\\nc'"), 'a\tb\nc\n');
  assert.is(result("echo 'a\\tb'"), 'a\\tb\n');
  assert.is(result("echo -ne 'x\\n'"), 'x\n');
  assert.is(result("echo -e 'stop\\chere'"), 'stop');
  assert.is(result('echo -x'), '-x\n');
});

test('script: printf formats', () => {
  const result = (script: string) => run(script + ' > /tekton/results/r').results.r;
  assert.is(result('printf "%s"'), '');
  assert.is(result('printf "%s-%s\\n" a b'), 'a-b\n');
  assert.is(result('printf "%s," a b c'), 'a,b,c,');
  assert.is(result('printf "[%5s|%-5s]" ab cd'), '[   ab|cd   ]');
  assert.is(result('printf "%d %03d %x %o %%" 42 7 255 8'), '42 007 ff 10 %');
  assert.is(result('printf "%.2f" 3.14159'), '3.14');
  assert.is(result('printf "%b" "a\\nb"'), 'a\nb');
  assert.is(result('printf "%c" hello'), 'h');
  assert.is(result('printf hello'), 'hello');
  assert.equal(timing(SH + 'printf "%d" abc > /dev/null'), [0, 1]);
});

test('script: cat <<EOF output is ignored, or written where redirected', () => {
  const ignored = run('cat <<EOF\nsleep 100\n$(params.x)\nEOF\nsleep 1');
  assert.equal([ignored.durationMs, ignored.exitCode, ignored.results], [1_000, 0, {}]);
  assert.equal(
    run('cat <<EOF > $(results.msg.path)\nhello $(params.who)\nEOF', { 'params.who': 'world' })
      .results,
    {
      msg: 'hello world\n',
    },
  );
  assert.equal(run('X=1\ncat <<EOF > /tekton/results/r\nx=$X ${X}\nEOF').results, { r: 'x=1 1\n' });
  assert.equal(run("X=1\ncat <<'EOF' > /tekton/results/r\nx=$X\nEOF").results, { r: 'x=$X\n' });
  assert.equal(
    run("cat <<'EOF' > /tekton/results/r\n$(params.p)\nEOF", { 'params.p': 'v' }).results,
    { r: 'v\n' },
  );
  assert.equal(run('cat <<-EOF > /tekton/results/r\n\t\tindented\n\tEOF').results, {
    r: 'indented\n',
  });
  assert.equal(
    run('cat > /tekton/results/r <<EOF\none\nEOF\ncat >> /tekton/results/r <<EOF\ntwo\nEOF')
      .results,
    {
      r: 'one\ntwo\n',
    },
  );
});

test('script: cat reads files this step wrote', () => {
  assert.equal(run('echo -n v > /tmp/f\ncat /tmp/f | tee $(results.r.path)').results, { r: 'v' });
  assert.equal(run('cat /etc/hostname > $(results.r.path)').results, { r: '' });
  assert.equal(run('tr -d b <<< "abc" > $(results.r.path)').results, { r: 'ac\n' });
  assert.equal(run('cat <<< "abc" > $(results.r.path)').results, { r: 'abc\n' });
});

// if, [[ ]], test

test('script: if [ "$(params.echoStatus)" == "Succeeded" ]; then ...; else exit 1; fi', () => {
  const script = 'if [ "$(params.echoStatus)" == "Succeeded" ]; then echo ok; else exit 1; fi';
  assert.equal(timing(script, { 'params.echoStatus': 'Succeeded' }), [0, 0]);
  assert.equal(timing(script, { 'params.echoStatus': 'Failed' }), [0, 1]);
  assert.equal(timing(script), [0, 1], 'an unsubstituted variable is literal text');
});

test('script: if, elif, else and nesting', () => {
  const script = (value: string) =>
    `${SH}X=${value}\nif [ "$X" = a ]; then\n  sleep 1\nelif [ "$X" = b ]\nthen\n  sleep 2\nelse\n  if true; then sleep 3; fi\nfi`;
  assert.equal(timing(script('a')), [1_000, 0]);
  assert.equal(timing(script('b')), [2_000, 0]);
  assert.equal(timing(script('c')), [3_000, 0]);
  assert.equal(timing(SH + 'if false; then sleep 1; fi'), [0, 0], 'no branch taken is status 0');
  assert.equal(timing(SH + 'if false; then :; else false; fi'), [0, 1]);
});

const TEST_CASES: [string, boolean][] = [
  ['a = a', true],
  ['a = b', false],
  ['a == a', true],
  ['a != b', true],
  ['a != a', false],
  ['1 -eq 1', true],
  ['1 -eq 2', false],
  ['1 -ne 2', true],
  ['1 -lt 2', true],
  ['2 -lt 2', false],
  ['2 -le 2', true],
  ['3 -gt 2', true],
  ['2 -gt 2', false],
  ['2 -ge 2', true],
  ['-10 -lt 3', true],
  ['-z ""', true],
  ['-z x', false],
  ['-n x', true],
  ['-n ""', false],
  ['! a = b', true],
  ['! -z x', true],
  ['x', true],
  ['""', false],
  ['a = a -a b = b', true],
  ['a = a -a b = c', false],
  ['a = b -o b = b', true],
  ['\\( a = a \\)', true],
];

test('script: test and [ ] with each operator', () => {
  for (const [expression, expected] of TEST_CASES) {
    assert.equal(timing(`${SH}[ ${expression} ]`), [0, expected ? 0 : 1], `[ ${expression} ]`);
    assert.equal(timing(`${SH}test ${expression}`), [0, expected ? 0 : 1], `test ${expression}`);
  }
});

test('script: [[ ]] with each operator', () => {
  for (const [expression, expected] of TEST_CASES) {
    if (/ -[ao] |\\/.test(expression)) continue; // [[ ]] spells these && || ( )
    assert.equal(
      timing(`#!/bin/bash\n[[ ${expression} ]]`),
      [0, expected ? 0 : 1],
      `[[ ${expression} ]]`,
    );
  }
  const cases: [string, boolean][] = [
    ['a == a && b == b', true],
    ['a == b || b == b', true],
    ['( a == b || b == b ) && ! c == d', true],
    ['abc == a*', true],
    ['abc == "a*"', false],
    ['a*c == "a*c"', true],
    ['abc == ?b?', true],
    ['abc != a*', false],
    ['v1.2.3 =~ ^v([0-9]+)\\.[0-9]+', true],
    ['1.2 =~ ^([0-9]+\\.[0-9]+)\\.[0-9]+$', false],
    ['abc < abd', true],
    ['x -eq 0', true],
  ];
  for (const [expression, expected] of cases) {
    assert.equal(
      timing(`#!/bin/bash\n[[ ${expression} ]]`),
      [0, expected ? 0 : 1],
      `[[ ${expression} ]]`,
    );
  }
});

test('script: [[ =~ ]] and [[ == ]] patterns run in linear time and read POSIX classes', () => {
  // A backtracking engine takes about 2^40 steps for the first and 40^8 for the second.
  const subject = `${'a'.repeat(40)}!`;
  assert.equal(timing(`#!/bin/bash\n[[ ${subject} =~ ^(a+)+$ ]]`), [0, 1]);
  assert.equal(timing(`#!/bin/bash\n[[ ${subject} == *a*a*a*a*a*a*a*a*b ]]`), [0, 1]);
  assert.equal(timing(`#!/bin/bash\n[[ ${'a'.repeat(40)} =~ ^(a+)+$ ]]`), [0, 0]);
  assert.equal(timing('#!/bin/bash\n[[ 5 =~ ^[[:digit:]]$ ]]'), [0, 0]);
  assert.equal(timing('#!/bin/bash\n[[ : =~ ^[[:digit:]]$ ]]'), [0, 1]);
  assert.equal(timing('#!/bin/bash\n[[ a =~ [b ]]'), [0, 2], 'an invalid expression');
});

test('script: test errors are status 2', () => {
  assert.equal(timing(`${SH}[ a -eq 1 ]`), [0, 2]);
  assert.equal(timing(`${SH}[ a = b`), [0, 2], 'missing ]');
  assert.equal(timing(`${SH}[ a b c d e ]`), [0, 2]);
});

test('script: the task-execution-status example verifies statuses with [[ ]]', () => {
  const script =
    'if [[ $(params.task1Status) != "Succeeded" ||  $(params.task2Status) != "None" ]]; then\n  exit 1;\nfi\n';
  assert.equal(
    timing(script, { 'params.task1Status': 'Succeeded', 'params.task2Status': 'None' }),
    [0, 0],
  );
  // Without a shebang the script runs under sh: busybox's `[[` is `test`, and `||` ends it,
  // so neither half is a true condition (`[[ Failed != Succeeded` lacks its `]]`, and
  // `None != None ]]` is a command that does not exist). Under bash it is the real `[[`.
  assert.equal(
    timing(script, { 'params.task1Status': 'Failed', 'params.task2Status': 'None' }),
    [0, 0],
  );
  assert.equal(
    timing(`#!/bin/bash\n${script}`, {
      'params.task1Status': 'Failed',
      'params.task2Status': 'None',
    }),
    [0, 1],
  );
  const commit = 'if [[ ! $(params.commit) ]]; then\n  exit 1\nfi\n';
  assert.equal(timing(commit, { 'params.commit': 'abc123' }), [0, 0]);
  assert.equal(timing(commit, { 'params.commit': '' }), [0, 1]);
});

test('script: under sh, [[ is busybox test: operands split, an empty one vanishes', () => {
  // `[[ != x ]]`: two operands, the first no unary operator: an error (2), so false.
  assert.equal(timing('if [[ $(params.v) != x ]]; then exit 1; fi', { 'params.v': '' }), [0, 0]);
  assert.equal(timing('#!/bin/bash\n[[ $(params.v) != x ]]', { 'params.v': '' }), [0, 0]);
  assert.equal(timing('[[ a = a ]]'), [0, 0]);
  assert.equal(timing('[[ a = b ]] || exit 3'), [0, 3]);
  assert.equal(timing('[[ a = a'), [0, 2], 'without its ]]');
});

test('script: a $(params...) or $(context...) Tekton does not know is a command that is not found', () => {
  const script = '#!/bin/sh\nv="$(context.task2.status)"; s=$?\n[ -z "$v" ] && [ "$s" = 127 ]';
  assert.equal(timing(script, {}), [0, 0]);
  assert.equal(timing('[ "$(params.known)" = yes ]', { 'params.known': 'yes' }), [0, 0]);
});

test('script: a command named by an expansion that is not known is not found (127)', () => {
  assert.equal(timing('$(params.cmd) arg', { 'params.cmd': 'None' }), [0, 127]);
  assert.equal(timing('$(params.cmd) 2', { 'params.cmd': 'sleep' }), [2_000, 0]);
  assert.equal(timing('git status'), [0, 0], 'a named tool not simulated still succeeds');
});

test('script: git rev-parse prints a stand-in commit id, the same for the same ref', () => {
  const outcome = run(
    'echo -n "$(git rev-parse HEAD) $(git rev-parse --short HEAD)" > /tekton/results/id',
  );
  const [full, short] = outcome.results.id.split(' ');
  assert.match(full, /^[0-9a-f]{40}$/);
  assert.is(short, full.slice(0, 7));
  assert.equal(outcome.warnings, ['command not simulated: git']);
});

test('script: file tests ask the files the step sees; /tmp and /workspace start empty', () => {
  const outcome = run(`${SH}if [ -f /workspace/README.md ]; then sleep 1; fi`);
  assert.equal([outcome.durationMs, outcome.warnings], [0, []]);
  assert.equal(timing(`${SH}echo x > /tmp/f\n[ -f /tmp/f ]`), [0, 0]);
  assert.equal(timing(`${SH}echo x > /tmp/f\n[ -d /tmp/f ]`), [0, 1]);
  assert.equal(timing(`${SH}echo -n > /tmp/f\n[ -s /tmp/f ]`), [0, 1]);
  assert.equal(timing(`${SH}mkdir -p /tmp/a/b\n[ -d /tmp/a ] && [ -e /tmp/a/b ]`), [0, 0]);
  // The image's own files are not known: assumed to exist (the view warns at run time).
  assert.equal(timing(`${SH}[ -f /etc/os-release ]`), [0, 0]);
});

// quoting, variables, substitution

test('script: single, double and backslash quoting', () => {
  const outcome = run(
    `echo -n 'a  b' "c  d" e\\ \\ f 'it'"'"'s' "\\"q\\" \\$x" > /tekton/results/q`,
  );
  assert.equal(outcome.results, { q: 'a  b c  d e  f it\'s "q" $x' });
  assert.equal(
    run(`echo -n '' "" x > /tekton/results/q`).results,
    { q: '  x' },
    'empty quotes are arguments',
  );
  assert.equal(run(`echo -n $'a\\tb' > /tekton/results/q`).results, { q: 'a\tb' });
});

test('script: shell variables are assigned and read; unknown ones are empty', () => {
  const script =
    SH +
    'X=1\nY="${X}0"\nZ=$X$Y\nW+=a\nW+=b\necho -n "$X ${Y} $Z [$UNKNOWN] $W ${#W}" > /tekton/results/v';
  assert.equal(run(script).results, { v: '1 10 110 [] ab 2' });
  assert.equal(timing(SH + 'N=3\nsleep $N'), [3_000, 0]);
  assert.equal(timing(SH + 'export N=2\nsleep "$N"'), [2_000, 0]);
  assert.equal(timing(SH + 'N=2; unset N; sleep ${N:-4}'), [4_000, 0]);
});

test('script: parameter expansion defaults and alternatives', () => {
  const value = (expression: string) =>
    run(`${SH}E=\nS=set\necho -n "${expression}" > /tekton/results/v`).results.v;
  assert.is(value('${U:-d}'), 'd');
  assert.is(value('${E:-d}'), 'd');
  assert.is(value('${E-d}'), '');
  assert.is(value('${S:-d}'), 'set');
  assert.is(value('${S:+alt}'), 'alt');
  assert.is(value('${E:+alt}'), '');
  assert.is(value('${E+alt}'), 'alt');
  assert.is(value('${U:=new}$U'), 'newnew');
  assert.equal(timing(`${SH}echo \${U:?must be set}\nsleep 1`), [0, 1]);
});

test('script: $? and positional arguments', () => {
  assert.equal(run(SH + 'false\necho -n $? > /tekton/results/s').results, { s: '1' });
  const step = {
    script: SH + 'echo -n "$# $1 $2" > /tekton/results/a',
    args: ['one', '$(params.p)'],
  };
  assert.equal(run(step, { 'params.p': 'two' }).results, { a: '2 one two' });
});

test('script: command substitution runs the commands and takes their output', () => {
  assert.equal(
    run(SH + 'V=$(echo hi; sleep 3)\necho -n "got $V" > $(results.v.path)').durationMs,
    3_000,
  );
  assert.equal(run(SH + 'V=$(echo hi)\necho -n "[$V] [`echo b`]" > $(results.v.path)').results, {
    v: '[hi] [b]',
  });
  assert.equal(run(SH + 'echo -n "$(printf "a\\n\\n")" > $(results.v.path)').results, { v: 'a' });
  assert.equal(run(SH + 'echo -n $(cat $(results.a.path)) > $(results.v.path)').results, { v: '' });
});

test('script: Tekton variables are replaced through substitute, or stay literal', () => {
  const script =
    'echo -n "$(params.x)" > $(results.quoted.path)\necho -n $(params.x) > $(results.split.path)';
  assert.equal(run(script, { 'params.x': 'a   b' }).results, { quoted: 'a   b', split: 'a b' });
  assert.equal(run(script).results, { quoted: '$(params.x)', split: '$(params.x)' });
  assert.equal(
    run("echo -n '$(params.x)' > $(results.r.path)", { 'params.x': 'v' }).results,
    { r: 'v' },
    'even in single quotes',
  );
  assert.equal(timing('sleep $(params.seconds)', { 'params.seconds': '7' }), [7_000, 0]);
  assert.equal(
    timing('sleep "$(params.seconds)"'),
    [0, 1],
    'an unsubstituted variable is an invalid interval',
  );
});

test('script: substitute is called once per distinct variable, and outcomes are reused', () => {
  const program = compileStep(
    {
      script:
        'sleep $(params.n)\necho -n "$(params.n) $(context.task.retry-count)" > $(results.r.path)',
    },
    () => {},
  );
  const calls: string[] = [];
  const substitute = (text: string) => {
    calls.push(text);
    return text === '$(params.n)' ? '2' : '0';
  };
  const first = program.run(substitute);
  const second = program.run(substitute);
  assert.equal(calls, [
    '$(params.n)',
    '$(context.task.retry-count)',
    '$(params.n)',
    '$(context.task.retry-count)',
  ]);
  assert.is(first, second);
  assert.is(first.durationMs, 2_000);
  assert.equal(first.results, [{ name: 'r', value: '2 0', atMs: 2_000 }]);
  assert.ok(Object.isFrozen(first) && Object.isFrozen(first.results));
  const other = program.run((text) => (text === '$(params.n)' ? '3' : '1'));
  assert.equal([other.durationMs, other.results[0].value], [3_000, '3 1']);
  assert.is(program.run(), program.run(), 'without substitute the outcome is computed once');
});

test('script: a step without variables is interpreted once', () => {
  const program = compileStep({ script: 'sleep 1' }, () => {});
  let calls = 0;
  const outcome = program.run(() => {
    calls++;
    return '';
  });
  assert.is(calls, 0);
  assert.is(program.run(), outcome);
});

// Tekton's examples

test('script: the retry-count example fails on the first attempt and succeeds on the retry', () => {
  // tektoncd/pipeline examples/v1/pipelineruns/beta/using-retries-and-retry-count-variables.yaml
  const script = [
    '#!/usr/bin/env sh',
    'if [ "$(context.task.retry-count)" == "$(params.pipelineTask-retries)" ]; then',
    '  echo "This is the last retry."',
    '  exit 0;',
    'fi',
    'echo "The PipelineTask has retried $(context.task.retry-count) times."',
    'exit 1',
    '',
  ].join('\n');
  const attempt = (retryCount: number) =>
    run(script, {
      'context.task.retry-count': String(retryCount),
      'params.pipelineTask-retries': '1',
    });
  assert.equal(attempt(0), {
    durationMs: 0,
    exitCode: 1,
    results: {},
    stepResults: {},
    warnings: [],
  });
  assert.equal(attempt(1), {
    durationMs: 0,
    exitCode: 0,
    results: {},
    stepResults: {},
    warnings: [],
  });
});

test('script: the TEP-0046 hello-world step takes 10 s; its finally step checks the status', () => {
  assert.equal(run('echo "Hello World!"\nsleep 10\n'), {
    durationMs: 10_000,
    exitCode: 0,
    results: {},
    stepResults: {},
    warnings: [],
  });
  const verify =
    'if [ $(params.echoStatus) == "Succeeded" ]\nthen\n  echo " Hello World echoed successfully"\nfi\n';
  assert.equal(timing(verify, { 'params.echoStatus': 'Succeeded' }), [0, 0]);
  assert.equal(timing(verify, { 'params.echoStatus': 'Failed' }), [0, 0]);
});

test('script: the when-expressions example writes its result with printf | tee', () => {
  const script =
    'if test -f $(workspaces.source.path)/$(params.path); then\n  printf yes | tee /tekton/results/exists\nelse\n  printf no | tee /tekton/results/exists\nfi\n';
  const outcome = run(script, {
    'params.path': 'README.md',
    'workspaces.source.path': '/workspace/source',
  });
  // Run alone, the step sees an empty workspace: nothing created README.md.
  assert.equal(outcome.results, { exists: 'no' });
  assert.equal(outcome.warnings, []);
});

// command + args

test('script: command and args', () => {
  assert.equal(run({ command: ['sleep'], args: ['10'] }), {
    durationMs: 10_000,
    exitCode: 0,
    results: {},
    stepResults: {},
    warnings: [],
  });
  assert.equal(timing({ command: ['/bin/sleep', '3'] }), [3_000, 0]);
  assert.equal(timing({ command: ['/bin/sh', '-c'], args: ['exit 1'] }), [0, 1]);
  assert.equal(timing({ command: ['bash', '-c', 'sleep 2; exit 3'] }), [2_000, 3]);
  assert.equal(timing({ command: ['sh', '-ec', 'false; sleep 2'] }), [0, 1]);
  assert.equal(
    timing({ command: ['sh', '-c', 'false; sleep 2'] }),
    [2_000, 0],
    'no set -e unless asked',
  );
  assert.equal(timing({ command: ['/usr/bin/env', 'bash', '-c', 'sleep 1'] }), [1_000, 0]);
  assert.equal(
    timing({ command: ['sleep'], args: ['$(params.d)'] }, { 'params.d': '4' }),
    [4_000, 0],
  );
  assert.equal(
    run({ command: ['sh', '-c', 'echo -n "$1" > /tekton/results/r', 'sh', 'arg one'] }).results,
    { r: 'arg one' },
  );
  assert.equal(timing({ command: ['false'] }), [0, 1]);
  assert.equal(timing({ command: ['echo'], args: ['a b', '$(params.x)'] }), [0, 0]);
});

test('script: commands that are not simulated take no time and succeed, with one warning', () => {
  assert.equal(run({ command: ['kubectl'], args: ['apply', '-f', 'x.yaml'] }).warnings, [
    'command not simulated: kubectl',
  ]);
  assert.equal(run({ command: ['python', 'main.py'] }).warnings, ['command not simulated: python']);
  assert.equal(run({ command: ['bash', 'build.sh'] }).warnings, [
    'command not simulated: bash running a script file',
  ]);
  assert.equal(run({ image: 'alpine' }), {
    durationMs: 0,
    exitCode: 0,
    results: {},
    stepResults: {},
    warnings: [
      "command not simulated: the image's own entrypoint (the step has no script or command)",
    ],
  });
});

// what is not simulated

test('script: unknown commands take no time, succeed, and are reported once each', () => {
  const outcome = run(
    'docker build .\nkubectl apply -f a.yaml\nkubectl get pods | grep ready\ngit clone x && curl -sf http://x\n/usr/local/bin/kubectl version\nsleep 2',
  );
  assert.equal([outcome.durationMs, outcome.exitCode], [2_000, 0]);
  assert.equal(outcome.warnings, [
    'command not simulated: docker',
    'command not simulated: kubectl',
    'command not simulated: git',
    'command not simulated: curl',
  ]);
  assert.equal(run('$TOOL --version').warnings, [
    'command not simulated: a command whose name comes from an expansion',
  ]);
  assert.equal(run('V=$(uuidgen)\necho $V').warnings, ['command not simulated: uuidgen']);
  assert.equal(run('env FOO=1 make all').warnings, ['command not simulated: make']);
  assert.equal(run('command -v kubectl && exec kubectl get x').warnings, [
    'command not simulated: kubectl',
  ]);
});

test('script: background jobs, C-style for, arrays in sh, process substitution and trap are skipped with a warning', () => {
  const check = (script: string, construct: string) => {
    const outcome = run(`${SH}${script}\nsleep 1`);
    assert.equal(
      [outcome.durationMs, outcome.exitCode, outcome.warnings],
      [1_000, 0, [`unsupported shell construct: ${construct}`]],
      script,
    );
  };
  check('for ((i = 0; i < 3; i++)); do sleep 1; done', 'for ((...)) loop');
  check('sleep 100 &', 'background job (&)');
  // sh (busybox ash, dash) has no arrays.
  check('A=(one two)', 'array assignment in sh');
  check('cat <(echo a) <(echo b) > /dev/null', 'process substitution <(...)');
  check("trap 'echo bye' EXIT", 'trap');
  assert.equal(
    run(`${SH}sleep 1 &\nsleep 2 &`).warnings,
    ['unsupported shell construct: background job (&)'],
    'once per step',
  );
});

const BASH = '#!/usr/bin/env bash\n';

/** What a bash script wrote to the result `r`, one line per echo. */
function bashLines(script: string, args: string[] = []): string[] {
  const outcome = run({ script: `${BASH}${script}`, args });
  assert.equal(outcome.warnings, [], script);
  return (outcome.results.r ?? '').split('\n').slice(0, -1);
}

test('script: "$@" is a field per positional parameter; "$*" joins them', () => {
  const script =
    'for x in "$@"; do echo "[$x]" >> /tekton/results/r; done\nfor x in "$*"; do echo "<$x>" >> /tekton/results/r; done\nfor x in "a$@b"; do echo "($x)" >> /tekton/results/r; done';
  assert.equal(bashLines(script, ['one two', 'three']), [
    '[one two]',
    '[three]',
    '<one two three>',
    '(aone two)',
    '(threeb)',
  ]);
  assert.equal(
    bashLines('for x in "$@"; do echo "[$x]" >> /tekton/results/r; done'),
    [],
    'none: no field',
  );
});

test('script: bash indexed arrays: assignment, elements, indices, count, append, unset', () => {
  const lines = bashLines(
    [
      'args=("$@")',
      'URLS=( )',
      'URLS[0]="u0"',
      'i=1',
      'URLS[$i]="u1"',
      'URLS[5]=u5',
      'for i in "${!URLS[@]}"; do echo "$i=${URLS[$i]}" >> /tekton/results/r; done',
      'echo "${#URLS[@]} ${#args[*]} $args ${args[-1]} ${#args[1]}" >> /tekton/results/r',
      'list=(x "y z" $(echo p q))',
      'list+=(w)',
      'for x in "${list[@]}"; do echo "<$x>" >> /tekton/results/r; done',
      'echo "${list[*]}|${list[9]:-none}|$list" >> /tekton/results/r',
      'name=list',
      'echo "${!name}" >> /tekton/results/r',
      '( list=(inner) )',
      'unset URLS',
      'echo "${list[0]} ${#URLS[@]}" >> /tekton/results/r',
    ].join('\n'),
    ['first', 'sec ond'],
  );
  assert.equal(lines, [
    '0=u0',
    '1=u1',
    '5=u5',
    '3 2 first sec ond 7',
    '<x>',
    '<y z>',
    '<p>',
    '<q>',
    '<w>',
    'x y z p q w|none|x',
    'x',
    'x 0',
  ]);
});

test('script: sha256sum names each file it reads; a missing one fails', () => {
  const outcome = run(
    `${BASH}echo -n abc > /tmp/in\nsha256sum /tmp/in /tmp/none > /tekton/results/r || echo failed >> /tekton/results/r`,
  );
  assert.is(
    outcome.results.r,
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  /tmp/in\nfailed\n',
  );
});

test('script: a sed script outside the subset is not simulated, with a warning', () => {
  const outcome = run(`${BASH}echo x | sed -n '/x/{p}' > /tekton/results/r\necho done`);
  assert.equal(outcome.warnings, ['command not simulated: sed (command {)']);
  assert.is(outcome.exitCode, 0);
  assert.is(outcome.results.r, '', 'nothing known was written');
});

test('script: an awk program outside the subset is not simulated, with a warning', () => {
  const outcome = run(
    `${BASH}echo x | awk 'function f(v) { return v } { print f($1) }' > /tekton/results/r\necho done`,
  );
  assert.equal(outcome.warnings, ['command not simulated: awk (user functions)']);
  assert.is(outcome.exitCode, 0);
  assert.is(outcome.results.r, '', 'nothing known was written');
  const other = (program: string) => run(`${BASH}echo x | awk '${program}'`).warnings;
  assert.equal(other('{ getline line; print line }'), ['command not simulated: awk (getline)']);
  assert.equal(other('{ a[$1] = 1 }'), ['command not simulated: awk (arrays)']);
  // mawk 1.3.4 of early 2020 reads the brace literally, gawk as a repetition.
  assert.equal(other('/x{2}/'), ['command not simulated: awk (an interval in /x{2}/)']);
  assert.equal(other('{ print | "sort" }'), ['command not simulated: awk (output to a command)']);
  assert.equal(other('{ print ENVIRON["HOME"] }'), ['command not simulated: awk (ENVIRON)']);
});

test('script: an awk program runs at most 10000 statements for BEGIN, each line and END', () => {
  const loop = 'n = 0; while (n < 4000) n++; print NR, n';
  const outcome = run(
    `${BASH}printf "a\\nb\\n" | awk '{ ${loop} } END { ${loop} }' > /tekton/results/r`,
  );
  assert.equal(outcome.warnings, []);
  assert.is(outcome.results.r, '1 4000\n2 4000\n2 4000\n', 'the count starts again for each line');
  const warnings: string[] = [];
  const view = new FileView(new Volume('the image is not simulated', true), [], (message) =>
    warnings.push(message),
  );
  const endless = compileStep(
    { script: `${BASH}awk 'BEGIN { while (1) n++ }' > /tmp/o\necho $? > /tekton/results/r` },
    () => {},
  ).run(undefined, { files: view });
  assert.equal(warnings, [
    'awk BEGIN { while (1) n++ }: not simulated (more than 10000 statements for one line)',
  ]);
  assert.is(endless.results[0]?.value, '0\n', 'its output is unknown, its status assumed 0');
});

test('script: a jq program outside the subset is not simulated, with a warning', () => {
  const outcome = run(`${BASH}echo '{"a":1}' | jq '.a |= 2' > /tekton/results/r\necho done`);
  assert.equal(outcome.warnings, ['command not simulated: jq (the assignment |=)']);
  assert.is(outcome.exitCode, 0);
  assert.is(outcome.results.r, '', 'nothing known was written');
  const other = (args: string) => run(`${BASH}echo '{}' | jq ${args}`).warnings;
  assert.equal(other(`'.[] | test("x")'`), ['command not simulated: jq (the function test/1)']);
  assert.equal(other(`'reduce .[] as $x (0; . + $x)'`), ['command not simulated: jq (reduce)']);
  assert.equal(other(`'$ENV.HOME'`), ['command not simulated: jq ($ENV)']);
  assert.equal(other(`'@base64'`), ['command not simulated: jq (@)']);
  assert.equal(other(`'if . then 1 end'`), [
    'command not simulated: jq (a program that does not parse)',
  ]);
  assert.equal(other(`--tab .`), ['command not simulated: jq (option --tab)']);
  assert.equal(other(`-a .`), ['command not simulated: jq (option -a)']);
  // Values of jq that the subset leaves out are found only as the program runs.
  const warnings: string[] = [];
  const view = new FileView(new Volume('the image is not simulated', true), [], (message) =>
    warnings.push(message),
  );
  const repeated = compileStep(
    { script: `${BASH}echo '"ab"' | jq '. * 2' > /tmp/o\necho $? > /tekton/results/r` },
    () => {},
  ).run(undefined, { files: view });
  assert.equal(warnings, ['jq . * 2: not simulated (* of string and number)']);
  assert.is(repeated.results[0]?.value, '0\n', 'its output is unknown, its status assumed 0');
});

test('script: jq reading the output of a command not simulated prints what is unknown', () => {
  const outcome = run(
    `${BASH}curl -s https://example.com/x.json | jq -r .name > /tekton/results/r\necho $? >> /tekton/results/r`,
  );
  assert.equal(outcome.warnings, ['command not simulated: curl']);
  assert.is(outcome.results.r, '0\n', 'the name is unknown, the status assumed 0');
});

test('script: a jq program takes at most 100000 steps and makes at most 1 MiB of text', () => {
  const warnings: string[] = [];
  const view = new FileView(new Volume('the image is not simulated', true), [], (message) =>
    warnings.push(message),
  );
  const bound = 'more than 100000 steps or 1048576 characters of input or output';
  // Each pair takes a step to iterate, one to read $x and one to collect: 150 values make
  // 67500 steps, 200 values 120000.
  const pairs = `'[.[] as $x | .[] | $x] | length'`;
  const list = (n: number) => JSON.stringify(Array(n).fill(0));
  const outcome = compileStep(
    {
      script: `${BASH}echo '${list(150)}' | jq ${pairs} > /tekton/results/r\necho '${list(200)}' | jq ${pairs} > /tmp/o\necho $? >> /tekton/results/r`,
    },
    () => {},
  ).run(undefined, { files: view });
  assert.equal(warnings, [`jq [.[] as $x | .[] | $x] | length: not simulated (${bound})`]);
  assert.is(outcome.results[0]?.value, '22500\n0\n', 'the first runs; the second is unknown');
  // Each step doubles the text: the twentieth passes 1 MiB long before the step bound.
  warnings.length = 0;
  const doubling = `. as $s | "\\($s)\\($s)"`;
  const program = `"ab" | ${Array.from({ length: 20 }, () => doubling).join(' | ')} | length`;
  compileStep({ script: `${BASH}jq -n '${program}' > /tmp/o` }, () => {}).run(undefined, {
    files: view,
  });
  assert.equal(warnings, [`jq -n ${program}: not simulated (${bound})`]);
});

test('script: jq refuses programs too long or deep, deep input, and counts caught errors', () => {
  const other = (program: string) => run(`${BASH}jq -n '${program}'`).warnings;
  assert.equal(other(`[${'1,'.repeat(2000)}1]`), [
    'command not simulated: jq (a program over 4000 tokens)',
  ]);
  assert.equal(other(`${'('.repeat(99)}1${')'.repeat(99)}`), []);
  assert.equal(other(`${'('.repeat(101)}1${')'.repeat(101)}`), [
    'command not simulated: jq (a program nested deeper than 100)',
  ]);
  // A chain of + is read in a loop but is as deep as it is long.
  assert.equal(other(Array(150).fill('1').join(' + ')), []);
  assert.equal(other(Array(250).fill('1').join(' + ')), [
    'command not simulated: jq (a program nested deeper than 200)',
  ]);
  // jq 1.6 folds these as it compiles them and stops with exit 3.
  assert.equal(other('1 / 0'), ['command not simulated: jq (a division by zero in the program)']);
  assert.equal(other('{(1): 2}'), ['command not simulated: jq (a key that is not a string)']);
  const runtime = (script: string) => {
    const warnings: string[] = [];
    const view = new FileView(new Volume('the image is not simulated', true), [], (message) =>
      warnings.push(message),
    );
    compileStep({ script: `${BASH}${script}` }, () => {}).run(undefined, { files: view });
    return warnings;
  };
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  assert.equal(runtime(`echo '${nested(256)}' | jq -c . > /tmp/o`), []);
  assert.equal(runtime(`echo '${nested(258)}' | jq -c . > /tmp/o`), [
    'jq -c .: not simulated (input nested deeper than 256)',
  ]);
  // 1000 errors caught cost 100 steps each (an error costs far more than a step): past the
  // bound, where 1000 values are not.
  const zeros = JSON.stringify(Array(1000).fill(0));
  assert.equal(runtime(`echo '${zeros}' | jq '[.[] | . + 1] | length' > /tmp/o`), []);
  assert.equal(runtime(`echo '${zeros}' | jq '[.[] | .[]?] | length' > /tmp/o`), [
    'jq [.[] | .[]?] | length: not simulated (more than 100000 steps or 1048576 characters of input or output)',
  ]);
});

test('script: <(...) in bash is a /dev/fd file with the output, closed when its command ends', () => {
  const outcome = run(
    `${BASH}cat <(echo a) <(echo b) > /tekton/results/r\necho <(true) <(true) >> /tekton/results/r`,
  );
  // Those of cat were closed when it ended: echo's are numbered from 63 again.
  assert.is(outcome.results.r, 'a\nb\n/dev/fd/63 /dev/fd/62\n');
  // bash has no output process substitution here: its commands would run beside the writer.
  assert.equal(run(`${BASH}echo x | tee >(cat) > /dev/null`).warnings, [
    'unsupported shell construct: process substitution >(...)',
  ]);
});

test('script: in sh, <(...) expands to nothing, so diff of two of them reads no files', () => {
  const outcome = run(`${SH}diff <(echo a) <(echo b)\necho $? > /tekton/results/r`);
  assert.equal(outcome.warnings, ['unsupported shell construct: process substitution <(...)']);
  assert.is(outcome.results.r, '2\n', 'diff with no operands is an error');
});

test('script: diff of a missing file exits 2; -u is a command not simulated', () => {
  const missing = run(
    `${BASH}echo a > /tmp/a\ndiff /tmp/a /tmp/none > /tekton/results/r\necho $? >> /tekton/results/r`,
  );
  assert.equal([missing.results.r, missing.warnings], ['2\n', []]);
  // diff -u prints the files' modification times, which virtual files do not have.
  const unified = run(
    `${BASH}diff -u <(echo a) <(echo b) > /tekton/results/r\necho $? >> /tekton/results/r`,
  );
  assert.equal(
    [unified.results.r, unified.warnings],
    ['0\n', ['command not simulated: diff (option -u)']],
  );
});

test('script: diff compares at most 4000 differing lines; past that it is not simulated', () => {
  const diffOf = (a: number, b: number) => {
    const warnings: string[] = [];
    const view = new FileView(new Volume('the image is not simulated', true), [], (message) =>
      warnings.push(message),
    );
    const script = `${BASH}seq ${a} | sed 's/^/x/' > /tmp/a\nseq ${b} | sed 's/^/y/' > /tmp/b\ndiff /tmp/a /tmp/b > /tmp/d\necho $? > /tekton/results/r\nhead -1 /tmp/d >> /tekton/results/r`;
    const outcome = compileStep({ script }, () => {}).run(undefined, { files: view });
    return [outcome.results[0]?.value, warnings];
  };
  assert.equal(diffOf(2000, 2000), ['1\n1,2000c1,2000\n', []]);
  assert.equal(diffOf(2001, 2000), [
    '0\n',
    ['diff /tmp/a /tmp/b: not simulated (too many differing lines)'],
  ]);
});

test('script: a bad array index fails the assignment with status 1', () => {
  const outcome = run(`${BASH}set -e\nA[-1]=x\necho done > /tekton/results/r`);
  assert.equal([outcome.exitCode, outcome.results], [1, {}]);
});

test('script: for loops run their body per item, over words, globs or the positional parameters', () => {
  assert.equal(timing(`${SH}for i in 1 2 3; do sleep $i; done`), [6_000, 0]);
  assert.equal(run(`${SH}for f in a b; do echo -n "$f" >> /tekton/results/r; done`).results, {
    r: 'ab',
  });
  assert.equal(
    run(
      `${SH}touch /tmp/b.yaml /tmp/a.yaml /tmp/c.txt\nfor f in /tmp/*.yaml; do echo -n "$f " >> /tekton/results/r; done`,
    ).results,
    { r: '/tmp/a.yaml /tmp/b.yaml ' },
  );
  assert.equal(
    run(`${SH}for f in /tmp/none/*; do echo -n "$f" > /tekton/results/r; done`).results,
    { r: '/tmp/none/*' },
    'a pattern that matches nothing stays as written',
  );
  assert.equal(
    run({ script: `${SH}for a; do sleep $a; done`, args: ['1', '2'] }).durationMs,
    3_000,
  );
  assert.equal(
    timing(`${SH}for i in 1 2 3; do [ $i = 2 ] && continue; sleep $i; done`),
    [4_000, 0],
  );
  assert.equal(timing(`${SH}for i in 1 2 3; do [ $i = 2 ] && break; sleep $i; done`), [1_000, 0]);
  assert.equal(
    timing(`${SH}for i in 1 2; do for j in 1 2; do break 2; done; sleep 9; done`),
    [0, 0],
  );
});

test('script: while and until loops; a loop that never ends keeps the step running', () => {
  assert.equal(timing(`${SH}n=0\nwhile [ $n -lt 3 ]; do n=$((n + 1)); sleep 1; done`), [3_000, 0]);
  assert.equal(timing(`${SH}n=3\nuntil [ $n -eq 0 ]; do n=$((n - 1)); sleep 2; done`), [6_000, 0]);
  assert.equal(
    run(
      `${SH}printf 'a 1\\nb 2\\n' | while read name count; do echo -n "$name=$count;" >> /tekton/results/r; done`,
    ).results,
    { r: 'a=1;b=2;' },
  );
  const forever = run(`${SH}while true; do sleep 5; done`);
  assert.is(forever.durationMs, Number.POSITIVE_INFINITY);
  // A polling loop on a tool we do not simulate ends at once: the tool "succeeds".
  assert.equal(timing(`${SH}until kubectl get pod x; do sleep 5; done`), [0, 0]);
});

test('script: case runs the first arm whose glob pattern matches; ;& falls through', () => {
  const script = (value: string) =>
    `${SH}case "${value}" in\n  a|b) sleep 1 ;;\n  c*) sleep 2 ;&\n  d) sleep 3 ;;\n  *) exit 4 ;;\nesac`;
  assert.equal(timing(script('b')), [1_000, 0]);
  assert.equal(timing(script('cat')), [5_000, 0]);
  assert.equal(timing(script('zzz')), [0, 4]);
  assert.equal(timing(`${SH}case "*" in '*') exit 0 ;; *) exit 1 ;; esac`), [0, 0]);
});

test('script: functions run with their own positional parameters and return a status', () => {
  assert.equal(timing(`${SH}f() {\n  sleep $1\n}\nf 2\nf 3`), [5_000, 0]);
  assert.equal(timing(`${SH}function g {\n  return 3\n}\ng || exit $?`), [0, 3]);
  assert.equal(timing(`${SH}h() { exit 4; }\nh\nsleep 1`), [0, 4]);
  assert.equal(timing(`${SH}later || exit $?\nlater() { :; }`), [0, 127], 'not defined yet');
  assert.equal(run(`${SH}f() { sleep 1; }\nf`).warnings, []);
});

test('script: arithmetic expansion and (( )) compute integers', () => {
  assert.equal(
    run(
      `${SH}a=6\necho -n "$((a * 7)) $(( (1 + 2) ** 2 )) $((7 / 2)) $((7 % 3)) $((a > 5 && 1))" > /tekton/results/r`,
    ).results,
    { r: '42 9 3 1 1' },
  );
  assert.equal(
    run('echo -n $(( $(params.a) + $(params.b) )) > /tekton/results/r', {
      'params.a': '2',
      'params.b': '3',
    }).results,
    { r: '5' },
  );
  assert.equal(timing(`${SH}i=0\n(( i++ ))\n(( i > 0 )) && sleep $i`), [1_000, 0]);
  assert.equal(timing(`${SH}echo $((1 / 0))\nsleep 1`), [0, 1], 'division by zero ends the script');
});

test('script: other interpreters are not simulated', () => {
  for (const [shebang, name] of [
    ['#!/usr/bin/env python3', 'python3'],
    ['#!/usr/bin/python', 'python'],
    ['#!/usr/bin/env node', 'node'],
    ['#!/usr/bin/env -S deno run', 'deno'],
  ]) {
    assert.equal(run(`${shebang}\nimport time\ntime.sleep(10)\nexit(1)\n`), {
      durationMs: 0,
      exitCode: 0,
      results: {},
      stepResults: {},
      warnings: [`script interpreter not simulated: ${name}`],
    });
  }
  assert.equal(timing('#!/bin/bash\nsleep 1'), [1_000, 0]);
  assert.equal(timing('#!/usr/bin/env bash\nsleep 1'), [1_000, 0]);
  assert.equal(timing('#!/bin/ash\nsleep 1'), [1_000, 0]);
  assert.equal(timing('#!/bin/busybox sh\nsleep 1'), [1_000, 0]);
  assert.equal(timing('#!/busybox/sh\nsleep 1'), [1_000, 0]);
});

test('script: scripts that do not parse succeed at once with a warning', () => {
  const check = (script: string, message: string) => {
    assert.equal(run(script), {
      durationMs: 0,
      exitCode: 0,
      results: {},
      stepResults: {},
      warnings: [`script not simulated: ${message}; the step takes no time and succeeds`],
    });
  };
  check('echo "unterminated\nsleep 3\nexit 1', 'syntax error at line 1: unterminated double quote');
  check("sleep 3\necho 'open", 'syntax error at line 2: unterminated single quote');
  check(
    'if true; then\n  sleep 3\n',
    'syntax error at line 3: expected "fi" to close "if" from line 1, found the end of the script',
  );
  check('sleep 1\nfi', 'syntax error at line 2: unexpected "fi"');
  check('echo $(sleep 1', 'syntax error at line 1: unterminated "$(" from line 1');
  check(
    'cat <<EOF\nno end',
    'syntax error at line 1: here-document from line 1 is not closed by "EOF"',
  );
  check('#!/bin/bash\n\nsleep 1 )', 'syntax error at line 3: unexpected ")"');
});

test('script: compiling never throws on odd input', () => {
  const odd = [
    '$',
    '${',
    '`',
    '"$(',
    "'",
    '\\',
    '[[',
    '[[ a',
    '((',
    'a | | b',
    '&& x',
    ';',
    'case',
    '<',
    '>',
    '2>',
    'f() ',
    '{',
    '}',
  ];
  for (const script of odd) {
    const warnings: string[] = [];
    const outcome = compileStep({ script: `#!/bin/sh\n${script}` }, (message) =>
      warnings.push(message),
    ).run();
    assert.ok(Number.isFinite(outcome.durationMs) && Number.isInteger(outcome.exitCode), script);
  }
});

test.run();
