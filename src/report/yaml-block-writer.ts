// Block-style YAML for plain objects and arrays, written line by line instead of through the
// `yaml` package's document tree, which for a large status (10,000 retried attempts, 3 MB)
// took about a second. Only the layout is written here: every key and scalar is still
// formatted by the package (once per distinct value), so quoting, block scalars and numbers
// follow its rules exactly. Anything else (a Date, a Map, a class instance, a key the package
// would write as an explicit `? key`) makes the writer give up, and the caller lets the
// package write the whole value.

/** The package's stringify with the caller's options, e.g. `{x: value}` to YAML text. */
export type StringifyYaml = (value: unknown) => string;

export interface BlockWriterOptions {
  stringify: StringifyYaml;
  /** Orders each mapping's keys; undefined keeps their insertion order. */
  compareKeys?: (left: string, right: string) => number;
  /**
   * Keys and scalars already formatted by this same `stringify`, to use and fill; without it
   * each call formats its own. A caller that writes many values keeps one across calls.
   */
  formatted?: FormattedScalars;
}

/** Keys and scalars as `stringify` formats them, by where they stand. */
export class FormattedScalars {
  readonly rootKeys = new Map<string, string>();
  readonly nestedKeys = new Map<string, string>();
  readonly mapValues = new Map<unknown, string>();
  readonly itemValues = new Map<unknown, string>();

  /** Forgets everything when a map holds more than `maxEntries`, so memory stays bounded. */
  bound(maxEntries: number): void {
    for (const map of [this.rootKeys, this.nestedKeys, this.mapValues, this.itemValues])
      if (map.size > maxEntries) map.clear();
  }
}

/** Thrown inside the writer when the value holds something it does not lay out itself. */
class NotPlain extends Error {}

