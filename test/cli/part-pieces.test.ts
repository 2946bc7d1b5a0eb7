// merge reads a part's lines with a reused block (line-reader.ts) and decodes a column's piece
// straight from its bytes (decodeBase64Piece): both must give what reading the whole file and
// JSON.parse then Buffer.from gave, whatever the block size and however a line was edited.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LineReader } from '../../src/cli/line-reader.js';
import { decodeBase64Piece, textWindows } from '../../src/cli/part-file.js';

test('line reader: any block size gives the lines of the whole file', () => {
  const text = ['{"header":1}', '', 'x'.repeat(40), 'ab', 'é€😀', 'y'.repeat(9), 'last'].join('\n');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'line-reader-')), 'lines');
  for (const ending of ['', '\n']) {
    fs.writeFileSync(file, text + ending);
    const whole = fs.readFileSync(file);
    const expected: [string, number, boolean][] = [];
    let position = 0;
    for (const line of (text + ending).split('\n')) {
      const bytes = Buffer.byteLength(line);
      const terminated = position + bytes < whole.length;
      if (bytes > 0 || terminated) expected.push([line, position, terminated]);
      position += bytes + 1;
    }
    const descriptor = fs.openSync(file, 'r');
    try {
      for (const blockBytes of [1, 2, 3, 5, 16, 64, 1 << 16]) {
        const reader = new LineReader(descriptor, 0, 1 << 10, blockBytes);
        const lines: [string, number, boolean][] = [];
        for (let line = reader.next(); line !== undefined; line = reader.next())
          lines.push([line.bytes.toString('utf8'), line.position, line.terminated]);
        assert.equal(lines, expected, `block of ${blockBytes}`);
        // A line past the bound is refused with its first bytes, whatever the block.
        const bounded = new LineReader(descriptor, 0, 20, blockBytes);
        bounded.next();
        bounded.next();
        assert.throws(
          () => bounded.next(),
          (error: { start: Buffer; position: number }) =>
            error.position === 14 && error.start.equals(Buffer.from('x'.repeat(20))),
        );
      }
    } finally {
      fs.closeSync(descriptor);
    }
  }
});

/** What merge did with every piece: the JSON string's base64, or undefined when refused. */
function byJson(line: string, room: number): Buffer | undefined {
  let piece: unknown;
  try {
    piece = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof piece !== 'string' || piece.length % 4 !== 0) return undefined;
  const padding = piece.endsWith('==') ? 2 : piece.endsWith('=') ? 1 : 0;
  const bytes = Buffer.from(piece, 'base64');
  if (bytes.length !== (piece.length / 4) * 3 - padding || bytes.length > room) return undefined;
  return bytes;
}

test('column pieces: decoded from the bytes only as JSON and base64 would, else left to JSON', () => {
  const long = Buffer.from(Array.from({ length: 150_000 }, (_, index) => (index * 7) % 256));
  const lines = [
    '""',
    `"${long.toString('base64')}"`,
    `"${long.subarray(0, 100_001).toString('base64')}"`,
    `"${long.subarray(0, 100_002).toString('base64')}"`,
    '"AAAA"',
    '"AA=="',
    '"AAA="',
    '"A==="',
    '"AB=C"',
    '"AA==AAAA"',
    '"AAAA====="',
    '"-_-_"',
    '"AA\\/A"',
    '"\\u0041AAA"',
    '"AA\\nA"',
    '"AA\tA"',
    '"AA A"',
    '"AAé"',
    '"AAA"',
    '"AAAA',
    'AAAA"',
    '"',
    '',
    '"AAAA"]',
    '["AAAA"]',
    `"${long.subarray(0, 99_999).toString('base64').replace('A', '*')}"`,
  ];
  for (const line of lines)
    for (const room of [0, 3, 5, 1 << 20]) {
      const target = Buffer.alloc(room + 8, 0xee);
      const decoded = decodeBase64Piece(Buffer.from(line, 'utf8'), target, 4, room);
      const expected = byJson(line, room);
      if (decoded < 0) continue;
      assert.ok(expected, `${line.slice(0, 20)}: decoded where JSON and base64 refuse`);
      assert.is(decoded, expected?.length);
      assert.ok(target.subarray(4, 4 + decoded).equals(expected as Buffer), line.slice(0, 20));
      if (line.length > 100 && room > 100) assert.ok(decoded > 0, 'a column piece is decoded');
    }
  const target = Buffer.alloc(long.length);
  assert.is(
    decodeBase64Piece(Buffer.from(`"${long.toString('base64')}"`), target, 0, long.length),
    long.length,
  );
  assert.ok(target.equals(long));
});

test('text pieces: read a window at a time, they are what JSON.parse gives the line, or left whole', () => {
  const rows = [
    'scenario,1,0,build,run-build,0,false,0,0,9523,9523,True,Succeeded\n',
    'a "quoted", \\ back\tslash\r\n',
    'ünïcödé 😀 \ud83d lone \udc00\n',
    '\u0000\u001f/\b\f',
  ];
  const texts: string[] = [];
  for (let index = 0; index < 60; index++) texts.push(rows.slice(0, 1 + (index % 4)).join(''));
  const whole = texts.join('');
  // As JSON.stringify writes it: ASCII but for the one row that is not.
  const ascii = JSON.stringify(whole).replace(
    /[^\x00-\x7f]/g,
    (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  const line = Buffer.from(ascii, 'latin1');
  for (const window of [80, 100, 128, 200, 333, 1000]) {
    const pieces = textWindows(line, window);
    assert.ok(pieces && pieces.length > 1, `window of ${window}`);
    assert.is(pieces?.join(''), whole, `window of ${window}`);
    assert.is(
      pieces?.reduce((sum, piece) => sum + Buffer.byteLength(piece), 0),
      Buffer.byteLength(whole),
    );
  }
  // A window with nowhere to end (here, within a run of \u escapes) leaves the line whole.
  assert.is(textWindows(line, 8), undefined);
  // Not ASCII, not one JSON string, or an escape left unfinished: read whole, as before.
  assert.is(textWindows(Buffer.from(JSON.stringify(whole)), 8), undefined);
  const broken = [
    String.raw`"abc\qdef ghi jkl"`,
    '"abc"def ghi jkl mno"',
    String.raw`"abc\tdef\u12"`,
    `"${'a'.repeat(20)}\t"`,
    '"unterminated text here',
  ];
  for (const text of broken) assert.is(textWindows(Buffer.from(text), 4), undefined, text);
});

test.run();
