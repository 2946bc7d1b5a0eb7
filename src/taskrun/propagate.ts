// Writing propagated results into a step's text, as Tekton's TaskSpec ApplyReplacements does
// with the maps PropagateResults builds: `$(key)` → value in one pass (substitution
// ApplyReplacements), and an argument that is exactly `$(key)` or `$(key[*])` of an array
// becomes that array's elements (ApplyArrayReplacements). Nothing else is touched: an index
// `[i]` into a propagated array is not a key and stays as written.
import type { PropagatedResults } from '../model/taskrun.js';
import { applyStringReplacements } from '../tekton/apply-replacements.js';

export function propagateStrings(text: string, propagated: PropagatedResults): string {
  if (!text.includes('$(tasks.')) return text;
  return applyStringReplacements(text, propagated.strings);
}

export function propagateArgs(
  args: readonly string[],
  propagated: PropagatedResults | undefined,
): string[] {
  if (!propagated) return [...args];
  return args.flatMap((arg) => {
    if (typeof arg !== 'string') return [arg];
    for (const [key, values] of propagated.arrays) {
      if (arg === `$(${key})` || arg === `$(${key}[*])`) return [...values];
    }
    return [propagateStrings(arg, propagated)];
  });
}
