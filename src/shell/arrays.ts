// Bash's indexed arrays (`NAME=(a b)`, `NAME[i]=x`, `${NAME[@]}`, `${!NAME[@]}`): sparse, by
// whole-number index. A name holds either a plain value (the shell's vars) or an array; bash
// reads a plain value as element 0 of an array and `$NAME` of an array as its element 0.

/** The elements of one array by index; bash arrays may have holes. */
export type IndexedArray = Map<number, string>;

/** Indices at most this far apart from 0: bash takes up to 2^63, a script uses a few. */
export const MAX_ARRAY_INDEX = 1_000_000;

/** The set indices, lowest first, as `${!NAME[@]}` lists them. */
export function indicesOf(array: IndexedArray): number[] {
  return [...array.keys()].sort((a, b) => a - b);
}

/** The elements in index order, as `"${NAME[@]}"` gives them. */
export function elementsOf(array: IndexedArray): string[] {
  return indicesOf(array).map((index) => array.get(index) as string);
}

/** `NAME+=(a b)`: after the highest index. */
export function appended(array: IndexedArray | undefined, values: readonly string[]): IndexedArray {
  const result: IndexedArray = new Map(array ?? []);
  let next = nextIndex(result);
  for (const value of values) result.set(next++, value);
  return result;
}

/** One past the highest index (0 for an empty array): where `+=` appends, what `[-1]` counts from. */
export function nextIndex(array: IndexedArray): number {
  let next = 0;
  for (const index of array.keys()) if (index >= next) next = index + 1;
  return next;
}

/** A copy of every array, for a subshell to restore. */
export function copyArrays(arrays: Map<string, IndexedArray>): Map<string, IndexedArray> {
  return new Map([...arrays].map(([name, array]) => [name, new Map(array)]));
}
