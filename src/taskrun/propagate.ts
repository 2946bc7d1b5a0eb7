// Writing propagated results into a step's text, as Tekton's TaskSpec ApplyReplacements does
// with the maps PropagateResults builds: `$(key)` → value in one pass (substitution
// ApplyReplacements), and an argument that is exactly `$(key)` or `$(key[*])` of an array
// becomes that array's elements (ApplyArrayReplacements). Nothing else is touched: an index
// `[i]` into a propagated array is not a key and stays as written.
import type { PropagatedResults } from '../model/taskrun.js';

export function propagateStrings(text: string, propagated: PropagatedResults): string {
  if (!text.includes('$(tasks.')) return text;
  let out = '';
  let position = 0;
  while (position < text.length) {
    const start = text.indexOf('$(', position);
    if (start === -1) break;
    const end = text.indexOf(')', start + 2);
    if (end === -1) break;
    const value = propagated.strings.get(text.slice(start + 2, end));
    if (value === undefined) {
      out += text.slice(position, start + 1);
      position = start + 1;
      continue;
    }
    out += text.slice(position, start) + value;
    position = end + 1;
  }
  return out + text.slice(position);
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
