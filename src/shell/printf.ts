// The `printf` builtin's formatting: conversions, flags, width and precision, and the
// format reused while arguments remain, as POSIX printf does.
import { decodeAnsiEscapes } from './lex.js';

const CONVERSION = /%([-+ 0#]*)(\d+|\*)?(?:\.(\d*|\*))?([diouxXfFeEgGcsb%])/g;

/** printf's format: %s %b %c %d %i %u %o %x %X %f %e %g %% with flags, width, precision. */
export function formatPrintf(format: string, args: string[]): { text: string; status: number } {
  let text = '';
  let status = 0;
  let argIndex = 0;
  const nextArg = (): string | undefined => args[argIndex++];
  // The format is reused while arguments remain, as long as each pass consumes some.
  for (;;) {
    const before = argIndex;
    let last = 0;
    let stopped = false;
    for (const match of format.matchAll(CONVERSION)) {
      const start = match.index ?? 0;
      const literal = decodeFormatText(format.slice(last, start));
      text += literal.text;
      last = start + match[0].length;
      if (literal.stop) {
        stopped = true;
        break;
      }
      const [, flags, widthText, precisionText, conversion] = match;
      if (conversion === '%') {
        text += '%';
        continue;
      }
      const width = widthText === '*' ? Number(nextArg() ?? 0) : widthText ? Number(widthText) : 0;
      const precision =
        precisionText === undefined
          ? undefined
          : precisionText === '*'
            ? Number(nextArg() ?? 0)
            : Number(precisionText || 0);
      const converted = convert(conversion, flags, precision, nextArg());
      if (converted.bad) status = 1;
      text += pad(converted.text, width, flags, /[diouxXfFeEgG]/.test(conversion));
      if (converted.stop) {
        stopped = true;
        break;
      }
    }
    if (!stopped) {
      const literal = decodeFormatText(format.slice(last));
      text += literal.text;
      stopped = literal.stop;
    }
    if (stopped || argIndex >= args.length || argIndex === before) break;
  }
  return { text, status };
}

function decodeFormatText(text: string): { text: string; stop: boolean } {
  const cut = text.indexOf('\\c');
  if (cut >= 0) return { text: decodeAnsiEscapes(text.slice(0, cut)), stop: true };
  return { text: decodeAnsiEscapes(text), stop: false };
}

function convert(
  conversion: string,
  flags: string,
  precision: number | undefined,
  argument: string | undefined,
): { text: string; bad?: boolean; stop?: boolean } {
  const value = argument ?? '';
  switch (conversion) {
    case 's':
      return { text: precision === undefined ? value : value.slice(0, precision) };
    case 'b': {
      const cut = value.indexOf('\\c');
      if (cut >= 0) return { text: decodeAnsiEscapes(value.slice(0, cut)), stop: true };
      return { text: decodeAnsiEscapes(value) };
    }
    case 'c':
      return { text: value.slice(0, 1) };
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G': {
      const number = value === '' ? 0 : Number(value);
      const bad = Number.isNaN(number);
      const safe = bad ? 0 : number;
      const digits = precision ?? 6;
      let text =
        conversion === 'f' || conversion === 'F'
          ? safe.toFixed(digits)
          : conversion === 'e' || conversion === 'E'
            ? safe.toExponential(digits).replace(/e([+-])(\d)$/, 'e$10$2')
            : String(Number(safe.toPrecision(digits || 1)));
      if (conversion === 'E' || conversion === 'G') text = text.toUpperCase();
      return { text: signed(text, safe, flags), bad };
    }
    default: {
      const parsed = parseInteger(value);
      const number = parsed ?? 0;
      let text: string;
      if (conversion === 'o') text = (number >>> 0).toString(8);
      else if (conversion === 'x') text = (number >>> 0).toString(16);
      else if (conversion === 'X') text = (number >>> 0).toString(16).toUpperCase();
      else if (conversion === 'u') text = String(number < 0 ? number >>> 0 : number);
      else text = String(Math.abs(number));
      if (precision !== undefined) text = text.padStart(precision, '0');
      if (conversion === 'd' || conversion === 'i')
        text = signed(number < 0 ? '-' + text : text, number, flags);
      return { text, bad: parsed === undefined && value !== '' };
    }
  }
}

/** printf's integer arguments: decimal, 0x hex, 0 octal, or 'c for a character code. */
function parseInteger(value: string): number | undefined {
  if (value === '') return 0;
  if (/^['"]/.test(value)) return value.charCodeAt(1) || 0;
  const trimmed = value.trim();
  if (/^[+-]?\d+$/.test(trimmed))
    return /^[+-]?0\d/.test(trimmed) ? parseInt(trimmed, 8) : Number(trimmed);
  if (/^[+-]?0[xX][0-9a-fA-F]+$/.test(trimmed)) return parseInt(trimmed, 16);
  return undefined;
}

function signed(text: string, number: number, flags: string): string {
  if (number < 0 || text.startsWith('-')) return text;
  if (flags.includes('+')) return '+' + text;
  if (flags.includes(' ')) return ' ' + text;
  return text;
}

function pad(text: string, width: number, flags: string, numeric: boolean): string {
  if (text.length >= width) return text;
  if (flags.includes('-')) return text.padEnd(width);
  if (numeric && flags.includes('0')) {
    const sign = /^[+\- ]/.test(text) ? text[0] : '';
    return sign + text.slice(sign.length).padStart(width - sign.length, '0');
  }
  return text.padStart(width);
}
