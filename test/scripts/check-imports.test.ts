// The import check .ci/run runs: small graphs built by name, each with the one problem it
// must find (or none), then the real src/ tree.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { importProblems, readImportGraph, relativeImports } from '../../scripts/check-imports.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function graphOf(edges: Record<string, string[]>): Map<string, string[]> {
  return new Map(Object.entries(edges));
}

test('imports: a clean layered graph has no problems', () => {
  const graph = graphOf({
    'src/index.ts': ['src/cli/x.ts', 'src/engine/loop.ts'],
    'src/cli/x.ts': ['src/engine/loop.ts'],
    'src/engine/loop.ts': ['src/scheduler/reconcile.ts', 'src/model/reasons.ts'],
    'src/scheduler/reconcile.ts': ['src/model/reasons.ts', 'src/scheduler/skip.ts'],
    'src/scheduler/skip.ts': ['src/model/reasons.ts'],
    'src/model/reasons.ts': ['src/model/profiles.ts'],
    'src/model/profiles.ts': [],
  });
  assert.equal(importProblems(graph), []);
});

test('imports: a cycle between three files is found, as a closed path', () => {
  const graph = graphOf({
    'src/shell/a.ts': ['src/shell/b.ts'],
    'src/shell/b.ts': ['src/shell/c.ts'],
    'src/shell/c.ts': ['src/shell/a.ts', 'src/shell/d.ts'],
    'src/shell/d.ts': [],
  });
  assert.equal(importProblems(graph), [
    'file cycle: src/shell/a.ts -> src/shell/b.ts -> src/shell/c.ts -> src/shell/a.ts',
  ]);
});

test('imports: folders that import each other are a cycle even when the files are not', () => {
  const graph = graphOf({
    'src/plan/compile.ts': ['src/scheduler/profiles.ts'],
    'src/scheduler/profiles.ts': [],
    'src/scheduler/reconcile.ts': ['src/plan/plan.ts'],
    'src/plan/plan.ts': [],
  });
  assert.equal(importProblems(graph), [
    'folder cycle: src/plan -> src/scheduler -> src/plan ' +
      '(src/plan/compile.ts -> src/scheduler/profiles.ts; src/scheduler/reconcile.ts -> src/plan/plan.ts)',
  ]);
});

test('imports: model/ importing anything outside model/ is found', () => {
  const graph = graphOf({
    'src/model/trace.ts': ['src/model/reasons.ts', 'src/engine/queue.ts'],
    'src/model/reasons.ts': [],
    'src/engine/queue.ts': [],
  });
  assert.equal(importProblems(graph), [
    'model imports upward: src/model/trace.ts -> src/engine/queue.ts',
  ]);
});

test('imports: relative imports are read from import, export and import(), not comments', () => {
  const text = [
    '// see pkg/apis/*_conversion.go; import x from "./commented.js"',
    "import fs from 'node:fs';",
    "import type { A } from './a.js';",
    'import {',
    '  b,',
    '  type C,',
    "} from '../b/index.js';",
    "export * from './c.js';",
    "export { d } from './d.js';",
    "const url = 'https://example.com/*';",
    "const e = await import('./e.js');",
    "/* import y from './block.js'; */",
  ].join('\n');
  assert.equal(relativeImports(text), ['./a.js', '../b/index.js', './c.js', './d.js', './e.js']);
});

test('imports: src/ reads as a graph of its files, with index.ts at the top', () => {
  const graph = readImportGraph(root);
  assert.ok(graph.size > 50, String(graph.size));
  assert.ok(graph.get('src/cli/check.ts')?.includes('src/index.ts'));
  for (const [file, targets] of graph)
    assert.not.ok(targets.includes('src/index.ts') && !file.startsWith('src/cli/'), file);
});

test.run();
