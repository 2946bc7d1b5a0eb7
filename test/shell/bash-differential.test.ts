// The interpreter's parameter expansions, "$@", arrays, digests, base64, sed, diff, expr, awk
// jq and process substitution against the real bash, coreutils, sed, diff, awk and jq of this machine: one
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
  'printf "line one\\nline two\\n" | head -c 6 >> "$R"; printf "ab\\ncd\\n" | tail -c 4 >> "$R"; printf abcdef | tail -c +3 >> "$R"; echo >> "$R"',
  'while read -r l; do echo "<$l>" >> "$R"; done < <(printf "p\\nq\\n")',
  'echo $(( "3" * "4" )) "$(( 2 + "5" ))" >> "$R"; (( "3" > "2" )) && echo gt >> "$R"',
  'e1=one; e2=e1; echo "$(eval echo \\$$e2)" >> "$R"; eval "e3=\\$e1-x"; echo "$e3" >> "$R"; eval; echo "eval $?" >> "$R"',
  'd=$(diff <(printf "%s\\n" "${A[@]}") <(printf "%s\\n" "${A[@]}")); echo "[$d] $?" >> "$R"',
  'expr 7 + 5 \\* 2 >> "$R"; expr 7 / 0 >> "$R" 2> /dev/null; echo "div $?" >> "$R"',
  'expr \\( 10 - 12 \\) % 3 >> "$R"; expr 99999999999999999999 + 1 >> "$R"; expr 0 \\| "" >> "$R"; echo $? >> "$R"',
  'expr 10 \\< 9 >> "$R"; expr 10 \\< 9a >> "$R"; expr abc != abd >> "$R"; expr 2 \\& 0 >> "$R"',
  'expr length "$v" >> "$R"; expr substr "$v" 9 6 >> "$R"; expr index "$v" .-v >> "$R"',
  'expr "$v" : \'release-v\\([0-9.]*\\)\\.tar\' >> "$R"; expr "$v" : \'[a-z]*\' >> "$R"',
  'expr match "$v" \'x\\(.\\)\' >> "$R"; echo "null $?" >> "$R"; expr 1 + >> "$R"; echo "syntax $?" >> "$R"',
  'printf "name;v1.2;feat: x;kind/feature\\nbob;v2;fix: y;kind/bug\\n\\nlast  line here\\n" > "$D/a"',
  'awk -F";" \'{ print "* "$3" ("$2")" }\' "$D/a" >> "$R"; awk -F\\; \'/kind\\/bug/{print $1; print NF}\' "$D/a" >> "$R"',
  'awk \'{ print $1, $NF, $(NF-1), NF, NR }\' "$D/a" >> "$R"; awk \'NR==1\' "$D/a" >> "$R"',
  'echo "abc-def" | awk \'{ print toupper(substr($0,1,1)) substr($0,2) }\' >> "$R"',
  'printf "a/b/c" | awk -F/ \'{printf($2)}\' >> "$R"; echo >> "$R"; wc -c "$D/a" | awk \'{print $1}\' >> "$R"',
  'printf "%s\\n" x \'```release-note\' "note 1" \'```\' y | awk \'/^```release-note/{flag=1;next} /^```/{flag=0} flag\' >> "$R"',
  'awk "/[^[:print:]]/{f=1} END{exit !f}" "$D/a"; echo "printable $?" >> "$R"',
  'printf "k1\\tv 1\\nk2\\tv2\\n" | awk -F"\\t" -v OFS== -v pre=">" \'{ print pre $1, $2 }\' >> "$R"',
  'printf "a.b.c\\nd|e\\n" | awk -F. \'{print NF}\' >> "$R"; echo "a1b22c" | awk -F"[0-9]+" \'{print $3, NF}\' >> "$R"',
  'awk \'BEGIN { x = 3; y = x * 2 + 1; print x y, x " " -1, 7 % 3, -2 ^ 2, 2 ^ 3 ^ 2, 7 / 2, 1e6, 0.1 + 0.2 }\' >> "$R"',
  'awk \'BEGIN { print 2147483647, 2147483648, 1e30, 100000 * 100000, int(-3.7), 1 == 1.0, "2" < "10", 2 < 10 }\' >> "$R"',
  'echo "2 10 abc 0x1A" | awk \'{ print ($1 < $2), ($3 > $1), ($4 == 26), $4 + 0, ($5 == 0), ($5 == "") }\' >> "$R"',
  'printf "1\\n 0 \\nx\\n\\n0.0\\n" | awk \'$0 { print "true:" $0 } !$0 { print "false:" $0 }\' >> "$R"',
  'printf "a\\nb\\nc\\nd\\n" | awk \'/b/,/c/ { print "in " $0; next } $0 ~ /a|d/ && !($0 !~ /d/) || NR == 1 { print "out " $0 }\' >> "$R"',
  'echo "s" | awk \'{ if ($1 == "s") print "yes"; else print "no" } { if (NF > 3) { print "many" } else if (NF) print "some" }\' >> "$R"',
  'echo "hello world hello" | awk \'{ n = gsub(/l+/, "[&|\\\\&]"); print n, $0; sub("o", "0", $2); print; print $2 }\' >> "$R"',
  'echo "abc" | awk \'{ s = $0; gsub(/x*/, "-", s); t = $0; gsub(/b*/, "-", t); print s, t }\' >> "$R"',
  'awk \'BEGIN { print index("abc", "c"), length("abcd"), length(12345), tolower("AbC"), substr("hello", 2, 3), substr("hello", 0, 2), substr("hello", -1, 3), substr("hello", 9) "|" }\' >> "$R"',
  'awk \'BEGIN { n = split("a:b:c", parts, ":"); print n, parts[1], parts[3] "|" parts[4] "|"; n = split("  x  y ", w); print n, w[2]; print split("a1b2c", z, /[0-9]/), z[3] }\' >> "$R"',
  'awk \'BEGIN { if (match("foobar", /o+b/)) print RSTART, RLENGTH; print match("x", /y/), RSTART, RLENGTH }\' >> "$R"',
  'awk \'BEGIN { printf "%s|%5s|%-5s|%.2s|%d|%5.2f|%c%c|%x|%o|%e|%g|%i|%%|%03d|%+d\\n", "a", "b", "c", "def", -3.9, 3.14159, 65, "hi", 255, 8, 12345.678, 0.0001, 7, 5, 5 }\' >> "$R"',
  'awk \'BEGIN { printf "%.0f %.2f %g %g %*d|\\n", 2.5, 0.125, 100000, 1000000, 4, 7; s = sprintf("%05.1f", 2.25); print s }\' >> "$R"',
  'echo "a b c" | awk \'{ $5 = "e"; print; print NF; NF = 2; print; $0 = "x y"; print $2, NF; $1 = $1 }\' >> "$R"',
  'echo "a:b:c" | awk -F: \'BEGIN { OFS = "-" } { $1 = $1; print; print $1, $2; OFS = "+"; $2 = "B"; print }\' >> "$R"',
  'awk \'BEGIN { x = 0.1; OFMT = "%.2f"; CONVFMT = "%.3f"; z = 3.14159; print z, z "", 17, x }\' >> "$R"',
  'awk \'BEGIN { n = 5; n += 2; n ^= 2; print n, n++ + ++n, n--, n; i = 10; i -= 3; i *= 2; i /= 7; i %= 3; print i }\' >> "$R"',
  'awk \'BEGIN { i = 0; while (i < 3) { i++; if (i == 2) continue; printf "w%d ", i }; do { i-- } while (i > 0); for (j = 0; j < 10; j++) { if (j == 3) break; printf "f%d ", j }; print i, (j > 2 ? "big" : "small") }\' >> "$R"',
  'printf "one two\\nthree\\n" | awk -v n=1 \'NR == n { print "first", $0 } END { print NR, $0, NF, FILENAME "|" }\' >> "$R"',
  'awk \'{ print FILENAME ~ /f1$/, FNR, NR, x }\' x=1 "$D/a" x=2 "$D/f1" >> "$R"; echo >> "$R"',
  'echo q | awk \'{ exit 3 } END { print "end" }\' >> "$R"; echo "exit $?" >> "$R"; awk \'BEGIN { exit } END { print "e2" }\' >> "$R"',
  'echo z | awk \'{ print "to file" > "\'"$D"\'/out1"; print "again" > "\'"$D"\'/out1"; print "app" >> "\'"$D"\'/out1"; print "x" }\' >> "$R"; cat "$D/out1" >> "$R"',
  'awk \'BEGIN { print "a\\tb\\101\\\\" ; print 1 " " 2, 1" "2 3; print length() }\' < /dev/null >> "$R"',
  'awk \'BEGIN { print 1 / 3; print -1 / 3 * 3 }\' >> "$R"; awk \'BEGIN { x }\' "$D/missing" >> "$R"; awk \'{ print }\' "$D/missing" >> "$R" 2> /dev/null; echo "missing $?" >> "$R"',
].join('\n');

