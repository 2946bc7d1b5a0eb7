import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CelError, compileCel, type CelValue } from '../../src/cel/index.js';

function run(source: string): CelValue {
  return compileCel(source).evaluate();
}

function compileError(source: string): CelError {
  try {
    compileCel(source);
  } catch (error) {
    assert.instance(error, CelError, source);
    return error as CelError;
  }
  throw new Error(`expected a compile error for ${source}`);
}

function runtimeError(source: string): CelError {
  const program = compileCel(source);
  try {
    program.evaluate();
  } catch (error) {
    assert.instance(error, CelError, source);
    assert.is((error as CelError).kind, 'runtime', source);
    return error as CelError;
  }
  throw new Error(`expected a run-time error for ${source}`);
}

test('cel: corpus: substituted branch comparison', () => {
  assert.is(run("'main' == 'main'"), true);
  assert.is(run("'feature/x' == 'main'"), false);
});

test('cel: corpus: unresolved result literal in a list is not a member', () => {
  assert.is(run("'$(tasks.x.results.y)' in ['a','b']"), false);
  assert.is(run("'b' in ['a','b']"), true);
});

test('cel: corpus: startsWith and matches', () => {
  assert.is(run("'docs/readme.md'.startsWith('docs/')"), true);
  assert.is(run("'src/main.go'.startsWith('docs/')"), false);
  assert.is(run("'v12.0'.matches('^v[0-9]+')"), true);
  assert.is(run("'release'.matches('^v[0-9]+')"), false);
});

test('cel: literals: strings with both quotes, escapes, raw and triple-quoted', () => {
  assert.is(run('"double"'), 'double');
  assert.is(run("'single'"), 'single');
  assert.is(run("'it\\'s'"), "it's");
  assert.is(run('"tab\\there"'), 'tab\there');
  assert.is(run("'\\x41\\u00e9\\U0001F600\\101'"), 'Aé😀A');
  assert.is(run("r'\\d+'"), '\\d+');
  assert.is(run("'''line\nbreak'''"), 'line\nbreak');
});

test('cel: literals: int is bigint, double is number, and null, bools, lists', () => {
  assert.is(run('42'), 42n);
  assert.is(run('0x1F'), 31n);
  assert.is(run('-9223372036854775808'), -(2n ** 63n));
  assert.is(run('1.5'), 1.5);
  assert.is(run('1e3'), 1000);
  assert.is(run('null'), null);
  assert.is(run('true'), true);
  assert.equal(run("[1, 'a', [true]]"), [1n, 'a', [true]]);
});

test('cel: literals: map literal and key membership', () => {
  const value = run("{'a': 1, 'b': 2}");
  assert.ok(value instanceof Map);
  assert.is((value as Map<string, CelValue>).get('b'), 2n);
  assert.is(run("'a' in {'a': 1}"), true);
  assert.is(run("'z' in {'a': 1}"), false);
  assert.is(run("{'a': 1}.a"), 1n);
  assert.is(run("{'a': 1}['a']"), 1n);
});

test('cel: comparison: all six operators on ints, doubles, strings and bools', () => {
  assert.is(run('1 < 2 && 2 <= 2 && 3 > 2 && 3 >= 3 && 1 != 2 && 2 == 2'), true);
  assert.is(run('1.5 < 2.5'), true);
  assert.is(run("'abc' < 'abd'"), true);
  assert.is(run('false < true'), true);
  assert.is(run('[1, 2] == [1, 2]'), true);
  assert.is(run("{'a': 1} == {'a': 1}"), true);
});

test('cel: comparison: strings order by code point', () => {
  // U+FF5E sorts before U+1F600 by code point, but after it by UTF-16 code unit.
  assert.is(run("'\\uFF5E' < '\\U0001F600'"), true);
});

