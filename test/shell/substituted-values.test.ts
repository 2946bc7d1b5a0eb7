// Tekton writes a param's value into the script as text before sh reads it, so a value with
// shell syntax in it is shell syntax (src/shell/substituted-source.ts). Each script below is
// run twice: by the simulator with `$(params.v)` filled in, and by this machine's real sh with
// the same text written in; the result written and the exit code must agree. Skipped, with a
// note, where there is no /bin/sh.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileStep } from '../../src/shell/index.js';

const OUT = '$(results.out.path)';

/** [script, value of $(params.v)] */
const CASES: [string, string][] = [
  [`printf '%s' "$(params.v)" > ${OUT}`, '$(echo hi)'],
  [`printf '%s' "$(params.v)" > ${OUT}`, '`echo back`'],
  [`printf '%s' '$(params.v)' > ${OUT}`, "it's"],
  [`printf '%s' "$(params.v)" > ${OUT}`, 'say "hi"'],
  [`printf 'before' > ${OUT}\nprintf '%s' "$(params.v)" > ${OUT}\nprintf after > ${OUT}`, 'a"b'],
  // `X=a true`: an assignment for the command `true` only; X stays unset here.
  [`X=$(params.v)\nprintf '%s' "$X" > ${OUT}`, 'a true'],
  [`X=$(params.v)\nprintf '%s' "[$X]" > ${OUT}`, 'a;b=2'],
  [`printf '%s|' $(params.v) > ${OUT}`, 'one\ntrue'],
  [`printf '%s' "$(params.v)" > ${OUT}`, 'line one\nline two'],
  [`printf '%s' $(params.v) > ${OUT}`, 'x && exit 3'],
  [`printf '%s' "$(params.v)" > ${OUT}`, 'plain-value_1.2'],
  [`printf '%s' "$(params.v)" > ${OUT}`, '\\$HOME'],
];

const shPath = ['/bin/sh', '/usr/bin/sh'].find((candidate) => fs.existsSync(candidate));

function simulated(script: string, value: string): { code: number; out: string } {
  const program = compileStep({ script }, () => {});
  const outcome = program.run((text) => (text === '$(params.v)' ? value : text));
  const out = outcome.results.find((result) => result.name === 'out')?.value ?? '';
  return { code: outcome.exitCode, out };
}

function real(sh: string, script: string, value: string): { code: number; out: string } {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'substituted-values-'));
  const outFile = path.join(directory, 'out');
  // Tekton's substitution: every occurrence, as text; the result path is a file here.
  const text = `set -e\n${script.split('$(params.v)').join(value).split(OUT).join(outFile)}`;
  const run = spawnSync(sh, ['-c', text], { cwd: directory, encoding: 'utf8' });
  const out = fs.existsSync(outFile) ? fs.readFileSync(outFile, 'utf8') : '';
  fs.rmSync(directory, { recursive: true, force: true });
  return { code: run.status ?? -1, out };
}

if (shPath === undefined) {
  test('shell: no /bin/sh on this machine, the substituted-values test is skipped', () => {
    console.log('  /bin/sh not found: skipped');
  });
} else {
  test('shell: a value with shell syntax in it runs as sh runs the text Tekton writes', () => {
    for (const [script, value] of CASES) {
      const expected = real(shPath, script, value);
      assert.equal(simulated(script, value), expected, `${JSON.stringify(value)} in:\n${script}`);
    }
  });
}

test('shell: a value that breaks the quoting is a syntax error after the commands before it', () => {
  // Not against sh: the exact outcome, so the test holds where there is no sh.
  const script = `printf 'before' > ${OUT}\nprintf '%s' "$(params.v)" > ${OUT}\nprintf after > ${OUT}`;
  assert.equal(simulated(script, 'a"b'), { code: 2, out: 'before' });
  assert.equal(simulated(`printf '%s' "$(params.v)" > ${OUT}`, '$(echo hi)'), {
    code: 0,
    out: 'hi',
  });
});

test.run();
