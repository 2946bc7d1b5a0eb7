// Compares a text with its committed golden file under test/golden/, byte for byte, or
// rewrites the file when UPDATE_GOLDEN=1. A golden file was written by an earlier process
// (often on another machine), so a difference is either a change of behaviour, to review
// in the golden file's diff, or lost determinism.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as assert from 'uvu/assert';

const goldenDirectory = path.dirname(fileURLToPath(import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';

export function assertGolden(name: string, actual: string): void {
  const file = path.join(goldenDirectory, name);
  if (UPDATE) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  assert.ok(
    fs.existsSync(file),
    `test/golden/${name} is missing; UPDATE_GOLDEN=1 npm test writes it`,
  );
  const expected = fs.readFileSync(file, 'utf8');
  if (actual !== expected) {
    // uvu's diff of two long texts is hard to read; name the first differing line instead.
    const actualLines = actual.split('\n');
    const expectedLines = expected.split('\n');
    const line = actualLines.findIndex((text, index) => text !== expectedLines[index]);
    assert.unreachable(
      `test/golden/${name} differs at line ${line + 1}:\n` +
        `  expected: ${JSON.stringify(expectedLines[line])}\n` +
        `  actual:   ${JSON.stringify(actualLines[line])}\n` +
        'If the change is intended, UPDATE_GOLDEN=1 npm test rewrites the golden files; review their diff.',
    );
  }
}
