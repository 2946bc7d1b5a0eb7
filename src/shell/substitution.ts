// The matches that sed's `s` and awk's sub/gsub replace, found as both tools find them: left
// to right, an empty match moving on by one character, and an empty match right where the
// previous non-empty one ended not counting (`echo abc | sed 's/b*/-/g'` gives `-a-c-`).
import type { RE2JS } from 're2js';

type Matcher = ReturnType<RE2JS['matcher']>;

export interface Substituted {
  text: string;
  /** How many matches were replaced. */
  replaced: number;
}

/**
 * `text` with its matches of `regex` replaced by what `replacement` makes of each: from the
 * `nth` match (1: the first), every one after it too when `global`. `limitChars` stops a
 * result growing past it (`onTooLong` throws).
 */
export function substituteMatches(
  regex: RE2JS,
  text: string,
  options: { nth: number; global: boolean; limitChars?: number; onTooLong?: () => never },
  replacement: (matcher: Matcher, start: number, end: number) => string,
): Substituted {
  const matcher = regex.matcher(text);
  let result = '';
  let from = 0;
  let count = 0;
  let replaced = 0;
  let position = 0;
  let lastEnd = -1;
  while (position <= text.length && matcher.find(position)) {
    const start = matcher.start();
    const end = matcher.end();
    position = end === start ? end + 1 : end;
    if (end === start && start === lastEnd) continue;
    if (end > start) lastEnd = end;
    count++;
    if (count < options.nth) continue;
    result += text.slice(from, start) + replacement(matcher, start, end);
    if (options.limitChars !== undefined && result.length > options.limitChars)
      options.onTooLong?.();
    from = end;
    replaced++;
    if (!options.global) break;
  }
  return { text: replaced > 0 ? result + text.slice(from) : text, replaced };
}
