// Go's time.Duration text format, both ways. Tekton prints timeouts with Go's formatting in
// its messages (`failed to finish within "1h0m0s"`), so we must produce the same bytes.
// Durations are carried as milliseconds (fractions allowed) to match virtual time.

const NANOSECONDS_PER_UNIT: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3, // U+00B5 micro sign
  μs: 1e3, // U+03BC Greek small letter mu
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

const NANOSECONDS_PER_MILLISECOND = 1e6;

/**
 * Parses a Go duration string (`1h30m`, `1.5s`, `500ms`, `-2m`, `0`) into milliseconds.
 * Returns undefined when Go's time.ParseDuration would reject the text.
 */
export function parseGoDuration(text: string): number | undefined {
  if (typeof text !== 'string') return undefined;
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest[0] === '-' ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return undefined;
  let totalNanoseconds = 0;
  // The micro signs escaped (U+00B5, U+03BC): a regular expression is the one place esbuild
  // keeps a non-ASCII character, and one makes Node read the whole script as UTF-16.
  const component = /^(\d*)(?:\.(\d*))?(ns|us|\u00b5s|\u03bcs|ms|s|m|h)/;
  while (rest.length > 0) {
    const match = component.exec(rest);
    if (!match) return undefined;
    const [whole, integerDigits, fractionDigits = ''] = match;
    // Go rejects a component with no digits at all (".s") but accepts "1." and ".5".
    if (integerDigits === '' && fractionDigits === '') return undefined;
    const unitNanoseconds = NANOSECONDS_PER_UNIT[match[3]];
    const integerPart = integerDigits === '' ? 0 : Number(integerDigits);
    const fractionPart = fractionDigits === '' ? 0 : Number('0.' + fractionDigits);
    totalNanoseconds += integerPart * unitNanoseconds + Math.floor(fractionPart * unitNanoseconds);
    rest = rest.slice(whole.length);
  }
  // Go's Duration is an int64 of nanoseconds: about 292 years.
  if (totalNanoseconds > 9.223372036854776e18) return undefined;
  return (sign * totalNanoseconds) / NANOSECONDS_PER_MILLISECOND;
}

/** Formats milliseconds as Go's Duration.String() would: `1h0m0s`, `30m0s`, `1.5s`, `500ms`, `0s`. */
export function formatGoDuration(milliseconds: number): string {
  let nanoseconds = Math.round(milliseconds * NANOSECONDS_PER_MILLISECOND);
  if (nanoseconds === 0) return '0s';
  const sign = nanoseconds < 0 ? '-' : '';
  nanoseconds = Math.abs(nanoseconds);
  if (nanoseconds < 1e9) {
    // Below one second Go picks the largest unit that keeps a non-zero integer part.
    if (nanoseconds < 1e3) return `${sign}${nanoseconds}ns`;
    if (nanoseconds < 1e6) return `${sign}${fixedFraction(nanoseconds, 1e3)}µs`;
    return `${sign}${fixedFraction(nanoseconds, 1e6)}ms`;
  }
  const hours = Math.floor(nanoseconds / 3600e9);
  nanoseconds -= hours * 3600e9;
  const minutes = Math.floor(nanoseconds / 60e9);
  nanoseconds -= minutes * 60e9;
  const seconds = fixedFraction(nanoseconds, 1e9);
  if (hours > 0) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}

/** value/unit printed with up to 9 fraction digits and no trailing zeros, as Go's fmtFrac does. */
function fixedFraction(value: number, unit: number): string {
  const integerPart = Math.floor(value / unit);
  const remainder = Math.round(value - integerPart * unit);
  if (remainder === 0) return String(integerPart);
  const digits = String(unit).length - 1;
  const fraction = String(remainder).padStart(digits, '0').replace(/0+$/, '');
  return `${integerPart}.${fraction}`;
}