const isPlainObject = (value: object): boolean => {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/**
 * The text `stringify(value)` gives for a non-empty plain object or array (sequences not
 * indented under their key, as with the package's indentSeq: false), or undefined when the
 * value holds anything else.
 */
export function writeBlockYaml(value: unknown, options: BlockWriterOptions): string | undefined {
  if (value === null || typeof value !== 'object' || !isPlainCollection(value)) return undefined;
  if (isEmptyCollection(value)) return undefined;
  const writer = new BlockWriter(options);
  try {
    writer.collection(value, '', '');
  } catch (error) {
    if (error instanceof NotPlain) return undefined;
    throw error;
  }
  return writer.text();
}

function isPlainCollection(value: object): boolean {
  return Array.isArray(value)
    ? Object.getPrototypeOf(value) === Array.prototype
    : isPlainObject(value);
}

function isEmptyCollection(value: object): boolean {
  return Array.isArray(value) ? value.length === 0 : definedKeys(value).length === 0;
}

/** The keys the package writes: a key whose value is undefined is left out. */
function definedKeys(value: object): string[] {
  const record = value as Record<string, unknown>;
  return Object.keys(record).filter((key) => record[key] !== undefined);
}

class BlockWriter {
  private readonly lines: string[] = [];
  // Formatted once per distinct value: a large status repeats the same few strings.
  private readonly rootKeys: Map<string, string>;
  private readonly nestedKeys: Map<string, string>;
  private readonly mapValues: Map<unknown, string>;
  private readonly itemValues: Map<unknown, string>;

  constructor(private readonly options: BlockWriterOptions) {
    const formatted = options.formatted ?? new FormattedScalars();
    this.rootKeys = formatted.rootKeys;
    this.nestedKeys = formatted.nestedKeys;
    this.mapValues = formatted.mapValues;
    this.itemValues = formatted.itemValues;
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }

  /**
   * Writes a non-empty collection whose entries are indented by `indent`; its first line
   * starts with `firstPrefix` instead (a sequence item's `- `), every other line with `indent`.
   */
  collection(value: object, indent: string, firstPrefix: string): void {
    if (!isPlainCollection(value)) throw new NotPlain();
    if (Array.isArray(value)) this.sequence(value, indent, firstPrefix);
    else this.mapping(value as Record<string, unknown>, indent, firstPrefix);
  }

  private mapping(value: Record<string, unknown>, indent: string, firstPrefix: string): void {
    const keys = definedKeys(value);
    if (this.options.compareKeys) keys.sort(this.options.compareKeys);
    // Only the outermost mapping's keys are at the document's root, where the package quotes
    // a key that looks like a document marker (`---`); deeper, it does not.
    const root = indent === '' && firstPrefix === '';
    keys.forEach((key, index) => {
      const head = `${index === 0 ? firstPrefix : indent}${this.key(key, root)}:`;
      const entry = value[key];
      if (isNestedCollection(entry)) {
        this.lines.push(head);
        // A sequence under a key starts at the key's own column; a mapping one level deeper.
        const nested = Array.isArray(entry) ? indent : `${indent}  `;
        this.collection(entry, nested, nested);
      } else this.pushScalar(`${head} `, this.scalar(entry, 'map'), indent);
    });
  }

  private sequence(value: readonly unknown[], indent: string, firstPrefix: string): void {
    let first = true;
    for (const item of value) {
      const head = `${first ? firstPrefix : indent}- `;
      first = false;
      if (isNestedCollection(item)) this.collection(item, `${indent}  `, head);
      else this.pushScalar(head, this.scalar(item, 'item'), indent);
    }
  }

  /**
   * A scalar formatted at the top level, moved to `indent`: a block scalar's (or a long
   * quoted string's) later lines carry the package's indent for their depth, which at the
   * top level is none, so each non-empty one gets `indent` in front.
   */
  private pushScalar(head: string, formatted: string, indent: string): void {
    if (!formatted.includes('\n')) {
      this.lines.push(head + formatted);
      return;
    }
    const [first, ...rest] = formatted.split('\n');
    this.lines.push(head + first);
    for (const line of rest) this.lines.push(line === '' ? '' : indent + line);
  }

  private key(key: string, root: boolean): string {
    const cache = root ? this.rootKeys : this.nestedKeys;
    let formatted = cache.get(key);
    if (formatted === undefined) {
      const prefix = root ? '' : 'x:\n  ';
      const text = this.options.stringify(root ? { [key]: null } : { x: { [key]: null } });
      const suffix = ': null\n';
      if (!text.startsWith(prefix) || !text.endsWith(suffix)) throw new NotPlain();
      formatted = text.slice(prefix.length, -suffix.length);
      // `? key` (an explicit key) or a key over lines: a layout this writer does not make.
      if (formatted.startsWith('? ') || formatted.includes('\n')) throw new NotPlain();
      cache.set(key, formatted);
    }
    return formatted;
  }

  /** The scalar as the package writes it as a mapping's value or a sequence's item. */
  private scalar(value: unknown, place: 'map' | 'item'): string {
    // Names such as `run-7-task-pod-retry42` are written as they are in every place and
    // schema; they are most of the distinct strings of a long status (a pod name per retry)
    // and asking the package for each was a third of printing one.
    if (typeof value === 'string' && PLAIN_NAME.test(value)) return value;
    const scalar = value === undefined ? null : value;
    const cacheKey = scalarCacheKey(scalar);
    const cache = place === 'map' ? this.mapValues : this.itemValues;
    let formatted = cache.get(cacheKey);
    if (formatted === undefined) {
      const prefix = place === 'map' ? 'x: ' : '- ';
      const text = this.options.stringify(place === 'map' ? { x: scalar } : [scalar]);
      if (!text.startsWith(prefix) || !text.endsWith('\n')) throw new NotPlain();
      formatted = text.slice(prefix.length, -1);
      cache.set(cacheKey, formatted);
    }
    return formatted;
  }
}

/**
 * Lower-case words and digits joined by hyphens, starting with two letters, with at least one
 * hyphen. YAML's booleans and nulls hold no hyphen; its numbers and timestamps start with a
 * digit, a sign, a dot or (`e-5`, a float to the package) one `e`; no indicator is a letter.
 * So such a name is always written plain, as it is.
 */
const PLAIN_NAME = /^[a-z]{2}[a-z0-9]*(?:-[a-z0-9]+)+$/;

// Keys no string, number or boolean can be equal to.
const NEGATIVE_ZERO = Symbol('-0');
const EMPTY_ARRAY = Symbol('[]');
const EMPTY_OBJECT = Symbol('{}');

/** What a scalar (or an empty collection, written `[]` or `{}`) is cached by. */
function scalarCacheKey(value: unknown): unknown {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // -0 and 0 are one Map key but not one YAML text.
      return Object.is(value, -0) ? NEGATIVE_ZERO : value;
    case 'object':
      if (isPlainCollection(value) && isEmptyCollection(value))
        return Array.isArray(value) ? EMPTY_ARRAY : EMPTY_OBJECT;
  }
  throw new NotPlain();
}

/** An array or object with something to write inside; an empty one is written `[]` or `{}`. */
function isNestedCollection(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  if (!isPlainCollection(value)) throw new NotPlain();
  return !isEmptyCollection(value);
}
