// The interpreter's parameter expansions, "$@", arrays, digests, base64, sed, diff, expr and
// process substitution against the real bash, coreutils, sed and diff of this machine: one
// script, run by both, must write the same lines. Skipped, with a note, where there is no bash.
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
  'printf \'v1.2.3\\nline two\\nfoo=bar\\n\\nlast\' > "$D/in"',
  'sed \'s/^v//\' "$D/in" >> "$R"',
  'sed -E \'s/([a-z]+)=([a-z]+)/\\2=\\1/\' "$D/in" >> "$R"; echo >> "$R"',
  'sed -n \'2p;$p\' "$D/in" >> "$R"; echo >> "$R"',
  'sed \'1d;/two/d\' "$D/in" >> "$R"; echo >> "$R"',
  'sed -n \'/two/,$p\' "$D/in" >> "$R"; echo >> "$R"',
  'sed \'2,3!d\' "$D/in" >> "$R"',
  'echo "abc" | sed \'s/x*/-/g\' >> "$R"; echo "abc" | sed \'s/b*/-/g\' >> "$R"',
  'echo "aaa bbb aaa" | sed \'s/aaa/X/2\' >> "$R"; echo "Hello World" | sed \'s/o/0/gI\' >> "$R"',
  'echo "a.b.c" | sed \'s/\\./\\//g\' >> "$R"; echo "a/b" | sed \'s|/|\\\\|\' >> "$R"',
  'echo "path/to/file.txt" | sed \'s#.*/\\(.*\\)\\.txt#name=\\1 all=&#\' >> "$R"',
  'echo "hello" | sed \'y/abcdefghij/ABCDEFGHIJ/\' >> "$R"',
  "printf 'a\\nb\\nc\\n' | sed -n '=' >> \"$R\"",
  "printf 'a\\nb\\nc\\n' | sed '2q' >> \"$R\"",
  "printf 'one\\ntwo\\n' | sed -e 's/one/1/' -e 's/two/2/' >> \"$R\"",
  'cp "$D/in" "$D/edit"; sed -i \'s/foo/FOO/\' "$D/edit"; cat "$D/edit" >> "$R"; echo >> "$R"',
  'echo "tag: v10.20" | sed -E \'s/.*v([0-9]+)\\.([0-9]+).*/\\1-\\2/\' >> "$R"',
  'echo "a  b   c" | sed \'s/ \\+/ /g\' >> "$R"',
  'diff <(printf "%s\\n" a b c d) <(printf "%s\\n" a c d e) >> "$R"; echo "diff $?" >> "$R"',
  'diff <(echo same) <(echo same) >> "$R"; echo "equal $?" >> "$R"',
  'printf "x\\ny" > "$D/f1"; printf "x\\nz\\nw\\n" > "$D/f2"; diff "$D/f1" "$D/f2" >> "$R"',
  'echo "$? $(diff "$D/f2" - < "$D/f2"; echo $?)" >> "$R"',
  'diff "$D/f1" "$D/missing" >> "$R" 2> /dev/null; echo "missing $?" >> "$R"',
  'printf "%s\\n" k a b k c k > "$D/f3"; printf "%s\\n" a k b c k k > "$D/f4"; diff "$D/f3" "$D/f4" >> "$R"',
  'cat <(printf "one\\n") <(echo two) >> "$R"; echo <(true) <(true) >> "$R"',
  'while read -r l; do echo "<$l>" >> "$R"; done < <(printf "p\\nq\\n")',
  'd=$(diff <(printf "%s\\n" "${A[@]}") <(printf "%s\\n" "${A[@]}")); echo "[$d] $?" >> "$R"',
  'expr 7 + 5 \\* 2 >> "$R"; expr 7 / 0 >> "$R" 2> /dev/null; echo "div $?" >> "$R"',
  'expr \\( 10 - 12 \\) % 3 >> "$R"; expr 99999999999999999999 + 1 >> "$R"; expr 0 \\| "" >> "$R"; echo $? >> "$R"',
  'expr 10 \\< 9 >> "$R"; expr 10 \\< 9a >> "$R"; expr abc != abd >> "$R"; expr 2 \\& 0 >> "$R"',
  'expr length "$v" >> "$R"; expr substr "$v" 9 6 >> "$R"; expr index "$v" .-v >> "$R"',
  'expr "$v" : \'release-v\\([0-9.]*\\)\\.tar\' >> "$R"; expr "$v" : \'[a-z]*\' >> "$R"',
  'expr match "$v" \'x\\(.\\)\' >> "$R"; echo "null $?" >> "$R"; expr 1 + >> "$R"; echo "syntax $?" >> "$R"',
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
      const real = spawnSync(
        bash,
        ['-c', `R=${file}\nD=${directory}\n${BODY}`, 'script', ...ARGS],
        {
          encoding: 'utf8',
          env: { PATH: process.env.PATH ?? '' },
        },
      );
      assert.is(real.status, 0, real.stderr);
      const warnings: string[] = [];
      const program = compileStep(
        { script: `#!/bin/bash\nR=/tekton/results/r\nD=/tmp\n${BODY}`, args: ARGS },
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
