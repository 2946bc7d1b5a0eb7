// Go's `%q` of a string, as Tekton's messages print the value they complain about: a
// double-quoted literal with Go's escapes. Users compare these messages byte for byte, and a
// param value holding a script spans lines, so `\n` must come out as Go writes it.

const SHORT_ESCAPES: Record<string, string> = {
  '\u0007': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

/**
 * strconv.Quote for the characters YAML text can hold: C0 controls and DEL as `\xNN`, C1
 * controls as `\u00NN`; every other character is printed as it is (Go also escapes a few rare
 * non-printing Unicode characters, which no Tekton document is expected to carry).
 */
export function goQuoted(text: string): string {
  let quoted = '"';
  for (const character of text) {
    const short = SHORT_ESCAPES[character];
    const code = character.codePointAt(0) ?? 0;
    if (short) quoted += short;
    else if (code < 0x20 || code === 0x7f) quoted += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code >= 0x80 && code < 0xa0) quoted += `\\u${code.toString(16).padStart(4, '0')}`;
    else quoted += character;
  }
  return `${quoted}"`;
}
