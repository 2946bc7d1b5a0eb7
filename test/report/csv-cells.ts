// Cells that CSV writers get wrong: separators, quotes, line breaks, padding, a leading `=`
// or `-`, the empty string, non-ASCII; numbers of every kind JavaScript prints differently
// (-0, fractions, past 2^31 and 2^53, exponents, NaN, Infinity). The byte writers of the
// reports (src/report/csv-bytes.ts, attempts-csv.ts) are held to csv-stringify over them.

export const AWKWARD_STRINGS: readonly string[] = [
  'build',
  'a,b',
  'say "hi"',
  'two\nlines',
  'carriage\rreturn',
  ' padded ',
  '=formula',
  '-dash',
  '',
  'ünïcödé, "quoted"',
  'x;y',
];

export const AWKWARD_NUMBERS: readonly number[] = [
  0,
  -0,
  7,
  -12,
  0.5,
  -0.25,
  0.1 + 0.2,
  2 ** 31,
  2 ** 53 - 1,
  2 ** 53 + 2,
  1e21,
  -1e-7,
  Number.NaN,
  Number.POSITIVE_INFINITY,
];
