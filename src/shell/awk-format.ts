// Number formatting for awk: printf's conversions and the "%.6g" of OFMT and CONVFMT, as C's
// printf writes them. Numbers are rounded from their exact binary value, ties to even, as
// glibc does (JavaScript's toFixed rounds ties away from zero: 2.5 -> "3" where C prints "2").

/** The exact decimal expansion of a finite, non-negative double: digits and the power of ten of the first. */
function exactDigits(value: number): { digits: string; exponent: number } {
  if (value === 0) return { digits: '0', exponent: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const biased = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  let power: number;
  if (biased === 0) power = -1074;
  else {
    mantissa |= 1n << 52n;
    power = biased - 1075;
  }
  // value = mantissa * 2^power
  let digits: string;
  let scale: number; // value = digits * 10^scale
  if (power >= 0) {
    digits = (mantissa << BigInt(power)).toString();
    scale = 0;
  } else {
    digits = (mantissa * 5n ** BigInt(-power)).toString();
    scale = power;
  }
  return { digits, exponent: digits.length - 1 + scale };
}

/**
 * Rounds an exact expansion to `count` digits (count >= 1), half to even; the exponent grows
 * when the rounding carries (9.99 -> 10.0).
 */
function roundDigits(
  exact: { digits: string; exponent: number },
  count: number,
): { digits: string; exponent: number } {
  const { digits } = exact;
  let exponent = exact.exponent;
  if (digits.length <= count) return { digits: digits.padEnd(count, '0'), exponent };
  let kept = digits.slice(0, count);
  const rest = digits.slice(count);
  const first = rest[0];
  const beyondHalf = /[1-9]/.test(rest.slice(1));
  const lastKept = Number(kept[count - 1]);
  const up = first > '5' || (first === '5' && (beyondHalf || lastKept % 2 === 1));
  if (up) {
    const increased = (BigInt(kept) + 1n).toString();
    if (increased.length > count) {
      exponent++;
      kept = increased.slice(0, count);
    } else kept = increased.padStart(count, '0');
  }
  return { digits: kept, exponent };
}

/** `%.{precision}f` of a finite, non-negative number. */
function fixed(value: number, precision: number): string {
  const exact = exactDigits(value);
  // Digits to keep: those before the point and `precision` after it.
  const count = exact.exponent + 1 + precision;
  let digits: string;
  let exponent = exact.exponent;
  if (count < 0) {
    digits = '';
  } else if (count === 0) {
    // Only the rounding of the whole expansion decides: above half gives one unit.
    const half =
      exact.digits[0] > '5' || (exact.digits[0] === '5' && /[1-9]/.test(exact.digits.slice(1)));
    digits = half ? '1' : '';
    exponent = half ? exact.exponent + 1 : exponent;
  } else {
    const rounded = roundDigits(exact, count);
    digits = rounded.digits;
    if (rounded.exponent !== exact.exponent) {
      exponent = rounded.exponent;
      digits = '1' + '0'.repeat(count);
    }
  }
  // Place the point: the number is 0.digits... scaled so the first digit has `exponent`.
  const integerLength = exponent + 1;
  let whole: string;
  let fraction: string;
  const all = digits;
  if (all === '') {
    whole = '0';
    fraction = '0'.repeat(precision);
  } else if (integerLength <= 0) {
    whole = '0';
    fraction = ('0'.repeat(-integerLength) + all).padEnd(precision, '0').slice(0, precision);
  } else {
    whole = all.slice(0, integerLength).padEnd(integerLength, '0');
    fraction = all.slice(integerLength).padEnd(precision, '0').slice(0, precision);
  }
  whole = whole.replace(/^0+(?=\d)/, '');
  return precision > 0 ? `${whole}.${fraction}` : whole;
}

/** `%.{precision}e` of a finite, non-negative number, as digits and exponent. */
function scientificParts(value: number, precision: number): { mantissa: string; exponent: number } {
  if (value === 0) {
    return { mantissa: precision > 0 ? `0.${'0'.repeat(precision)}` : '0', exponent: 0 };
  }
  const rounded = roundDigits(exactDigits(value), precision + 1);
  let digits = rounded.digits;
  if (digits.length < precision + 1) digits = '1'.padEnd(precision + 1, '0');
  const mantissa = precision > 0 ? `${digits[0]}.${digits.slice(1)}` : digits[0];
  return { mantissa, exponent: rounded.exponent };
}

function exponentText(exponent: number): string {
  const sign = exponent < 0 ? '-' : '+';
  return `e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/**
 * A number in one of C's floating conversions (f e g, upper case E G F), without width:
 * the sign (or the `+`/space flag) in front, `#` keeping the point and %g's zeros.
 */
export function formatFloat(
  value: number,
  conversion: string,
  precision: number,
  flags: string,
): string {
  const upper = conversion === conversion.toUpperCase();
  const negative = value < 0 || Object.is(value, -0);
  const sign = negative ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
  const magnitude = Math.abs(value);
  let body: string;
  if (Number.isNaN(value)) body = 'nan';
  else if (!Number.isFinite(value)) body = 'inf';
  else {
    const kind = conversion.toLowerCase();
    if (kind === 'f') {
      body = fixed(magnitude, precision);
      if (flags.includes('#') && precision === 0) body += '.';
    } else if (kind === 'e') {
      const parts = scientificParts(magnitude, precision);
      body =
        parts.mantissa +
        (flags.includes('#') && precision === 0 ? '.' : '') +
        exponentText(parts.exponent);
    } else {
      const significant = precision === 0 ? 1 : precision;
      const { exponent } = scientificParts(magnitude, significant - 1);
      const useFixed = exponent < significant && exponent >= -4;
      if (useFixed) body = fixed(magnitude, significant - 1 - exponent);
      else {
        const parts = scientificParts(magnitude, significant - 1);
        body = parts.mantissa;
      }
      if (!flags.includes('#') && body.includes('.')) body = body.replace(/\.?0+$/, '');
      if (!useFixed) body += exponentText(exponent);
    }
  }
  if (Number.isNaN(value)) return upper ? body.toUpperCase() : body;
  return sign + (upper ? body.toUpperCase() : body);
}

/** Pads to `width`: left-justified with `-`, zeros after the sign with `0` (numbers only). */
export function padField(text: string, width: number, flags: string, zeroAllowed: boolean): string {
  if (text.length >= width) return text;
  if (flags.includes('-')) return text.padEnd(width);
  if (zeroAllowed && flags.includes('0') && /\d/.test(text)) {
    const sign = /^[+\- ]/.test(text) ? text[0] : '';
    const prefix = /^[+\- ]?0[xX]/.test(text) ? sign.length + 2 : sign.length;
    return text.slice(0, prefix) + text.slice(prefix).padStart(width - prefix, '0');
  }
  return text.padStart(width);
}
