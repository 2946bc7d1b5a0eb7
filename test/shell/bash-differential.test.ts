// The interpreter's parameter expansions, "$@", arrays, digests and base64 against the real
// bash (and coreutils) of this machine: one script, run by both, must write the same lines. Skipped, with a note, where
// there is no bash.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileStep } from '../../src/shell/index.js';

/** Each line appends what it expands to the file $R. */
const BODY = [
  'v=release-v1.2.3.tar.gz',
  'echo "${v#*-} ${v##*.} ${v%.*} ${v%%.*} ${v#nothing} ${v%}" >> "$R"',
  'echo "${v/./_} ${v//./_} ${v/#release/R} ${v/%gz/GZ} ${v/x/y} ${v//[0-9]/#} ${v/./}" >> "$R"',
  'echo "${v:0:7} ${v:8} ${v: -6} ${v:2:-7} ${v:100} ${v::3}" >> "$R"',
  'U=ABC; echo "${v^^} ${v^} ${U,,} ${U,}" >> "$R"',
  'p="*.gz"; echo "${v%$p} ${v%"$p"} ${v%\\.gz} ${v/"."/+}" >> "$R"',
  'echo "${@:2} | ${@:1:1} | $# | $*" >> "$R"',
  'for x in "$@"; do echo "[$x]" >> "$R"; done',
  'for x in "a$@b" "${@:2}"; do echo "($x)" >> "$R"; done',
  'args=("$@"); A=(a.txt "b c.txt" $(echo d e.md)); A+=(f)',
  'for x in "${A[@]}"; do echo "<$x>" >> "$R"; done',
  'echo "${#A[@]} ${#A[1]} ${A[-1]} $A ${A[*]%.txt} ${A[@]/./-} ${A[@]:1:2}" >> "$R"',
  'A[7]=h; i=2; A[$i]=C; for k in "${!A[@]}"; do echo "$k=${A[$k]}" >> "$R"; done',
  'n=v; echo "${!n} ${args[1]} ${#args[@]}" >> "$R"',
  '( A=(sub) ); unset args; echo "${A[0]} ${#args[@]}" >> "$R"',
  'echo -n "$v" | sha256sum >> "$R"; printf "%s\\n" "$v" | md5sum >> "$R"',
  'echo -n "$v" | sha1sum >> "$R"; echo -n "" | sha512sum >> "$R"',
  'echo "$v$v$v$v$v$v" | base64 >> "$R"; echo -n "$v" | base64 -w0 >> "$R"; echo >> "$R"',
  'echo "$v" | base64 | base64 -d >> "$R"; echo -n "x" | base64 -w 2 >> "$R"',
].join('\n');

const ARGS = ['one', 'two three', 'four'];

function bashPath(): string | undefined {
  for (const candidate of ['/bin/bash', '/usr/bin/bash'])
    if (fs.existsSync(candidate)) return candidate;
  return undefined;
}

const bash = bashPath();
if (bash === undefined) {
  test('shell: no bash on this machine, the differential test is skipped', () => {
    console.log('  bash not found: skipped');
  });
} else {
  test('shell: parameter expansions, "$@" and arrays expand as bash expands them', () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'bash-differential-'));
    try {
      const file = path.join(directory, 'out');
      const real = spawnSync(bash, ['-c', `R=${file}\n${BODY}`, 'script', ...ARGS], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '' },
      });
      assert.is(real.status, 0, real.stderr);
      const warnings: string[] = [];
      const program = compileStep(
        { script: `#!/bin/bash\nR=/tekton/results/r\n${BODY}`, args: ARGS },
        (message) => warnings.push(message),
      );
      const outcome = program.run(undefined);
      assert.equal(warnings, []);
      assert.is(outcome.exitCode, 0);
      const ours = outcome.results.find((result) => result.name === 'r')?.value;
      assert.fixture(ours ?? '', fs.readFileSync(file, 'utf8'));
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
}

test.run();
