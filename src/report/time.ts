// Time as the reports print it. Virtual time is integer milliseconds since the run's epoch;
// Kubernetes objects carry wall-clock RFC 3339 stamps, and tables carry short offsets and
// durations that a person can read at a glance.

const MILLISECONDS_PER_SECOND = 1_000;
const MILLISECONDS_PER_MINUTE = 60_000;
const MILLISECONDS_PER_HOUR = 3_600_000;

/** The first instant RFC 3339 can write, 0000-01-01T00:00:00Z, in epoch milliseconds. */
export const FIRST_RFC3339_EPOCH_MS = new Date(0).setUTCFullYear(0, 0, 1);

/** The last instant RFC 3339 can write, 9999-12-31T23:59:59.999Z, in epoch milliseconds. */
export const LAST_RFC3339_EPOCH_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** An instant outside years 0000..9999, which RFC 3339 (and metav1.Time) cannot write. */
export class TimeOutOfRangeError extends RangeError {
  constructor(readonly timeEpochMs: number) {
    super(`time ${timeEpochMs}ms since the Unix epoch has no RFC 3339 form`);
    this.name = 'TimeOutOfRangeError';
  }
}

/**
 * Formats an instant as Kubernetes' metav1.Time marshals it: RFC 3339 in UTC with whole
 * seconds (`2000-01-01T00:00:10Z`). Go's formatter drops the fraction rather than rounding
 * it, so 10.999s prints as 10s; flooring matches that for instants before 1970 as well.
 */
export function formatRfc3339Seconds(timeEpochMs: number): string {
  const wholeSecondsMs =
    Math.floor(timeEpochMs / MILLISECONDS_PER_SECOND) * MILLISECONDS_PER_SECOND;
  const date = new Date(wholeSecondsMs);
  const year = date.getUTCFullYear();
  // metav1.Time refuses to marshal years outside four digits; so do we, loudly.
  if (Number.isNaN(year) || year < 0 || year > 9999) {
    throw new TimeOutOfRangeError(timeEpochMs);
  }
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Formats a duration compactly for tables: `0s`, `500ms`, `10s`, `1.5s`, `1m5s`, `1h`,
 * `2h30s`. Zero components are left out (Go would write `1h0m0s` and `2h0m30s`) because a
 * column of durations reads faster without them. Sub-millisecond fractions are rounded.
 */
export function formatCompactDuration(durationMs: number): string {
  let remainingMs = Math.round(Math.abs(durationMs));
  if (remainingMs === 0) return '0s';
  const sign = durationMs < 0 ? '-' : '';
  if (remainingMs < MILLISECONDS_PER_SECOND) return `${sign}${remainingMs}ms`;
  const hours = Math.floor(remainingMs / MILLISECONDS_PER_HOUR);
  remainingMs -= hours * MILLISECONDS_PER_HOUR;
  const minutes = Math.floor(remainingMs / MILLISECONDS_PER_MINUTE);
  remainingMs -= minutes * MILLISECONDS_PER_MINUTE;
  let text = sign;
  if (hours > 0) text += `${hours}h`;
  if (minutes > 0) text += `${minutes}m`;
  if (remainingMs > 0) text += `${formatSeconds(remainingMs)}s`;
  return text;
}

/** Formats a signed offset from a reference instant: `+0s`, `+10s`, `+1m30s`, `-500ms`. */
export function formatOffset(offsetMs: number): string {
  const magnitude = formatCompactDuration(Math.abs(offsetMs));
  return (offsetMs < 0 && magnitude !== '0s' ? '-' : '+') + magnitude;
}

/** Milliseconds below one minute as seconds with up to three decimals and no trailing zeros. */
function formatSeconds(milliseconds: number): string {
  const wholeSeconds = Math.floor(milliseconds / MILLISECONDS_PER_SECOND);
  const fractionMs = milliseconds - wholeSeconds * MILLISECONDS_PER_SECOND;
  if (fractionMs === 0) return String(wholeSeconds);
  return `${wholeSeconds}.${String(fractionMs).padStart(3, '0').replace(/0+$/, '')}`;
}