/**
 * jq lines, run only where the machine's jq is the 1.6 the simulation follows: other
 * versions print some numbers and errors differently.
 */
const JQ_BODY = [
  `printf '{"a":{"b":[{"c":"x"},{"c":"y"}]},"items":[{"name":"n1","v":1,"t":"b"},{"name":"n2","v":2.5},{"name":"n3","v":null}],"s":"str","n":-3,"t":true,"o":{"k2":1,"k1":[1,{"x":[]}],"":{},"é":2}}' > "$D/j.json"`,
  `jq . "$D/j.json" >> "$R"; jq -c . "$D/j.json" >> "$R"; jq -S .o "$D/j.json" >> "$R"; jq -cS . "$D/j.json" >> "$R"`,
  `jq -r '(.s, .a.b[0].c, .a.b[-1].c, .n, .missing, .a),
(.items[] | .name),
(.x // "default", .s // "d", (.items[] | .v // "none"), ((null, 1) // 2)),
([.items[].name] | join(","), ([1, null, "a", true] | join("/")), ([] | join(","))),
("\\(.s)-\\(.n)", "\\(.a.b)", "x\\(1, 2)y\\(3, 4)"),
(if .t then "yes" else "no" end, (.items[] | if .v == null then "null" elif .v > 2 then "big" else "small" end))' "$D/j.json" >> "$R"`,
  `jq -c '(.items[] | select(.v != null and .v > 1)),
([.items[] | select(.t == "b" or .v == null) | .name]),
(keys, (.o | keys_unsorted), (.items | keys), (.o | to_entries), (.items | map(.v)), (.items | map(has("t"))), (.items | has(2))),
((.o | tostring), (.n | tostring), ("12" | tonumber), (.n | tonumber), (.o | tojson)),
((.items | first, last), first(.items[].name), last(.items[].name), last(empty), ([] | first)),
((.n < 0 and .t), (.t | not), [(true, false) or (true, false)], [(true, false) and (true, false)], .n >= -3, .s != "str", .n <= -4),
([null, true, false, 1, "b", "a", [2], [1, 3], {"b": 0}, {"a": 1}] | sort),
({s, n: .n, (.s): [.items[].v], "k": {a: (1, 2)}}, [.items[] | {name}], {}, []),
(.a as $x | .items[] | $x.b[0].c + .name),
(.items | .[1:], .[:-2], .[5:], .[0.5:1.5]), ("abcdef" | .[1.2:3.7], .[-2:]),
((.s | .[1:2]), .n * 2 - 1 / 4, 7 % 3, -7 % 3, -.n, [1, 2] + [3] - [1], {a: 1} + {b: 2, a: 3}, null + 1),
((.items | map(.v) | add), type, (.s | length, ascii_upcase, ascii_downcase, startswith("st"), endswith("r"), endswith("x"), split("t"))),
((.o | length), (.items[2].v | length), (.n | length), .s[]?, .n.x?, (.items[] | .name?), .z.a[0], ."s", .["n"], .items[1.5])' "$D/j.json" >> "$R"`,
  `jq '.items | length' "$D/j.json" >> "$R"`,
  `jq -j '.items[].name, "\\n"' "$D/j.json" >> "$R"`,
  `jq -c '[(1, 2) + (10, 20)], [(1, 2) == (1, 2)], [{a: (1, 2), b: (3, 4)}],
1e15, 1e16, 12e15, 1e17, 123e-7, 1e-5, 0.0001, 0.001, 0.1 + 0.2, 100000000000000000000, 3.0, 1.5e300, "\\t\\u0001\\u007f\\"\\\\/é"' -n >> "$R"`,
  `printf '{"a":1} 2 {"a":3}' | jq .a >> "$R" 2> /dev/null; echo "error $?" >> "$R"; printf '{"a":1} 2' | jq .a >> "$R" 2> /dev/null; echo "last $?" >> "$R"`,
  `printf '{"a":1} {"a":false}' | jq -e .a >> "$R"; echo "e $?" >> "$R"; echo 1 | jq -e empty >> "$R"; echo "empty $?" >> "$R"; echo '"x"' | jq -er . >> "$R"; echo "raw $?" >> "$R"`,
  `printf "1 {" | jq . >> "$R" 2> /dev/null; echo "parse $?" >> "$R"; jq . "$D/none" >> "$R" 2> /dev/null; echo "missing $?" >> "$R"; echo '[' | jq -e . 2> /dev/null; echo "parse -e $?" >> "$R"`,
  `printf '%s' '{"a":1}{"b":2}[3]"s" 4 01 "\\ud83d\\ude00" "\\udc00"' | jq -c . >> "$R"; printf "1 2 3" | jq -sc . >> "$R"; printf "" | jq . >> "$R"; echo "none $?" >> "$R"`,
  `jq -n -c --arg k v --argjson n '{"x":[1]}' '{k: $k, n: $n, $k}' >> "$R"; jq -n '$a' --arg a 'x y' >> "$R"; jq -n --argjson a '[' '$a' 2> /dev/null; echo "argjson $?" >> "$R"`,
  `v=$(jq -r ".items[0].name" "$D/j.json"); echo "got $v" >> "$R"; if jq -e ".t" "$D/j.json" > /dev/null; then echo "true" >> "$R"; fi`,
  `echo '{"n":1}' | jq ".n + 1" >> "$R"; echo '[{"k":"a"},{"k":"b"}]' | jq -r '.[] | "\\(.k)=\\(.k | ascii_upcase)"' >> "$R"`,
];

