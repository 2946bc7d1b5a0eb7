// The commit's own tree (scripts/check-tree.mjs, run by .ci/run): no link out of the
// repository, nothing under node_modules or dist.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { treeProblems } from '../../scripts/check-tree.mjs';

const line = (mode: string, object: string, file: string) => `${mode} ${object} 0\t${file}`;

test('check-tree: a link out of the repository and generated folders are problems', () => {
  const targets: Record<string, string> = {
    a1: '/elsewhere/checkout/node_modules',
    b2: '../../elsewhere',
    c3: 'docs/inside.md',
  };
  const problems = treeProblems(
    [
      line('120000', 'a1', 'node_modules'),
      line('120000', 'b2', 'docs/up'),
      line('120000', 'c3', 'link-inside'),
      line('100644', 'd4', 'dist/index.js'),
      line('100644', 'e5', 'src/index.ts'),
      '',
    ],
    (object) => targets[object],
  );
  assert.equal(problems, [
    'node_modules: under node_modules/, which is installed or built, never committed',
    'node_modules: a link to /elsewhere/checkout/node_modules, outside the repository',
    'docs/up: a link to ../../elsewhere, outside the repository',
    'dist/index.js: under dist/, which is installed or built, never committed',
  ]);
});

test('check-tree: this repository has no such problem', async () => {
  const { execFileSync } = await import('node:child_process');
  let lines: string[];
  try {
    lines = execFileSync('git', ['ls-files', '-s'], { encoding: 'utf8', stdio: 'pipe' }).split(
      '\n',
    );
  } catch {
    console.log('  not a git checkout: skipped');
    return;
  }
  assert.equal(
    treeProblems(lines, (object) =>
      execFileSync('git', ['cat-file', 'blob', object], { encoding: 'utf8' }),
    ),
    [],
  );
});

test.run();
