// Small pieces of text (a trace event, a line) gathered into chunks of a bounded size for
// writing: one write per piece would be a system call per hundred bytes, and one string of
// them all can pass V8's longest string. A piece longer than the bound is its own chunk. A
// piece may also be bytes already (UTF-8, a CSV's rows written straight into a buffer): it is
// handed on as it is, after the text gathered before it.

/** UTF-16 units a chunk gathers before it is handed on: large enough that writes are few. */
export const CHUNK_UNITS = 1 << 20;

export function inChunks(pieces: Iterable<string>, chunkUnits?: number): Generator<string>;
export function inChunks(
  pieces: Iterable<string | Uint8Array>,
  chunkUnits?: number,
): Generator<string | Uint8Array>;
export function* inChunks(
  pieces: Iterable<string | Uint8Array>,
  chunkUnits = CHUNK_UNITS,
): Generator<string | Uint8Array> {
  let gathered: string[] = [];
  let units = 0;
  for (const piece of pieces) {
    if (typeof piece !== 'string') {
      if (units > 0) yield gathered.join('');
      gathered = [];
      units = 0;
      if (piece.length > 0) yield piece;
      continue;
    }
    if (units > 0 && units + piece.length > chunkUnits) {
      yield gathered.join('');
      gathered = [];
      units = 0;
    }
    gathered.push(piece);
    units += piece.length;
  }
  if (units > 0) yield gathered.join('');
}

/** Every piece written in order, a chunk at a time. */
export function writeInChunks(
  output: { write(text: string): unknown },
  pieces: Iterable<string>,
  chunkUnits = CHUNK_UNITS,
): void {
  for (const chunk of inChunks(pieces, chunkUnits)) output.write(chunk);
}
