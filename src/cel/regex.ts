// `matches()` patterns are RE2, run by re2js: the same syntax and semantics as the Go regexp
// package cel-go calls, and matching in time linear in the input, so no pattern can make an
// expression hang (a backtracking engine takes exponential time on `^(a+)+$`). What RE2
// rejects (backreferences, lookaround, `\C`) is an error, with Go's own message.
import { re2Package } from './re2-package.js';
import { CelError } from './error.js';

/** A compiled pattern; `test` is an unanchored search, as CEL's `matches` is. */
export interface Re2Pattern {
  test(input: string): boolean;
}

/** Throws CelError (kind `runtime`, as cel-go reports it when evaluating) for a bad pattern. */
export function compileRe2(pattern: string): Re2Pattern {
  try {
    return re2Package().RE2JS.compile(pattern);
  } catch (error) {
    // re2js words its syntax errors as Go does: "error parsing regexp: <code>: `<text>`".
    if (error instanceof re2Package().RE2JSException) throw new CelError('runtime', error.message);
    throw error;
  }
}
