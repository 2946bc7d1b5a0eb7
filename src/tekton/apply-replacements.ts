// Tekton's substitution.ApplyReplacements over a map of literal keys: each `$(key)` whose key
// is in the map becomes its value, in one pass (a value put in is never scanned again); a
// `$(` whose key is not in the map stays as written. Used where Tekton substitutes with maps it
// built beforehand (pipeline results, propagated task results) rather than resolving
// references one by one as substitute.ts does.
export function applyStringReplacements(
  text: string,
  strings: ReadonlyMap<string, string>,
): string {
  let out = '';
  let position = 0;
  while (position < text.length) {
    const start = text.indexOf('$(', position);
    if (start === -1) break;
    const end = text.indexOf(')', start + 2);
    if (end === -1) break;
    const replacement = strings.get(text.slice(start + 2, end));
    if (replacement === undefined) {
      out += text.slice(position, start + 1);
      position = start + 1;
      continue;
    }
    out += text.slice(position, start) + replacement;
    position = end + 1;
  }
  return out + text.slice(position);
}
