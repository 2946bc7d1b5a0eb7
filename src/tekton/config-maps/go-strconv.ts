// Go's strconv and time parsers as Tekton's ConfigMap readers call them: what they accept,
// and the error text time.ParseDuration gives.
import { goQuoted } from '../../model/go-quote.js';
import { parseGoDuration } from '../duration.js';

const TRUE_WORDS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE_WORDS = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** strconv.ParseBool: undefined where it returns an error. */
export function parseGoBool(text: string): boolean | undefined {
  if (TRUE_WORDS.has(text)) return true;
  if (FALSE_WORDS.has(text)) return false;
  return undefined;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * strconv.ParseInt(text, 10, 64) (and Atoi on a 64-bit machine): `syntax` for anything but
 * an optional sign and decimal digits, `range` outside int64.
 */
export function parseGoInt(text: string): { value: bigint } | { error: 'syntax' | 'range' } {
  if (!/^[+-]?\d+$/.test(text)) return { error: 'syntax' };
  const value = BigInt(text);
  if (value < INT64_MIN || value > INT64_MAX) return { error: 'range' };
  return { value };
}

/** time.ParseDuration's error for text it refuses; undefined when it accepts the text. */
export function goDurationError(text: string): string | undefined {
  if (parseGoDuration(text) !== undefined) return undefined;
  const quoted = goQuoted(text);
  const rest = text.replace(/^[+-]/, '');
  if (rest === '') return `time: invalid duration ${quoted}`;
  let position = 0;
  while (position < rest.length) {
    const number = /^(\d*)(?:\.(\d*))?/.exec(rest.slice(position));
    const digits = number ? number[0] : '';
    if (digits.replace('.', '') === '') return `time: invalid duration ${quoted}`;
    position += digits.length;
    const unit = /^[^\d.]*/.exec(rest.slice(position))?.[0] ?? '';
    if (unit === '') return `time: missing unit in duration ${quoted}`;
    if (!['ns', 'us', '\u00b5s', '\u03bcs', 'ms', 's', 'm', 'h'].includes(unit))
      return `time: unknown unit ${goQuoted(unit)} in duration ${quoted}`;
    position += unit.length;
  }
  return `time: invalid duration ${quoted}`;
}
