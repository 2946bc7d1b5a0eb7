// A subset of CEL (the Common Expression Language) as Tekton uses it in `when: [{cel: ...}]`:
// Tekton substitutes `$(...)` textually, then compiles and evaluates the text in an empty CEL
// environment, so real pipelines write literals only, e.g. `'$(params.branch)' == 'main'`.
//
// Supported: string literals ('..', "..", '''..''', r'..', with escapes), ints (64-bit, decimal
// and hex), doubles, true/false/null, lists [..], maps {k: v}, == != < <= > >= && || ! unary -,
// + - * / %, `in` (list membership, map key), ?:, indexing x[i] and m.key, size(x)/x.size(),
// startsWith, endsWith, contains, matches (RE2, see regex.ts), and
// the conversions int(), double(), string(), bool(), dyn(). As in cel-go, the expression is
// type-checked at compile time (`'a' == 1` is an error), `&&`/`||` absorb an error on one side
// when the other side decides, and there are no implicit conversions.
//
// Outside the subset (macros, has(), timestamps, durations, bytes, uint, type(), messages) is a
// compile-time CelError naming the construct. Identifiers are an `undeclared reference` error,
// exactly as in Tekton, whose CEL environment declares no variables.
import { checkCel, formatCelType } from './check.js';
import { Evaluator } from './evaluate.js';
import { parseCel } from './parser.js';
import type { CelValue } from './value.js';

export interface CelProgram {
  source: string;
  /** The checked result type, as cel-go prints it: `bool`, `int`, `list(string)`, `dyn`... */
  readonly type: string;
  /**
   * The value: int as bigint, double as number, list as array, map as Map. Throws CelError
   * (kind `runtime`) for CEL's run-time errors.
   */
  evaluate(): CelValue;
}

/** Parses and type-checks; throws CelError (kind syntax, unsupported or type) with the column. */
export function compileCel(source: string): CelProgram {
  const root = parseCel(source);
  const type = formatCelType(checkCel(root, source));
  const evaluator = new Evaluator();
  return { source, type, evaluate: () => evaluator.evaluate(root) };
}
