// The pure parts of scripts/test.mjs, apart so a test can call them: which files run first,
// how the counts of many files add up, and the closing line CI reads.
import fs from 'node:fs';
import path from 'node:path';

/** Test files under `directory` whose path relative to it matches `pattern` (as uvu's CLI). */
export function findTestFiles(directory, pattern) {
  const matcher = new RegExp(pattern, 'i');
  const found = [];
  const walk = (folder, relative) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.git')) continue;
      const name = relative ? path.join(relative, entry.name) : entry.name;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full, name);
      else if (matcher.test(name)) found.push({ name, file: full });
    }
  };
  walk(directory, '');
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The order files are handed out in: heaviest first, so the long files start at once and the
 * short ones fill the gaps at the end (longest-processing-time first). A file without a weight
 * (a new one) gets `defaultWeight`. Ties keep name order, so the order is the same every run.
 */
export function orderByWeight(files, weights, defaultWeight) {
  const weightOf = (file) => weights[file.name.split(path.sep).join('/')] ?? defaultWeight;
  return [...files].sort((a, b) => weightOf(b) - weightOf(a) || a.name.localeCompare(b.name));
}

/** The counts of several files (or processes) added up. */
export function sumCounts(results) {
  const sum = { total: 0, passed: 0, skipped: 0, failed: 0 };
  for (const result of results) {
    for (const key of Object.keys(sum)) sum[key] += result[key] ?? 0;
  }
  return sum;
}

/** The last line of a run: "N passed, N failed", then ", N skipped" when some were. */
export function closingLine(counts) {
  const line = `${counts.passed} passed, ${counts.failed} failed`;
  return counts.skipped ? `${line}, ${counts.skipped} skipped` : line;
}

/** Whether the run failed: any failure, or nothing ran at all. */
export function runFailed(counts) {
  return counts.failed > 0 || counts.total === 0;
}

/** Starts the line a test process writes after each file, followed by the file's counts. */
export const FILE_END_MARKER = '\u001etest-file-end\u001e';

/**
 * Splits what a test process wrote into finished files: each file's text and the counts on
 * its marker line. `rest` is the text of the file still running (kept for the next chunk).
 */
export function splitFiles(buffer) {
  const finished = [];
  let rest = buffer;
  for (;;) {
    const at = rest.indexOf(FILE_END_MARKER);
    if (at < 0) break;
    const lineEnd = rest.indexOf('\n', at);
    if (lineEnd < 0) break;
    const counts = JSON.parse(rest.slice(at + FILE_END_MARKER.length, lineEnd));
    // The worker writes a newline before the marker so it starts a line; that one is its own.
    const text = rest.slice(0, at).replace(/\n$/, '');
    finished.push({ text, counts });
    rest = rest.slice(lineEnd + 1);
  }
  return { finished, rest };
}
