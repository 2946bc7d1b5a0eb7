// Reading duration fields. Tekton decodes them with Go's time.ParseDuration, so text that Go
// rejects never reaches its webhook (the API server refuses the object); we say so clearly.
import { parseGoDuration } from '../duration.js';
import type { FieldPath, Reporter } from './report.js';

/**
 * The duration at `path` in milliseconds; undefined when the field is absent, or when it is
 * not a Go duration (then an error is reported).
 */
export function readDuration(
  value: unknown,
  path: FieldPath,
  reporter: Reporter,
): number | undefined {
  if (value === undefined || value === null) return undefined;
  const milliseconds = typeof value === 'string' ? parseGoDuration(value) : undefined;
  if (milliseconds === undefined) {
    reporter.error(
      `invalid duration ${JSON.stringify(value)}: expected a Go duration string such as "1h30m", "45s" or "0"`,
      path,
    );
  }
  return milliseconds;
}
