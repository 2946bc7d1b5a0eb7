#!/usr/bin/env node
// The import rules of design.md, checked over the relative imports of src/**/*.ts: no cycle
// between files, no cycle between the top-level folders of src/ (files directly in src/
// count as one unit, "src"), and nothing in src/model/ importing a file outside it (the
// shared vocabulary sits at the bottom). Type-only imports count: a type cycle is still two
// modules that cannot be read one before the other. Prints one line per problem and exits 1
// when there is any, 0 otherwise. `import()` with a computed specifier cannot be followed and
// is not counted.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const IMPORT_PATTERN =
  /(?:^|[^\w$.])(?:import|export)\s*(?:type\s+)?(?:[\w$*{}\s,]+?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]|import\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** The relative specifiers imported by one source text, comments left out. */
export function relativeImports(text) {
  return [...withoutComments(text).matchAll(IMPORT_PATTERN)].map((match) => match[1] ?? match[2]);
}

/**
 * `text` with every comment replaced by a space. A scan rather than two regular expressions,
 * because a `/*` inside a line comment or a `//` inside a string must not start a comment.
 */
export function withoutComments(text) {
  let code = '';
  let at = 0;
  while (at < text.length) {
    const char = text[at];
    if (char === '/' && text[at + 1] === '/') {
      while (at < text.length && text[at] !== '\n') at++;
      code += ' ';
    } else if (char === '/' && text[at + 1] === '*') {
      const end = text.indexOf('*/', at + 2);
      at = end < 0 ? text.length : end + 2;
      code += ' ';
    } else if (char === "'" || char === '"' || char === '`') {
      let end = at + 1;
      while (end < text.length && text[end] !== char) end += text[end] === '\\' ? 2 : 1;
      code += text.slice(at, end + 1);
      at = end + 1;
    } else {
      code += char;
      at++;
    }
  }
  return code;
}

/** `src/a/b.ts` importing `../c/d.js` → `src/c/d.ts` (or `src/c/d/index.ts`), if it exists. */
function resolveImport(fromFile, specifier, exists) {
  const base = path.posix.join(path.posix.dirname(fromFile), specifier);
  const stem = base.replace(/\.(js|ts|mjs|mts)$/, '');
  return [`${stem}.ts`, `${stem}.mts`, `${stem}/index.ts`].find(exists);
}

/** Every .ts file under `sourceDirectory` and the files each imports, paths relative to `root`. */
export function readImportGraph(root, sourceDirectory = 'src') {
  const files = listTypeScript(path.join(root, sourceDirectory)).map((file) =>
    path.relative(root, file).split(path.sep).join('/'),
  );
  const known = new Set(files);
  const graph = new Map();
  for (const file of files) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    const targets = relativeImports(text)
      .map((specifier) => resolveImport(file, specifier, (candidate) => known.has(candidate)))
      .filter((target) => target !== undefined);
    graph.set(file, [...new Set(targets)].sort());
  }
  return graph;
}

function listTypeScript(directory) {
  const found = [];
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) found.push(...listTypeScript(full));
    else if (/\.m?ts$/.test(entry.name) && !entry.name.endsWith('.d.ts')) found.push(full);
  }
  return found.sort();
}

/** `src/a/b.ts` → `src/a`; a file directly in `src/` → `src`. */
export function topFolder(file) {
  const parts = file.split('/');
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts[0];
}

/** Every problem in `graph` (file → imported files), one line each, in a stable order. */
export function importProblems(graph, modelFolder = 'src/model') {
  const problems = [];
  for (const cycle of cycles(graph)) problems.push(`file cycle: ${cycle.join(' -> ')}`);
  const folders = new Map();
  for (const [file, targets] of graph) {
    const from = topFolder(file);
    if (!folders.has(from)) folders.set(from, new Set());
    for (const target of targets) {
      const to = topFolder(target);
      if (to !== from) folders.get(from).add(to);
    }
  }
  const folderGraph = new Map([...folders].map(([folder, set]) => [folder, [...set].sort()]));
  for (const cycle of cycles(folderGraph)) {
    const witnesses = cycle.slice(1).map((to, index) => witness(graph, cycle[index], to));
    problems.push(`folder cycle: ${cycle.join(' -> ')} (${witnesses.join('; ')})`);
  }
  for (const [file, targets] of graph) {
    if (!file.startsWith(`${modelFolder}/`)) continue;
    for (const target of targets) {
      if (!target.startsWith(`${modelFolder}/`))
        problems.push(`model imports upward: ${file} -> ${target}`);
    }
  }
  return problems;
}

/** One file import that makes the folder edge `from` → `to`, so the report says where to look. */
function witness(graph, from, to) {
  for (const [file, targets] of graph) {
    if (topFolder(file) !== from) continue;
    const target = targets.find((candidate) => topFolder(candidate) === to);
    if (target) return `${file} -> ${target}`;
  }
  return `${from} -> ${to}`;
}

/**
 * One cycle per strongly connected component with more than one node (or a node importing
 * itself), as a closed path starting at its smallest node. Tarjan's algorithm, iterative so
 * a deep graph cannot overflow the stack.
 */
export function cycles(graph) {
  const nodes = [...new Set([...graph.keys(), ...[...graph.values()].flat()])].sort();
  const edges = (node) => graph.get(node) ?? [];
  const index = new Map();
  const lowLink = new Map();
  const onStack = new Set();
  const stack = [];
  const components = [];
  let counter = 0;
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work = [[start, 0]];
    index.set(start, counter);
    lowLink.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const [node, next] = frame;
      const targets = edges(node);
      if (next < targets.length) {
        frame[1] += 1;
        const target = targets[next];
        if (!index.has(target)) {
          index.set(target, counter);
          lowLink.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push([target, 0]);
        } else if (onStack.has(target)) {
          lowLink.set(node, Math.min(lowLink.get(node), index.get(target)));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1][0];
        lowLink.set(parent, Math.min(lowLink.get(parent), lowLink.get(node)));
      }
      if (lowLink.get(node) === index.get(node)) {
        const component = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          component.push(member);
        } while (member !== node);
        if (component.length > 1 || edges(node).includes(node)) components.push(component);
      }
    }
  }
  return components.map((component) => cyclePath(graph, new Set(component))).sort();
}

/** A closed path through the component from its smallest node, found breadth-first. */
function cyclePath(graph, members) {
  const start = [...members].sort()[0];
  const previous = new Map();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift();
    for (const target of graph.get(node) ?? []) {
      if (!members.has(target)) continue;
      if (target === start) {
        const path = [start];
        for (let at = node; at !== start; at = previous.get(at)) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!previous.has(target)) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  return [start, start];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const graph = readImportGraph(root);
  const problems = importProblems(graph);
  for (const problem of problems) process.stdout.write(`${problem}\n`);
  const edgeCount = [...graph.values()].reduce((sum, targets) => sum + targets.length, 0);
  process.stdout.write(
    `imports: ${graph.size} files, ${edgeCount} imports, ${problems.length} problem(s)\n`,
  );
  process.exitCode = problems.length > 0 ? 1 : 0;
}
