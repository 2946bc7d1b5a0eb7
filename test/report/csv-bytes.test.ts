// The runs CSV's records are written byte by byte (src/report/csv-bytes.ts): they must be the
// bytes csv-stringify writes for the same cells (a list of numbers as its values joined by
// `;`), whatever the strings and numbers, and however many buffers they take.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AWKWARD_NUMBERS, AWKWARD_STRINGS } from './csv-cells.js';
import { type CsvCell, CsvBytes } from '../../src/report/csv-bytes.js';
import { stringify } from '../../src/report/csv-package.js';

const STRINGS = AWKWARD_STRINGS;

const NUMBERS = AWKWARD_NUMBERS;

const byCsvStringify = (records: CsvCell[][]) =>
  stringify(
    records.map((cells) => cells.map((cell) => (Array.isArray(cell) ? cell.join(';') : cell))),
  );

test('CSV bytes: records are byte for byte what csv-stringify writes, past the first buffer', () => {
  const records: CsvCell[][] = [];
  for (let index = 0; index < 400; index++)
    records.push([
      STRINGS[index % STRINGS.length],
      NUMBERS[index % NUMBERS.length],
      NUMBERS.slice(0, index % 5),
      STRINGS[(index * 7) % STRINGS.length],
      index,
    ]);
  records.push([], ['']);
  const out = new CsvBytes(16);
  const taken: Buffer[] = [];
  records.forEach((cells, index) => {
    out.record(cells);
    if (index % 37 === 0) taken.push(out.take());
  });
  taken.push(out.take());
  assert.is(Buffer.concat(taken).toString('utf8'), byCsvStringify(records));
  assert.is(out.size, 0);
  assert.is(out.text(), '');
});

test.run();