test('cel: types: no implicit conversion between string and int', () => {
  const error = compileError("'1' == 1");
  assert.is(error.kind, 'type');
  assert.match(error.message, "found no matching overload for '_==_' applied to '(string, int)'");
  assert.is(error.column, 5);
  assert.match(compileError('1 == 1.0').message, "'(int, double)'");
  assert.match(compileError("'a' < 1").message, "'_<_'");
  assert.match(compileError("1 + 'a'").message, "'_+_' applied to '(int, string)'");
  assert.match(compileError("true ? 1 : 'a'").message, "'_?_:_'");
  assert.match(compileError("'a'.startsWith(1)").message, "applied to 'string.(int)'");
  assert.match(compileError('size(1)').message, "'size' applied to '(int)'");
  assert.match(compileError("!'a'").message, "'!_'");
  assert.match(compileError("1 in ['a']").message, "'@in'");
});

test('cel: types: mixed lists are dyn, checked at run time', () => {
  assert.is(run("[1, 'a'][1] == 'a'"), true);
  assert.is(run("'a' in [1, 'a']"), true);
  // Heterogeneous equality: different types are unequal, not an error.
  assert.is(run("[1, 'a'][0] == 'a'"), false);
  assert.is(run("[1, 'a'][0] == 1.0"), true);
  assert.match(runtimeError("[1, 'a'][0] < 'b'").message, 'no such overload');
  assert.is(compileCel("[1, 'a']").type, 'list(dyn)');
  assert.is(compileCel('[] + [1]').type, 'list(int)');
});

test('cel: logic: && and || are commutative over errors', () => {
  assert.is(run('false && 1 / 0 == 1'), false);
  assert.is(run('1 / 0 == 1 && false'), false);
  assert.is(run('true || 1 / 0 == 1'), true);
  assert.is(run('1 / 0 == 1 || true'), true);
  assert.match(runtimeError('1 / 0 == 1 && true').message, 'division by zero');
  assert.match(runtimeError('false || 1 / 0 == 1').message, 'division by zero');
});

test('cel: logic: !, ternary and parentheses', () => {
  assert.is(run('!false'), true);
  assert.is(run('!!true'), true);
  assert.is(run("true ? 'yes' : 'no'"), 'yes');
  assert.is(run('false ? 1 / 0 : 2'), 2n);
  assert.is(run('(1 + 2) * 3'), 9n);
  assert.is(run('1 + 2 * 3'), 7n);
  assert.is(run('false && false || true'), true);
});

test('cel: arithmetic: +, -, *, /, % and unary minus on ints and doubles', () => {
  assert.is(run('7 / 2'), 3n);
  assert.is(run('-7 / 2'), -3n);
  assert.is(run('-7 % 3'), -1n);
  assert.is(run('7.0 / 2.0'), 3.5);
  assert.is(run('-(3 - 5)'), 2n);
  assert.is(run('1.0 / 0.0'), Infinity);
  assert.match(runtimeError('1 % 0').message, 'modulus by zero');
  assert.match(runtimeError('9223372036854775807 + 1').message, 'integer overflow');
  assert.match(runtimeError('-(-9223372036854775808)').message, 'integer overflow');
  assert.match(compileError('1.5 % 2.0').message, "'_%_'");
});

test('cel: arithmetic: + concatenates strings and lists', () => {
  assert.is(run("'a' + 'b'"), 'ab');
  assert.equal(run('[1] + [2, 3]'), [1n, 2n, 3n]);
  assert.match(compileError("[1] + ['a']").message, "'_+_'");
});

test('cel: functions: size in both call styles counts code points', () => {
  assert.is(run("size('héllo')"), 5n);
  assert.is(run("'😀'.size()"), 1n);
  assert.is(run('[1, 2, 3].size()'), 3n);
  assert.is(run("size({'a': 1})"), 1n);
});

test('cel: functions: endsWith and contains', () => {
  assert.is(run("'file.yaml'.endsWith('.yaml')"), true);
  assert.is(run("'hello world'.contains('o w')"), true);
  assert.is(run("'hello'.contains('z')"), false);
});

