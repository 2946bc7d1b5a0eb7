// Whole numbers as a user types them on the command line. The CLI keeps such options as text
// (yargs' own number parsing turns `abc` into NaN and `1e20` into 100000000000000000000), so
// every message can echo exactly what was typed; library callers may pass numbers.

/** `raw` as a whole number: decimal digits only for text; undefined for anything else. */
export function parseWholeNumber(raw: number | string): number | undefined {
  if (typeof raw === 'number') return Number.isInteger(raw) ? raw : undefined;
  const text = raw.trim();
  return /^[0-9]+$/.test(text) ? Number(text) : undefined;
}
