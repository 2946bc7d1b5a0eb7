// The file commands of step scripts against the virtual files: what they print, what they
// leave behind, and their exit statuses where the path is known not to exist.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileStep, FileView, Volume } from '../../src/shell/index.js';

/** Runs a script on a view with an empty /data volume; returns its `out` result and status. */
function run(script: string, data = new Volume('', false)): { out: string; status: number } {
  const view = new FileView(new Volume('the image is not simulated', true), [
    { path: '/data', volume: data, subPath: '' },
    { path: '/tmp', volume: new Volume('', false), subPath: '' },
  ]);
  const program = compileStep({ script: `#!/bin/sh\n${script}` }, () => {});
  const outcome = program.run(undefined, { files: view });
  const out = outcome.results.find((result) => result.name === 'out')?.value ?? '';
  return { out, status: outcome.exitCode };
}

const OUT = '/tekton/results/out';

test('shell: files: mkdir, touch, ls list what was made, sorted, hidden files with -a', () => {
  const listed = run(`mkdir -p /data/b/c\ntouch /data/a /data/.h\nls /data > ${OUT}`);
  assert.equal(listed, { out: 'a\nb\n', status: 0 });
  assert.is(run(`touch /data/.h\nls -a /data > ${OUT}`).out, '.h\n');
  assert.is(run('ls /data/missing').status, 2);
  assert.is(run('mkdir /data/x/y').status, 0, 'parents are made implicitly (a simplification)');
});

test('shell: files: cp, mv and rm move content; rm of a missing path fails without -f', () => {
  const script = [
    'echo -n one > /data/f',
    'cp /data/f /data/g',
    'mkdir /data/d',
    'mv /data/g /data/d',
    `echo -n "$(cat /data/d/g) $(ls /data)" > ${OUT}`,
  ].join('\n');
  assert.equal(run(script), { out: 'one d\nf', status: 0 });
  assert.is(run('rm /data/nothing').status, 1);
  assert.is(run('rm -f /data/nothing').status, 0);
  assert.is(run('mkdir /data/d\nrm /data/d').status, 1, 'a directory needs -r');
  assert.is(run(`mkdir -p /data/d/e\nrm -rf /data/d\n[ -e /data/d/e ]`).status, 1);
});

test('shell: files: cat of a known-missing file fails; of an unknown one reads empty', () => {
  assert.is(run('cat /data/missing').status, 1);
  assert.equal(run(`cat /etc/hostname > ${OUT}`), { out: '', status: 0 });
});

test('shell: files: mktemp makes a new file or directory with a deterministic name', () => {
  const made = run(
    `f=$(mktemp)\nd=$(mktemp -d -p /data build.XXXX)\n[ -f "$f" ] && [ -d "$d" ] && echo -n "$f $d" > ${OUT}`,
  );
  assert.equal(made, { out: '/tmp/tmp.0000000001 /data/build.0002', status: 0 });
});

test('shell: files: cd and pwd move the working directory; relative paths follow it', () => {
  const moved = run(
    `mkdir /data/w\ncd /data/w\necho -n x > f\necho -n "$(pwd) $(ls /data/w)" > ${OUT}`,
  );
  assert.equal(moved, { out: '/data/w f', status: 0 });
  assert.is(run('cd /data/none').status, 1);
});

test('shell: files: basename and dirname', () => {
  const names = run(
    `echo -n "$(basename /a/b.txt .txt) $(dirname /a/b/) $(dirname x) $(basename /)" > ${OUT}`,
  );
  assert.is(names.out, 'b /a . /');
});

test('shell: files: a command not simulated may have written anything it could reach', () => {
  assert.is(run('[ -e /data/made ]').status, 1);
  assert.is(run('git clone x /data/made\n[ -e /data/made ]').status, 0);
  assert.is(run('git clone x /data/made\nrm -rf /data/made\n[ -e /data/made ]').status, 1);
});

test('shell: files given by a source are made only when the step touches files', () => {
  let made = 0;
  const files = {
    view() {
      made++;
      return new FileView(new Volume('the image is not simulated', true), [
        { path: '/data', volume: new Volume('', false), subPath: '' },
      ]);
    },
    taintWritable() {},
  };
  const echo = compileStep({ script: `#!/bin/sh\necho -n hi > ${OUT}` }, () => {});
  assert.is(echo.run(undefined, { files }).results[0]?.value, 'hi');
  assert.is(made, 0, 'an outcome kept from compiling needs no files');
  const reads = compileStep({ script: `#!/bin/sh\nls /data > ${OUT}` }, () => {});
  assert.is(reads.run(undefined, { files }).exitCode, 0);
  assert.is(made, 1, 'a step that reads files is given them');
});

test('shell: files: an outcome kept for a step with a command not simulated still makes its files unknown', () => {
  // The outcome is kept per variable values, so later runs are not interpreted: each must
  // still leave what the command could have written unknown, on that run's own volumes.
  const program = compileStep(
    { script: '#!/bin/sh\ngit clone $(params.url) /data/repo' },
    () => {},
  );
  for (const url of ['a', 'b', 'a', 'a']) {
    const data = new Volume('', false);
    const view = new FileView(new Volume('the image is not simulated', true), [
      { path: '/data', volume: data, subPath: '' },
    ]);
    const substitute = (text: string) => (text === '$(params.url)' ? url : text);
    assert.is(program.run(substitute, { files: view }).exitCode, 0);
    assert.is(data.kind('repo'), 'unknown', `run with url ${url}`);
    assert.is(data.taintedBy, 'git');
  }
  const literal = compileStep({ script: '#!/bin/sh\ngo build ./...' }, () => {});
  const data = new Volume('', false);
  literal.run(undefined, {
    files: new FileView(new Volume('the image is not simulated', true), [
      { path: '/workspace', volume: data, subPath: '' },
    ]),
  });
  assert.is(data.taintedBy, 'go', 'a step without variables, kept from compiling');
});

test.run();
