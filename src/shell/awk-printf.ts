// awk's printf and sprintf over a program's values: each conversion takes the next value (too
// few values is awk's error), numbers formatted as mawk formats them (awk-format.ts).
import { formatFloat, padField } from './awk-format.js';
import { AwkError, MAX_INT, MAX_STRING, NotSimulated, type Value } from './awk-values.js';

/** The conversions of the running program that printf reads its values with. */
export interface ValueConverter {
  toNumber(value: Value): number;
  string(value: Value): string;
}

/** mawk's conversion of a double to an int: truncated, saturating at 32 bits. */
export function toInt(n: number): number {
  if (Number.isNaN(n)) return 0;
  if (n >= MAX_INT) return MAX_INT;
  if (n <= -MAX_INT) return -MAX_INT;
  return Math.trunc(n);
}

/** awk's printf: each conversion takes the next value; too few values is an error. */
export function awkSprintf(format: string, args: Value[], convert: ValueConverter): string {
  let argIndex = 0;
  const next = (): Value => {
    if (argIndex >= args.length) throw new AwkError('not enough arguments passed to printf');
    return args[argIndex++];
  };
  let out = '';
  let index = 0;
  while (index < format.length) {
    const percent = format.indexOf('%', index);
    if (percent < 0) {
      out += format.slice(index);
      break;
    }
    out += format.slice(index, percent);
    const match = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([cdieEfFgGosuxX%])/.exec(
      format.slice(percent),
    );
    if (!match) throw new NotSimulated(`printf format ${format.slice(percent, percent + 4)}`);
    index = percent + match[0].length;
    let [, flags] = match;
    const [, , widthText, precisionText, conversion] = match;
    if (conversion === '%') {
      out += '%';
      continue;
    }
    let width = widthText === '*' ? toInt(convert.toNumber(next())) : Number(widthText ?? 0);
    if (width < 0) {
      flags += '-';
      width = -width;
    }
    let precision: number | undefined =
      precisionText === undefined
        ? undefined
        : precisionText === '*'
          ? toInt(convert.toNumber(next()))
          : Number(precisionText || 0);
    if (precision !== undefined && precision < 0) precision = undefined;
    if (width > 100_000 || (precision ?? 0) > 100_000) throw new NotSimulated('a printf width');
    const value = next();
    let text: string;
    let numeric = true;
    switch (conversion) {
      case 's': {
        numeric = false;
        const whole = convert.string(value);
        text = precision === undefined ? whole : whole.slice(0, precision);
        break;
      }
      case 'c': {
        numeric = false;
        text =
          value.t === 'n'
            ? String.fromCharCode(toInt(value.n) & 255)
            : convert.string(value).slice(0, 1);
        break;
      }
      case 'd':
      case 'i': {
        const n = toInt(convert.toNumber(value));
        let digits = String(Math.abs(n));
        if (precision !== undefined)
          digits = precision === 0 && n === 0 ? '' : digits.padStart(precision, '0');
        text = (n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + digits;
        if (precision !== undefined) flags = flags.replace(/0/g, '');
        break;
      }
      case 'o':
      case 'u':
      case 'x':
      case 'X': {
        const raw = convert.toNumber(value);
        const n =
          Number.isNaN(raw) || raw <= 0 ? 0 : raw >= 4294967295 ? 4294967295 : Math.trunc(raw);
        let digits = conversion === 'u' ? String(n) : n.toString(conversion === 'o' ? 8 : 16);
        if (conversion === 'X') digits = digits.toUpperCase();
        if (precision !== undefined)
          digits = precision === 0 && n === 0 ? '' : digits.padStart(precision, '0');
        if (flags.includes('#') && n !== 0) {
          if (conversion === 'o' && !digits.startsWith('0')) digits = '0' + digits;
          if (conversion === 'x') digits = '0x' + digits;
          if (conversion === 'X') digits = '0X' + digits;
        }
        text = digits;
        if (precision !== undefined) flags = flags.replace(/0/g, '');
        break;
      }
      default:
        text = formatFloat(convert.toNumber(value), conversion, precision ?? 6, flags);
    }
    out += padField(text, width, flags, numeric);
    if (out.length > MAX_STRING) throw new NotSimulated('a string too long');
  }
  return out;
}
