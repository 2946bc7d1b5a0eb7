// What every part of the awk subset shares: its bounds, the errors that stop a program, and
// awk's values (a number, a string, input that may look numeric, or nothing yet).

/** Statements (and loop tests) a program may run in BEGIN, for one input line, or in END. */
export const AWK_STATEMENT_LIMIT = 10_000;
/** Longest string a program may build, in characters. */
export const MAX_STRING = 1 << 24;

export { NotSimulated } from './not-simulated.js';
/** An error awk itself reports (exit status 2). */
export class AwkError extends Error {}

// Values: a number, a string, a string from input that may look numeric, or uninitialised.
export type Value =
  | { t: 'n'; n: number }
  | { t: 's'; s: string }
  | { t: 'sn'; s: string }
  | { t: 'u' };

export const UNINIT: Value = { t: 'u' };
export const num = (n: number): Value => ({ t: 'n', n });
export const str = (s: string): Value => ({ t: 's', s });
export const strnum = (s: string): Value => ({ t: 'sn', s });

export const LOOKS_NUMERIC = /^[ \t\n]*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?[ \t\n]*$/;
export const NUMBER_PREFIX =
  /^[ \t\n\f\r\v]*([-+]?)(?:0[xX]([0-9a-fA-F]+)|((?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?))/;
export const MAX_INT = 2147483647;

/** strtod's reading of a string, as mawk converts one: hexadecimal accepted. */
export function stringToNumber(text: string): number {
  const match = NUMBER_PREFIX.exec(text);
  if (!match) return 0;
  const magnitude = match[2] !== undefined ? parseInt(match[2], 16) : Number(match[3]);
  return match[1] === '-' ? -magnitude : magnitude;
}

export function isNumeric(value: Value): boolean {
  return value.t === 'n' || value.t === 'u' || (value.t === 'sn' && LOOKS_NUMERIC.test(value.s));
}
