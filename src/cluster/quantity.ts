// Kubernetes resource quantities ("500m", "16Gi", "1.5", "2e3") to integers: CPU in
// millicores, everything else in whole units (bytes for memory). The grammar and the rounding
// are apimachinery's (k8s.io/apimachinery/pkg/api/resource/quantity.go): a quantity is a signed
// decimal number followed by a binary-SI suffix (Ki..Ei), a decimal-SI suffix (m, k, M..E) or a
// decimal exponent (e3, E-2); MilliValue() and Value() round up, so "0.1m" of CPU is 1
// millicore. Exact arithmetic in BigInt: "0.1" + "0.2" style drift would move a pod across a
// node's edge.

export type QuantityUnit = 'milli' | 'whole';

export type QuantityResult = { value: number } | { error: string };

const BINARY_SUFFIXES: Record<string, bigint> = {
  Ki: 1n << 10n,
  Mi: 1n << 20n,
  Gi: 1n << 30n,
  Ti: 1n << 40n,
  Pi: 1n << 50n,
  Ei: 1n << 60n,
};

const DECIMAL_EXPONENTS: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

const QUANTITY = /^([+-]?)(\d+\.?\d*|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

/** How a quantity is written, for messages. */
export const QUANTITY_EXAMPLES = '500m, 1.5, 2, 512Mi, 16Gi or 1e3';

/**
 * `text` (a YAML string or number) as an integer in `unit`: millis for CPU, whole units
 * otherwise. Negative quantities are refused: no request or capacity can be below zero.
 */
export function parseQuantity(text: unknown, unit: QuantityUnit): QuantityResult {
  const written = typeof text === 'number' ? String(text) : text;
  if (typeof written !== 'string') {
    return { error: `must be a Kubernetes quantity such as ${QUANTITY_EXAMPLES}` };
  }
  const match = QUANTITY.exec(written.trim());
  if (!match) {
    return {
      error: `${JSON.stringify(written)} is not a Kubernetes quantity (write it like ${QUANTITY_EXAMPLES})`,
    };
  }
  const [, sign, number, suffix = ''] = match;
  if (sign === '-' && /[1-9]/.test(number)) {
    return { error: `${JSON.stringify(written)} is negative; a quantity here must be 0 or more` };
  }
  const [whole, fraction = ''] = number.split('.');
  let numerator = BigInt((whole || '0') + fraction);
  let denominator = 10n ** BigInt(fraction.length);
  if (suffix in BINARY_SUFFIXES) numerator *= BINARY_SUFFIXES[suffix];
  else {
    const exponent =
      suffix.startsWith('e') || suffix.startsWith('E')
        ? Number(suffix.slice(1))
        : DECIMAL_EXPONENTS[suffix];
    if (Math.abs(exponent) > 30) return { error: `${JSON.stringify(written)} is out of range` };
    if (exponent >= 0) numerator *= 10n ** BigInt(exponent);
    else denominator *= 10n ** BigInt(-exponent);
  }
  if (unit === 'milli') numerator *= 1000n;
  // Round up, as MilliValue() and Value() do.
  const rounded = (numerator + denominator - 1n) / denominator;
  if (rounded > BigInt(Number.MAX_SAFE_INTEGER)) {
    return { error: `${JSON.stringify(written)} is too large to simulate` };
  }
  return { value: Number(rounded) };
}

/** CPU is counted in millicores; every other resource in whole units. */
export function unitOf(resource: string): QuantityUnit {
  return resource === 'cpu' ? 'milli' : 'whole';
}

/** A resource amount as Kubernetes would print it: `1500m`, `2`, `16Gi`, `1000`. */
export function formatQuantity(resource: string, value: number): string {
  if (resource === 'cpu') return value % 1000 === 0 ? String(value / 1000) : `${value}m`;
  for (const [suffix, bytes] of SUFFIXES_LARGEST_FIRST) {
    if (value >= bytes && value % bytes === 0) return `${value / bytes}${suffix}`;
  }
  return String(value);
}

// Every quota refusal formats its quantities: the suffixes as numbers, largest first, once.
const SUFFIXES_LARGEST_FIRST: readonly (readonly [string, number])[] = Object.entries(
  BINARY_SUFFIXES,
)
  .reverse()
  .map(([suffix, size]) => [suffix, Number(size)] as const);
