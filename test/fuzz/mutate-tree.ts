// Mutations of parsed documents: a value replaced by a hostile one or by the same content in
// another type, a number moved to its bounds, a $(...) reference broken or bent, a key
// dropped, renamed, added or swapped with a sibling, a list item repeated or removed. The
// result is still YAML (it is printed again), so these reach validation and the simulator.
import { HOSTILE_VALUES, KNOWN_KEYS, numbersNear, REFERENCE_TEXT } from './hostile-values.js';
import type { FuzzRandom } from './random.js';

type Container = Record<string, unknown> | unknown[];

export interface MutatedDocument {
  /** Which of the file's documents changed; the others are as they were. */
  index: number;
  value: unknown;
}

/** `mutations` changes to a copy of one of `documents`; undefined when it has no map or list. */
export function mutateDocument(
  documents: readonly unknown[],
  random: FuzzRandom,
  mutations: number,
): MutatedDocument | undefined {
  const index = random.below(documents.length);
  const value = copied(documents[index]);
  const containers = containersOf(value);
  if (containers.length === 0) return undefined;
  for (let i = 0; i < mutations; i++) mutateContainer(random.pick(containers), random);
  return { index, value };
}

function mutateContainer(container: Container, random: FuzzRandom): void {
  if (Array.isArray(container)) {
    if (container.length === 0) {
      container.push(copied(random.pick(HOSTILE_VALUES)));
      return;
    }
    const index = random.below(container.length);
    const choice = random.below(6);
    if (choice === 0) container.splice(index, 1);
    else if (choice === 1) container.splice(index, 0, copied(container[index]));
    else if (choice === 2) container[index] = copied(random.pick(HOSTILE_VALUES));
    // A copy of an item at the end: names repeat out of order. (Doubling the whole list did
    // too, at the cost of mutants eight times their input's size after three mutations.)
    else if (choice === 3) container.push(copied(random.pick(container)));
    else if (choice === 4) container[index] = retyped(container[index], random);
    else container[index] = tweaked(container[index], random);
    return;
  }
  const keys = Object.keys(container);
  const choice = keys.length === 0 ? 3 : random.below(8);
  const key = keys.length > 0 ? random.pick(keys) : '';
  if (choice === 0) container[key] = copied(random.pick(HOSTILE_VALUES));
  else if (choice === 1) delete container[key];
  else if (choice === 2) {
    const renamed = random.pick(KNOWN_KEYS);
    container[renamed] = container[key];
    if (renamed !== key) delete container[key];
  } else if (choice === 3) container[random.pick(KNOWN_KEYS)] = copied(random.pick(HOSTILE_VALUES));
  else if (choice === 4) {
    // A value moved to a sibling key: a list where a map belongs, a string where a list does.
    const other = random.pick(keys);
    [container[key], container[other]] = [container[other], container[key]];
  } else if (choice === 5) container[key] = retyped(container[key], random);
  // Scalars are most of a document's leaves, so bending one gets two of the eight choices.
  else container[key] = tweaked(container[key], random);
}

/** The same content in another type: `3` as `"3"`, a string in a list, a list's first item. */
function retyped(value: unknown, random: FuzzRandom): unknown {
  const wrap = random.next() < 0.5;
  if (typeof value === 'number' || typeof value === 'boolean')
    return wrap ? [value] : String(value);
  if (typeof value === 'string') {
    const number = Number(value);
    if (value.trim() !== '' && Number.isFinite(number) && !wrap) return number;
    return wrap ? [value] : { name: value, value };
  }
  if (value === null || value === undefined) return wrap ? [null] : '';
  const items = Object.values(value);
  return wrap || items.length === 0 ? [value] : items[0];
}

/** A scalar bent a little: a number to its bounds, a reference broken, a boolean flipped. */
function tweaked(value: unknown, random: FuzzRandom): unknown {
  if (typeof value === 'number') return random.pick(numbersNear(value));
  if (typeof value === 'boolean') return !value;
  if (typeof value !== 'string') return retyped(value, random);
  // Near an existing reference when there is one, so its name, index or parenthesis changes.
  const reference = value.indexOf('$(');
  const at =
    reference >= 0 && random.next() < 0.7
      ? Math.min(value.length, reference + random.below(24))
      : random.below(value.length + 1);
  const cut = random.next() < 0.3 ? 1 + random.below(4) : 0;
  return value.slice(0, at) + random.pick(REFERENCE_TEXT) + value.slice(at + cut);
}

/** Every map and list in `value`, in document order. */
function containersOf(value: unknown): Container[] {
  const found: Container[] = [];
  const visit = (node: unknown) => {
    if (node === null || typeof node !== 'object') return;
    found.push(node as Container);
    for (const child of Object.values(node)) visit(child);
  };
  visit(value);
  return found;
}

/**
 * A deep copy of parsed YAML: maps, lists and scalars only, so a plain walk does it in a
 * fraction of structuredClone's time (which was a fifth of a mutant's cost).
 */
function copied<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array(value.length);
    for (let index = 0; index < value.length; index++) copy[index] = copied(value[index]);
    return copy as T;
  }
  const source = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    // An own `__proto__` key stays a key, as the parsers made it.
    if (key === '__proto__')
      Object.defineProperty(copy, key, {
        value: copied(source[key]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else copy[key] = copied(source[key]);
  }
  return copy as T;
}