const ARGS = ['one', 'two three', 'four'];

function bashPath(): string | undefined {
  for (const candidate of ['/bin/bash', '/usr/bin/bash'])
    if (fs.existsSync(candidate)) return candidate;
  return undefined;
}

const bash = bashPath();
const jqVersion = spawnSync('jq', ['--version'], { encoding: 'utf8' }).stdout?.trim();
const SCRIPT = jqVersion === 'jq-1.6' ? `${BODY}\n${JQ_BODY.join('\n')}` : BODY;
if (bash === undefined) {
  test('shell: no bash on this machine, the differential test is skipped', () => {
    console.log('  bash not found: skipped');
  });
} else {
  test('shell: parameter expansions, "$@" and arrays expand as bash expands them', () => {
    if (jqVersion !== 'jq-1.6')
      console.log(`  jq here is ${jqVersion ?? 'missing'}, not 1.6: its lines skipped`);
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'bash-differential-'));
    try {
      const file = path.join(directory, 'out');
      const real = spawnSync(
        bash,
        ['-c', `R=${file}\nD=${directory}\n${SCRIPT}`, 'script', ...ARGS],
        {
          encoding: 'utf8',
          env: { PATH: process.env.PATH ?? '' },
        },
      );
      assert.is(real.status, 0, real.stderr);
      const warnings: string[] = [];
      const program = compileStep(
        { script: `#!/bin/bash\nR=/tekton/results/r\nD=/tmp\n${SCRIPT}`, args: ARGS },
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