test('cel: functions: matches is an unanchored RE2 search', () => {
  assert.is(run("'xx-v1-yy'.matches('v[0-9]')"), true);
  assert.is(run("matches('abc', '^a.c$')"), true);
  assert.is(run("'ABC'.matches('(?i)^abc$')"), true);
  assert.is(run("'a b'.matches('a\\\\sb')"), true);
  assert.is(run("'x9'.matches('[[:alpha:]][[:digit:]]')"), true);
  assert.is(run("'ab'.matches('(?P<first>a)b')"), true);
  assert.is(run("'a-b'.matches('a\\\\-b')"), true);
});

test('cel: functions: a regex RE2 rejects is a run-time error in Go regexp words, never a false', () => {
  // cel-go calls Go's regexp.MatchString, whose syntax errors read exactly like these.
  assert.is(
    runtimeError("'aa'.matches('(a)\\\\1')").message,
    'error parsing regexp: invalid escape sequence: `\\1`',
  );
  assert.is(
    runtimeError("'a'.matches('a(?=b)')").message,
    'error parsing regexp: invalid or unsupported Perl syntax: `(?=`',
  );
  assert.is(
    runtimeError("'a'.matches('(')").message,
    'error parsing regexp: missing closing ): `(`',
  );
  assert.is(
    runtimeError("'a'.matches('a**')").message,
    'error parsing regexp: invalid nested repetition operator: `**`',
  );
  assert.is(
    runtimeError("'a'.matches('x{1001}')").message,
    'error parsing regexp: invalid repeat count: `{1001}`',
  );
});

test('cel: functions: matches runs in linear time, so nested repetition cannot hang', () => {
  // A backtracking engine takes about 2^49 steps here; RE2 answers in one pass.
  const subject = `${'a'.repeat(49)}!`;
  assert.is(run(`'${subject}'.matches('^(a+)+$')`), false);
  assert.is(run(`'${'a'.repeat(49)}'.matches('^(a+)+$')`), true);
});

test('cel: functions: matches follows RE2 where JavaScript RegExp differs', () => {
  // \C (any byte) is a JavaScript identity escape but not RE2 syntax.
  assert.is(
    runtimeError("'C'.matches('\\\\C')").message,
    'error parsing regexp: invalid escape sequence: `\\C`',
  );
  // \Q...\E quotes, \z is the end of text, \pL a one-letter Unicode class, (?U) is ungreedy,
  // a flag group scopes its flags: none of these mean the same to a JavaScript RegExp.
  assert.is(run("'a.b'.matches('^\\\\Qa.b\\\\E$')"), true);
  assert.is(run("'axb'.matches('^\\\\Qa.b\\\\E$')"), false);
  assert.is(run("'ab\\n'.matches('ab\\\\z')"), false);
  assert.is(run("'ab'.matches('ab\\\\z')"), true);
  assert.is(run("'é'.matches('^\\\\pL$')"), true);
  assert.is(run("'aB'.matches('^a(?i:b)$')"), true);
  assert.is(run("'AB'.matches('^a(?i:b)$')"), false);
  assert.is(run("'a\\nb'.matches('a.b')"), false);
  assert.is(run("'a\\nb'.matches('(?s)a.b')"), true);
  assert.is(run("'aa'.matches('(?U)^a+$')"), true);
  // One code point, not one UTF-16 unit, as Go's regexp reads UTF-8 runes.
  assert.is(run("'😀'.matches('^.$')"), true);
});

test('cel: functions: conversions int, double, string, bool', () => {
  assert.is(run("int('42') + 1"), 43n);
  assert.is(run('int(2.9)'), 2n);
  assert.is(run("double('2.5')"), 2.5);
  assert.is(run('string(12)'), '12');
  assert.is(run('string(1.5)'), '1.5');
  assert.is(run('string(1000000.0)'), '1e+06');
  assert.is(run("bool('true')"), true);
  assert.is(run('dyn(1) == 1.0'), true);
  assert.match(runtimeError("int('x')").message, "cannot convert string 'x' to int");
  assert.match(runtimeError('int(1e19)').message, 'range error');
  assert.match(runtimeError("bool('yes')").message, 'cannot convert');
});

