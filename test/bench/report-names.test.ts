// reports/bench/ holds only what the bench writes: one Markdown and one JSON file per set of
// figures run, each the latest run of its set, and no older copy kept beside it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isReportFileName, reportStem } from '../../bench/report-name.js';

const reports = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'reports',
  'bench',
);

test('bench: report names: one stem per set of figures, sorted, -quick last', () => {
  assert.is(reportStem(undefined, false), 'latest');
  assert.is(reportStem(['2', '1'], false), 'latest-1-2');
  assert.is(reportStem(['5', '6'], true), 'latest-5-6-quick');
  assert.ok(isReportFileName('latest-1-2.md'));
  assert.ok(isReportFileName('latest-quick.json'));
  for (const name of ['latest-1-2-100k-seeds.md', 'latest-2-1.md', 'latest-7.md', 'old.md'])
    assert.not.ok(isReportFileName(name), name);
});

test('bench: reports/bench holds only files the bench writes, each with its pair', () => {
  const names = fs.readdirSync(reports).sort();
  assert.equal(
    names.filter((name) => !isReportFileName(name)),
    [],
  );
  const stems = (extension: string) =>
    names
      .filter((name) => name.endsWith(extension))
      .map((name) => name.slice(0, -extension.length));
  assert.equal(stems('.md'), stems('.json'));
});

test.run();
