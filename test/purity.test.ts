// The design rule that keeps runs reproducible: nothing outside the CLI reads a clock or an
// unseeded random number. Every random draw goes through workload/rng.ts; wall-clock time is
// the CLI's business (benchmarks, report headers).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const sourceDir = path.join(root, 'src');
const exempt = path.join(sourceDir, 'cli') + path.sep;

const FORBIDDEN: [RegExp, string][] = [
  [/\bMath\.random\b/, 'Math.random'],
  [/\bDate\.now\b/, 'Date.now'],
  [/\bnew\s+Date\s*\(\s*\)/, 'new Date()'],
  [/\bperformance\.now\b/, 'performance.now'],
];

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(full));
    else if (/\.[cm]?[jt]sx?$/.test(entry.name)) files.push(full);
  }
  return files.sort();
}

/** `file:line: uses X` for every forbidden use in `text`. */
function findImpurities(file: string, text: string): string[] {
  const found: string[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    for (const [pattern, name] of FORBIDDEN) {
      if (pattern.test(lines[index]))
        found.push(`${file}:${index + 1}: uses ${name}: ${lines[index].trim()}`);
    }
  }
  return found;
}

test('purity: no clock or unseeded random in src/ outside src/cli/', () => {
  const files = sourceFiles(sourceDir).filter((file) => !file.startsWith(exempt));
  assert.ok(files.length > 0, 'found no source files');
  const found = files.flatMap((file) =>
    findImpurities(path.relative(root, file), readFileSync(file, 'utf8')),
  );
  assert.equal(
    found,
    [],
    'the simulator must stay reproducible: take time as an argument and draw random numbers from ' +
      'workload/rng.ts streams (only src/cli/ may read the clock):\n' +
      found.join('\n'),
  );
});

test('purity: the check finds each forbidden use, with its file and line', () => {
  const text = [
    'const ok = new Date(0);',
    'const a = Math.random();',
    'const b = Date.now();',
    'const c = new Date();',
    'const d = performance.now();',
    'const e = new Date( );',
  ].join('\n');
  assert.equal(
    findImpurities('src/x.ts', text).map(
      (line) => line.split(': uses ')[0] + ': ' + line.split(': uses ')[1].split(':')[0],
    ),
    [
      'src/x.ts:2: Math.random',
      'src/x.ts:3: Date.now',
      'src/x.ts:4: new Date()',
      'src/x.ts:5: performance.now',
      'src/x.ts:6: new Date()',
    ],
  );
});

test.run();
