// Whether a CEL source compiles, as the webhook checks `when: [{cel: ...}]` (Tekton compiles
// with an empty environment, so variables must be quoted `$(...)` text).
import { CelError, compileCel } from '../../cel/index.js';

/** The compiler's complaint about `source`, or undefined when it compiles. */
export function celCompileError(source: string): string | undefined {
  try {
    compileCel(source);
    return undefined;
  } catch (error) {
    // Only the parser's own verdict on the input is a user error; anything else is our bug
    // and must surface as one.
    if (error instanceof CelError) return error.message;
    throw error;
  }
}
