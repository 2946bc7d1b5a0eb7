// Plain values printed back as block YAML, as Tekton files are written, so that a mutated
// document reaches the loader's fast path (the `yaml` package's own printer costs ten times
// more and its output mostly does not). Two styles: every string double-quoted (JSON's escapes
// are YAML's), or strings plain where YAML reads them back as the same string and multi-line
// ones as `|` block scalars, the way people write scripts. Both read back as the same values.
import { resolvePlain } from '../../src/tekton/yaml-fast-scalars.js';

export type StringStyle = 'quoted' | 'plain';

type Container = Record<string, unknown> | unknown[];

export function blockYaml(value: unknown, style: StringStyle = 'quoted'): string {
  const printer = new Printer(style);
  if (isScalar(value)) return `${printer.scalar(value, '  ')}\n`;
  const lines: string[] = [];
  printer.lines(value as Container, '', lines);
  return `${lines.join('\n')}\n`;
}

// Plain scalars without the characters that end one (`: `, ` #`), start another node, or
// that YAML trims; anything else is quoted.
const SAFE_PLAIN = /^[A-Za-z0-9_$(/][A-Za-z0-9_$()/.=+*@ \-[\]{},;'"]*$/;
// Block scalar lines: no carriage returns, tabs or other control characters, which the fast
// path leaves to the `yaml` package and a literal block cannot always hold.
const SAFE_BLOCK = /^[^\s\n][^\r\t\x00-\x08\x0b-\x1f\x7f\u0085\u2028\u2029\ufeff]*$/;

class Printer {
  constructor(private readonly style: StringStyle) {}

  /**
   * Appends the lines of `container` to `lines`: one array for the whole document, where
   * returning each level's lines copied them again into every parent's.
   */
  lines(container: Container, indent: string, lines: string[]): void {
    const inner = `${indent}  `;
    if (Array.isArray(container)) {
      for (const item of container) {
        if (isScalar(item) || isEmpty(item) || Array.isArray(item)) {
          const text = Array.isArray(item) ? flowText(item) : this.scalar(item, inner);
          lines.push(`${indent}- ${text}`);
          continue;
        }
        // Maps in lists start on the dash's line, as Tekton's files do.
        const first = lines.length;
        this.lines(item as Container, inner, lines);
        lines[first] = `${indent}- ${lines[first].trimStart()}`;
      }
      return;
    }
    for (const key of Object.keys(container)) {
      const item = container[key];
      const label = `${indent}${keyText(key)}:`;
      if (isScalar(item) || isEmpty(item)) lines.push(`${label} ${this.scalar(item, inner)}`);
      else {
        lines.push(label);
        this.lines(item as Container, inner, lines);
      }
    }
  }

  /** A scalar or empty collection; `indent` is where a block scalar's lines go. */
  scalar(value: unknown, indent: string): string {
    if (this.style === 'plain' && typeof value === 'string') {
      if (SAFE_PLAIN.test(value) && !value.endsWith(' ') && resolvePlain(value) === value)
        return value;
      if (value.includes('\n') && SAFE_BLOCK.test(value)) return literalBlock(value, indent);
    }
    return scalarText(value);
  }
}

/** `|` with the chomping that keeps exactly the string's final line breaks. */
function literalBlock(value: string, indent: string): string {
  const body = value.replace(/\n+$/, '');
  const trailing = value.length - body.length;
  const chomping = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const lines = body.split('\n').map((line) => (line === '' ? '' : `${indent}${line}`));
  for (let i = 1; i < trailing; i++) lines.push('');
  return `|${chomping}\n${lines.join('\n')}`;
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

function isEmpty(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  // Parsed and mutated lists are dense; a map is empty when it has no own key.
  if (Array.isArray(value)) return value.length === 0;
  for (const key in value) if (Object.hasOwn(value, key)) return false;
  return true;
}

function scalarText(value: unknown): string {
  if (Array.isArray(value)) return '[]';
  if (typeof value === 'object' && value !== null) return '{}';
  if (typeof value === 'number' && !Number.isFinite(value))
    return Number.isNaN(value) ? '.nan' : value > 0 ? '.inf' : '-.inf';
  if (value === undefined) return 'null';
  return JSON.stringify(value);
}

/**
 * A list inside a list, on one line in flow style, `[1, "a", {name: x}]`, which is the only
 * way the fast path reads one (it leaves `- - x` to the `yaml` package).
 */
function flowText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flowText).join(', ')}]`;
  if (isScalar(value)) return scalarText(value);
  const pairs = Object.entries(value as Record<string, unknown>).map(
    ([key, item]) => `${keyText(key)}: ${flowText(item)}`,
  );
  return `{${pairs.join(', ')}}`;
}

// The same few hundred keys are printed in every mutant: each is judged once.
const keyTexts = new Map<string, string>();

function keyText(key: string): string {
  let text = keyTexts.get(key);
  if (text === undefined) {
    text =
      /^[A-Za-z_][\w./-]*$/.test(key) && !/^(true|false|null|yes|no|on|off|y|n|~)$/i.test(key)
        ? key
        : JSON.stringify(key);
    if (keyTexts.size < 10_000) keyTexts.set(key, text);
  }
  return text;
}
