// The two embedded languages, src/shell/ and src/cel/, are modules of their own: everything
// outside a language's folder imports only its index.ts, the folder imports nothing of the
// simulator's (it may use packages), and no import cycle runs between its files.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const LANGUAGES = ['shell', 'cel'];
const IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm;

function typeScriptFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...typeScriptFiles(full));
    else if (entry.name.endsWith('.ts')) files.push(full);
  }
  return files.sort();
}

/** Project files a file imports, as paths relative to the project root (`src/cel/error.ts`). */
function localImports(file: string): string[] {
  const imports: string[] = [];
  for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const specifier = match[1];
    if (!specifier.startsWith('.')) continue;
    const target = path.resolve(path.dirname(file), specifier).replace(/\.js$/, '.ts');
    imports.push(path.relative(root, target));
  }
  return imports;
}

const relative = (file: string) => path.relative(root, file);
const inFolder = (file: string, folder: string) => file.startsWith(`src/${folder}/`);

for (const language of LANGUAGES) {
  test(`language modules: ${language}: importers outside src/${language}/ use only its index.ts`, () => {
    const offenders: string[] = [];
    for (const file of [
      ...typeScriptFiles(path.join(root, 'src')),
      ...typeScriptFiles(path.join(root, 'test')),
    ]) {
      const from = relative(file);
      if (inFolder(from, language)) continue;
      for (const target of localImports(file))
        if (inFolder(target, language) && target !== `src/${language}/index.ts`)
          offenders.push(`${from} imports ${target}`);
    }
    assert.equal(offenders, []);
  });

  test(`language modules: ${language}: imports nothing of the simulator and has no file cycle`, () => {
    const files = typeScriptFiles(path.join(root, 'src', language)).map(relative);
    assert.ok(files.includes(`src/${language}/index.ts`), 'no index.ts');
    const graph = new Map<string, string[]>();
    const outside: string[] = [];
    for (const file of files) {
      const targets = localImports(path.join(root, file));
      for (const target of targets)
        if (!inFolder(target, language)) outside.push(`${file} imports ${target}`);
      graph.set(
        file,
        targets.filter((target) => inFolder(target, language)),
      );
    }
    assert.equal(outside, []);
    assert.equal(findCycle(graph), undefined);
  });
}

/** One import cycle as `a -> b -> a`, or undefined; a depth-first search with colours. */
function findCycle(graph: ReadonlyMap<string, readonly string[]>): string | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node].join(' -> ');
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

test('language modules: the cycle search finds a cycle and its path', () => {
  const graph = new Map([
    ['a', ['b']],
    ['b', ['c']],
    ['c', ['a']],
  ]);
  assert.is(findCycle(graph), 'a -> b -> c -> a');
  assert.is(
    findCycle(
      new Map([
        ['a', ['b']],
        ['b', []],
      ]),
    ),
    undefined,
  );
});

test.run();
