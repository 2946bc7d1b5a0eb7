import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openAttemptsSpool } from '../../src/cli/attempts-spool.js';
import {
  type OpenedPart,
  partFilePieces,
  partHeaderLine,
  readPartHeader,
  readPartSections,
  refuseLongHeader,
} from '../../src/cli/part-file.js';
import { partialSections, type PartSection } from '../../src/runner/partial.js';
import { InputError } from '../../src/tekton/diagnostics.js';
import { runCli as cli } from './run-cli.js';

const REPORT = 'test/fixtures/report/report.scenario.yaml';
const FILES = ['report-attempts.csv', 'report-runs.csv', 'report.json', 'report.md'];

const fresh = () => fs.mkdtempSync(path.join(os.tmpdir(), 'part-file-'));
const read = (directory: string) =>
  Object.fromEntries(
    FILES.map((file) => [file, fs.readFileSync(path.join(directory, file), 'utf8')]),
  );

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The message of the InputError `run` throws. */
function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.instance(error, InputError);
    return (error as InputError).diagnostics[0].message;
  }
  assert.unreachable('no error');
  return '';
}

/** A part read back and written again, its sections cut into pieces of the given sizes. */
function rewrite(file: string, sizes: { bytes: number; units: number }): string {
  const opened = readPartHeader(file);
  const texts = new Map<number, string[]>();
  const buffers = readPartSections(opened, (scenario, text) =>
    texts.set(scenario, [...(texts.get(scenario) ?? []), text]),
  );
  const sections: PartSection[] = partialSections(opened.header).map((section) => {
    if (!section.text) return { bytes: buffers[section.section] };
    const scenario = opened.header.attemptsCsv.findIndex((ref) => ref.section === section.section);
    return { text: () => texts.get(scenario) ?? [] };
  });
  const copy = path.join(fresh(), path.basename(file));
  fs.writeFileSync(
    copy,
    [...partFilePieces(partHeaderLine(opened.header), sections, sizes)].join(''),
  );
  return copy;
}

test('cli: part file: sections written in many small pieces read back to the same report', async () => {
  const whole = fresh();
  assert.is(
    (await cli('report', REPORT, '--seeds', '8', '--format', 'md,csv,json', '--out', whole)).code,
    0,
  );
  const shards = fresh();
  for (const shard of ['1/2', '2/2'])
    assert.is(
      (await cli('report', REPORT, '--seeds', '8', '--shard', shard, '--out', shards)).code,
      0,
    );
  // 3 bytes of a column or 7 characters of attempt rows a line: every section spans lines.
  const first = rewrite(path.join(shards, 'part-1-of-2.json'), { bytes: 3, units: 7 });
  assert.ok(fs.readFileSync(first, 'utf8').split('\n').length > 200);
  const merged = fresh();
  const run = await cli(
    'merge',
    first,
    path.join(shards, 'part-2-of-2.json'),
    '--format',
    'md,csv,json',
    '--out',
    merged,
  );
  assert.is(run.code, 0, run.stderr);
  assert.equal(read(merged), read(whole));
});

test('cli: part file: text pieces never split a character, and read back whole', () => {
  const text = `a😀b,é\n${'😀'.repeat(5)}"quoted"\n`;
  const header = { attemptsCsv: [{ section: 0, bytes: Buffer.byteLength(text) }], stores: [] };
  const file = path.join(fresh(), 'part.json');
  for (const units of [1, 2, 3]) {
    const pieces = [
      ...partFilePieces('{"x":0,"chunks":[\n', [{ text: () => [text] }], { bytes: 3, units }),
    ];
    fs.writeFileSync(file, pieces.join(''));
    assert.ok(
      JSON.parse(fs.readFileSync(file, 'utf8')).chunks.every(
        (piece: string) => !LONE_SURROGATE.test(piece),
      ),
    );
    const part = { file, header, piecesPosition: pieces[0].length, size: fs.statSync(file).size };
    let back = '';
    readPartSections(part as unknown as OpenedPart, (_, piece) => (back += piece));
    assert.is(back, text, `${units} units a piece`);
  }
});

test('cli: part file: a header or a piece past its bound is refused naming the bound (bounds lowered)', async () => {
  const directory = fresh();
  assert.is(
    (await cli('report', REPORT, '--seeds', '4', '--shard', '1/1', '--out', directory)).code,
    0,
  );
  const file = path.join(directory, 'part-1-of-1.json');
  const headerBytes = fs.readFileSync(file, 'utf8').indexOf('\n');
  assert.match(
    refusal(() => readPartHeader(file, { headerBytes: headerBytes - 1, lineBytes: 1 << 20 })),
    `merge: ${file}: its first line is longer than ${headerBytes - 1} bytes, the most merge reads of a part's header`,
  );
  const opened = readPartHeader(file, { headerBytes, lineBytes: 1 << 20 });
  assert.match(
    refusal(() => readPartSections(opened, () => {}, { headerBytes, lineBytes: 10 })),
    /is longer than 10 bytes, the most merge reads of a piece\); rerun its shard$/,
  );
  // The writer refuses a header merge would refuse, before writing anything.
  const line = partHeaderLine(opened.header);
  assert.is(
    refusal(() => refuseLongHeader(line, { index: 1, count: 1 }, headerBytes - 1)),
    `--shard 1/1: the part's header would be ${headerBytes} bytes, past the ${headerBytes - 1} merge reads; split the seeds into more shards (a larger N in --shard I/N)`,
  );
  refuseLongHeader(line, { index: 1, count: 1 }, headerBytes);
  // A part of an older format (one JSON value on one line) past the bound is named by its version.
  const older = path.join(fresh(), 'part-1-of-1.json');
  fs.writeFileSync(
    older,
    `{"kind":"tekton-sim-partial","schemaVersion":2,"version":"0.0.9","stores":["${'A'.repeat(500)}"]}\n`,
  );
  assert.match(
    refusal(() => readPartHeader(older, { headerBytes: 100, lineBytes: 100 })),
    /has partial schemaVersion 2 \(written by tekton-sim 0\.0\.9\); this tekton-sim reads 3/,
  );
});

test('cli: attempts spool: rows filed under keys read back per key in the order written', () => {
  const spool = openAttemptsSpool();
  try {
    spool.write('a1\n', 0);
    spool.write('b1é\n', 1);
    spool.write('a2\n', 0);
    spool.write('', 2);
    spool.write('b2\n', 1);
    assert.is([...spool.pieces(0)].join(''), 'a1\na2\n');
    assert.is([...spool.pieces(1)].join(''), 'b1é\nb2\n');
    assert.is([...spool.pieces(2)].join(''), '');
    assert.is([...spool.pieces()].join(''), 'a1\nb1é\na2\nb2\n');
    assert.is(spool.byteLength(1), 8);
    assert.is(spool.byteLength(2), 0);
  } finally {
    spool.dispose();
  }
});

test.run();