test('cel: run-time errors: index out of range and missing key', () => {
  assert.match(runtimeError('[1][3]').message, "index '3' out of range in list size '1'");
  assert.match(runtimeError("{'a': 1}['b']").message, 'no such key: b');
});

test('cel: unsupported macro is an error naming it', () => {
  const error = compileError('[1, 2].exists(x, x > 1)');
  assert.is(error.kind, 'unsupported');
  assert.is(
    error.detail,
    'unsupported CEL construct: macro exists() (tekton-sim evaluates a subset of CEL: literals, ' +
      'comparisons, &&, ||, !, in, size, startsWith, endsWith, contains, matches)',
  );
  for (const [source, construct] of [
    ['[1].all(x, x > 0)', 'macro all()'],
    ['[1].exists_one(x, x > 0)', 'macro exists_one()'],
    ['[1].map(x, x * 2)', 'macro map()'],
    ['[1].filter(x, x > 0)', 'macro filter()'],
    ['has(a.b)', 'macro has()'],
    ["timestamp('2024-01-01T00:00:00Z')", 'function timestamp()'],
    ["duration('1s')", 'function duration()'],
    ['type(1)', 'function type()'],
    ['1u', 'unsigned integer literal 1u'],
    ["b'abc'", 'bytes literal'],
  ]) {
    assert.match(compileError(source).detail, `unsupported CEL construct: ${construct}`, source);
  }
});

test('cel: identifiers are undeclared references, as in Tekton', () => {
  const error = compileError("branch == 'main'");
  assert.is(error.detail, "undeclared reference to 'branch' (in container '')");
  assert.is(error.column, 1);
  assert.match(
    compileError("'A'.lowerAscii() == 'a'").detail,
    "undeclared reference to 'lowerAscii'",
  );
});

test('cel: syntax errors give line and column with a caret', () => {
  const error = compileError("'a' == ");
  assert.is(error.kind, 'syntax');
  assert.is(error.line, 1);
  assert.is(error.column, 8);
  assert.is(
    error.message,
    "ERROR: <input>:1:8: Syntax error: mismatched input '<EOF>' expecting an expression\n" +
      " | 'a' == \n" +
      ' | .......^',
  );
  assert.is(compileError("'abc").column, 1);
  assert.is(compileError('1 +\n  )').line, 2);
  assert.is(compileError('(1 + 2').detail, "Syntax error: mismatched input '<EOF>' expecting ')'");
  assert.is(compileError('1 = 1').kind, 'syntax');
  assert.is(compileError('9223372036854775808').detail, 'Syntax error: invalid int literal');
  // Unsubstituted Tekton variables are not CEL: they must be quoted.
  assert.is(compileError("$(params.x) == 'a'").kind, 'syntax');
});

test('cel: an unsubstituted but quoted variable compiles, as the webhook requires', () => {
  assert.is(compileCel("'$(params.branch)' == 'main'").type, 'bool');
});

test('cel: comments and whitespace are ignored', () => {
  assert.is(run("'a' == 'a' // same\n && true"), true);
});

test('cel: nesting beyond the recursion limit is a compile error, not a stack overflow', () => {
  const deep = '('.repeat(300) + '1' + ')'.repeat(300);
  assert.match(compileError(deep).detail, 'recursion limit');
});

test('cel: a program evaluates to the same value each time', () => {
  const program = compileCel("'x'.matches('x') && size([1]) == 1");
  assert.is(program.source, "'x'.matches('x') && size([1]) == 1");
  assert.is(program.evaluate(), true);
  assert.is(program.evaluate(), true);
});

test.run();
