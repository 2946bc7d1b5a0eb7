// A block of rows held as plain doubles before they go into NumberColumns: slot s of row r at
// values[s * capacity + r], NaN for a value the row leaves out, and lists (a row's variable
// number of values) appended to one array per list with where each row's values end. Writing
// a double here costs a store; the columns take a whole slot at once (NumberColumn.setMany).
export class StagedRows {
  /** Rows staged. */
  count = 0;
  private readonly values: Float64Array;
  private listValueArrays: Float64Array[];
  private readonly listLengths: Int32Array;
  /** List l's end after row r at listEnds[l * capacity + r]. */
  private readonly listEnds: Int32Array;

  constructor(
    slots: number,
    lists: number,
    private readonly capacity: number,
  ) {
    this.values = new Float64Array(slots * capacity).fill(Number.NaN);
    this.listValueArrays = Array.from({ length: lists }, () => new Float64Array(capacity * 4));
    this.listLengths = new Int32Array(lists);
    this.listEnds = new Int32Array(lists * capacity);
  }

  put(slot: number, row: number, value: number): void {
    this.values[slot * this.capacity + row] = value;
  }

  /** Slot `slot` of the rows staged. */
  slot(slot: number): Float64Array {
    const start = slot * this.capacity;
    return this.values.subarray(start, start + this.count);
  }

  /**
   * List `list`'s values, with room for `count` more after its length: a row that knows how
   * many values it may add stores them itself (then setListLength), a store each.
   */
  listRoom(list: number, count: number): Float64Array {
    let values = this.listValueArrays[list];
    const length = this.listLengths[list];
    if (length + count > values.length) {
      const grown = new Float64Array(Math.max(2 * values.length, length + count));
      grown.set(values);
      values = grown;
      this.listValueArrays[list] = values;
    }
    return values;
  }

  listLength(list: number): number {
    return this.listLengths[list];
  }

  setListLength(list: number, length: number): void {
    this.listLengths[list] = length;
  }

  /** The row being staged has all its list values. */
  endLists(row: number): void {
    for (let list = 0; list < this.listLengths.length; list++)
      this.listEnds[list * this.capacity + row] = this.listLengths[list];
  }

  listValues(list: number): Float64Array {
    return this.listValueArrays[list].subarray(0, this.listLengths[list]);
  }

  /** Where row `row`'s values of list `list` end, counted from the block's first value. */
  listEnd(list: number, row: number): number {
    return this.listEnds[list * this.capacity + row];
  }

  /** Empties the block: every value left out again. */
  clear(): void {
    this.values.fill(Number.NaN);
    this.listLengths.fill(0);
    this.count = 0;
  }
}
