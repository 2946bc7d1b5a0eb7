// The engine's event queue: a binary min-heap ordered by (timeMs, priority, seq), where seq
// is a counter that only grows, so events at the same time and priority pop in the order
// they were scheduled (FIFO) and every run is reproducible.
//
// The heap is kept as a struct of typed arrays rather than an array of event objects: a push
// or pop in steady state allocates nothing, and sifting moves a few numbers instead of
// chasing pointers. Each pending event also owns a slot, whose generation number makes its
// TimerId unique, so a stale id (of an event that already fired, or from before `clear()`)
// can never cancel a newer event. Cancelling is lazy: the entry stays in the heap, marked,
// and is dropped when it reaches the top (or when cancelled entries outnumber live ones).

export type TimerId = number;

/** Slots are numbered below this, which bounds the events pending at once. */
const SLOT_LIMIT = 1 << 22;
const GENERATION_MASK = 0x7fffffff;
const SEQ_LIMIT = 0x7fffffff;
const INITIAL_CAPACITY = 64;
/** Below this many heap entries, cancelled ones are never compacted eagerly. */
const COMPACT_MIN_ENTRIES = 64;

const SLOT_FREE = 0;
const SLOT_PENDING = 1;
const SLOT_CANCELLED = 2;

export class EventQueue<T> {
  /** Time of the event moved out by the last successful `pop()`; 0 after `clear()`. */
  currentTimeMs = 0;
  currentPriority = 0;
  currentPayload: T = undefined as T;

  private capacity = INITIAL_CAPACITY;
  private heapSize = 0;
  private heapTimeMs = new Float64Array(INITIAL_CAPACITY);
  private heapPriority = new Int32Array(INITIAL_CAPACITY);
  private heapSeq = new Int32Array(INITIAL_CAPACITY);
  private heapSlot = new Int32Array(INITIAL_CAPACITY);

  private slotGeneration = new Int32Array(INITIAL_CAPACITY);
  private slotState = new Uint8Array(INITIAL_CAPACITY);
  /** Payloads by slot; a plain array because payloads are arbitrary values. */
  private payloads: (T | undefined)[] = [];
  private freeSlots = new Int32Array(INITIAL_CAPACITY);
  private freeSlotCount = 0;
  /** Slots at or above this index have never been handed out since the last clear. */
  private slotHighWater = 0;

  private nextSeq = 0;
  private pendingCount = 0;
  private cancelledCount = 0;

  /** Events pending (scheduled, not cancelled, not yet popped). */
  get size(): number {
    return this.pendingCount;
  }

  /**
   * Schedules `payload` at `timeMs` (an integer, not earlier than the last popped time).
   * Lower `priority` pops first among events at the same time.
   */
  schedule(timeMs: number, priority: number, payload: T): TimerId {
    // One combined test keeps the common path short; NaN fails `>=`.
    if (
      !(timeMs >= this.currentTimeMs) ||
      timeMs !== Math.floor(timeMs) ||
      timeMs === Infinity ||
      priority !== (priority | 0)
    ) {
      this.rejectSchedule(timeMs, priority);
    }
    if (this.heapSize === this.capacity) this.grow();
    if (this.nextSeq === SEQ_LIMIT) {
      throw new Error(`event queue: more than ${SEQ_LIMIT} events scheduled since clear()`);
    }
    const slot = this.allocateSlot();
    this.payloads[slot] = payload;
    this.pendingCount++;
    this.siftUp(this.heapSize++, timeMs, priority, this.nextSeq++, slot);
    return this.slotGeneration[slot] * SLOT_LIMIT + slot;
  }

  /** Cancels a pending event; returns false if it already popped, was cancelled, or is unknown. */
  cancel(id: TimerId): boolean {
    if (!(id >= 0) || id !== Math.floor(id)) return false;
    const slot = id % SLOT_LIMIT;
    const generation = (id - slot) / SLOT_LIMIT;
    if (slot >= this.slotHighWater) return false;
    if (this.slotGeneration[slot] !== generation || this.slotState[slot] !== SLOT_PENDING) {
      return false;
    }
    this.slotState[slot] = SLOT_CANCELLED;
    this.payloads[slot] = undefined; // let the payload be collected before the entry pops
    this.pendingCount--;
    this.cancelledCount++;
    if (this.heapSize >= COMPACT_MIN_ENTRIES && this.cancelledCount * 2 > this.heapSize) {
      this.compact();
    }
    return true;
  }

  /**
   * Moves the next pending event into `currentTimeMs`, `currentPriority` and
   * `currentPayload`. Returns false, leaving them unchanged, when nothing is pending.
   */
  pop(): boolean {
    while (this.heapSize > 0) {
      const slot = this.heapSlot[0];
      const timeMs = this.heapTimeMs[0];
      const priority = this.heapPriority[0];
      this.removeTop();
      if (this.slotState[slot] === SLOT_CANCELLED) {
        this.cancelledCount--;
        this.releaseSlot(slot);
        continue;
      }
      this.currentTimeMs = timeMs;
      this.currentPriority = priority;
      this.currentPayload = this.payloads[slot] as T;
      this.payloads[slot] = undefined;
      this.pendingCount--;
      this.releaseSlot(slot);
      return true;
    }
    return false;
  }

  /** Time of the next pending event, or Infinity when nothing is pending. */
  peekTimeMs(): number {
    this.dropCancelledTop();
    return this.heapSize > 0 ? this.heapTimeMs[0] : Infinity;
  }

  /** Forgets every event and resets time to 0, keeping the allocated arrays for the next run. */
  clear(): void {
    // Invalidate every handed-out id: a stale id must not cancel an event of the next run.
    for (let slot = 0; slot < this.slotHighWater; slot++) {
      this.slotGeneration[slot] = (this.slotGeneration[slot] + 1) & GENERATION_MASK;
    }
    this.slotState.fill(SLOT_FREE, 0, this.slotHighWater);
    this.payloads.fill(undefined);
    this.heapSize = 0;
    this.freeSlotCount = 0;
    this.slotHighWater = 0;
    this.nextSeq = 0;
    this.pendingCount = 0;
    this.cancelledCount = 0;
    this.currentTimeMs = 0;
    this.currentPriority = 0;
    this.currentPayload = undefined as T;
  }

  private rejectSchedule(timeMs: number, priority: number): never {
    if (Number.isNaN(timeMs)) throw new Error('event queue: cannot schedule at NaN ms');
    if (timeMs === Infinity || timeMs === -Infinity) {
      throw new Error(`event queue: cannot schedule at ${timeMs} ms`);
    }
    if (timeMs < this.currentTimeMs) {
      throw new Error(
        `event queue: cannot schedule at ${timeMs} ms, earlier than the current time ${this.currentTimeMs} ms`,
      );
    }
    if (timeMs !== Math.floor(timeMs)) {
      throw new Error(`event queue: time must be whole milliseconds, got ${timeMs}`);
    }
    throw new Error(`event queue: priority must be a 32-bit integer, got ${priority}`);
  }

  private allocateSlot(): number {
    let slot: number;
    if (this.freeSlotCount > 0) {
      slot = this.freeSlots[--this.freeSlotCount];
    } else {
      slot = this.slotHighWater++;
    }
    this.slotGeneration[slot] = (this.slotGeneration[slot] + 1) & GENERATION_MASK;
    this.slotState[slot] = SLOT_PENDING;
    return slot;
  }

  private releaseSlot(slot: number): void {
    this.slotState[slot] = SLOT_FREE;
    this.freeSlots[this.freeSlotCount++] = slot;
  }

  /** Places an entry at hole `index` and moves it up until its parent is not greater. */
  private siftUp(index: number, timeMs: number, priority: number, seq: number, slot: number): void {
    const times = this.heapTimeMs;
    const priorities = this.heapPriority;
    const seqs = this.heapSeq;
    const slots = this.heapSlot;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const parentTimeMs = times[parent];
      if (parentTimeMs < timeMs) break;
      if (parentTimeMs === timeMs) {
        const parentPriority = priorities[parent];
        if (parentPriority < priority || (parentPriority === priority && seqs[parent] < seq)) break;
      }
      times[index] = parentTimeMs;
      priorities[index] = priorities[parent];
      seqs[index] = seqs[parent];
      slots[index] = slots[parent];
      index = parent;
    }
    times[index] = timeMs;
    priorities[index] = priority;
    seqs[index] = seq;
    slots[index] = slot;
  }

  /** Removes the root: the last entry fills the hole at the root and sifts down. */
  private removeTop(): void {
    const size = --this.heapSize;
    if (size === 0) return;
    this.siftDown(
      0,
      this.heapTimeMs[size],
      this.heapPriority[size],
      this.heapSeq[size],
      this.heapSlot[size],
    );
  }

  private siftDown(
    index: number,
    timeMs: number,
    priority: number,
    seq: number,
    slot: number,
  ): void {
    const times = this.heapTimeMs;
    const priorities = this.heapPriority;
    const seqs = this.heapSeq;
    const slots = this.heapSlot;
    const size = this.heapSize;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= size) break;
      let childTimeMs = times[child];
      const right = child + 1;
      if (right < size) {
        const rightTimeMs = times[right];
        if (
          rightTimeMs < childTimeMs ||
          (rightTimeMs === childTimeMs &&
            (priorities[right] < priorities[child] ||
              (priorities[right] === priorities[child] && seqs[right] < seqs[child])))
        ) {
          child = right;
          childTimeMs = rightTimeMs;
        }
      }
      if (timeMs < childTimeMs) break;
      if (timeMs === childTimeMs) {
        const childPriority = priorities[child];
        if (priority < childPriority || (priority === childPriority && seq < seqs[child])) break;
      }
      times[index] = childTimeMs;
      priorities[index] = priorities[child];
      seqs[index] = seqs[child];
      slots[index] = slots[child];
      index = child;
    }
    times[index] = timeMs;
    priorities[index] = priority;
    seqs[index] = seq;
    slots[index] = slot;
  }

  private dropCancelledTop(): void {
    while (this.heapSize > 0 && this.slotState[this.heapSlot[0]] === SLOT_CANCELLED) {
      const slot = this.heapSlot[0];
      this.removeTop();
      this.cancelledCount--;
      this.releaseSlot(slot);
    }
  }

  /** Drops every cancelled entry and rebuilds the heap (Floyd's method), in linear time. */
  private compact(): void {
    const times = this.heapTimeMs;
    const priorities = this.heapPriority;
    const seqs = this.heapSeq;
    const slots = this.heapSlot;
    let kept = 0;
    for (let index = 0; index < this.heapSize; index++) {
      const slot = slots[index];
      if (this.slotState[slot] === SLOT_CANCELLED) {
        this.releaseSlot(slot);
        continue;
      }
      times[kept] = times[index];
      priorities[kept] = priorities[index];
      seqs[kept] = seqs[index];
      slots[kept] = slot;
      kept++;
    }
    this.heapSize = kept;
    this.cancelledCount = 0;
    for (let index = (kept >> 1) - 1; index >= 0; index--) {
      this.siftDown(index, times[index], priorities[index], seqs[index], slots[index]);
    }
  }

  private grow(): void {
    if (this.capacity >= SLOT_LIMIT) {
      throw new Error(`event queue: more than ${SLOT_LIMIT} events pending at once`);
    }
    const capacity = Math.min(this.capacity * 2, SLOT_LIMIT);
    this.heapTimeMs = growFloat64(this.heapTimeMs, capacity);
    this.heapPriority = growInt32(this.heapPriority, capacity);
    this.heapSeq = growInt32(this.heapSeq, capacity);
    this.heapSlot = growInt32(this.heapSlot, capacity);
    this.slotGeneration = growInt32(this.slotGeneration, capacity);
    this.freeSlots = growInt32(this.freeSlots, capacity);
    const slotState = new Uint8Array(capacity);
    slotState.set(this.slotState);
    this.slotState = slotState;
    this.capacity = capacity;
  }
}

// A run of a few tasks lives for microseconds, and the queue's seven typed arrays were the
// largest thing it allocated: one queue, cleared, is lent to run after run instead. A run
// inside a run (none today) would find none to borrow and make its own.
let spareQueue: EventQueue<number> | undefined;

/** A cleared queue for one run; give it back with returnQueue when the run is over. */
export function borrowQueue(): EventQueue<number> {
  const queue = spareQueue ?? new EventQueue<number>();
  spareQueue = undefined;
  return queue;
}

/** The run is over and keeps nothing of `queue`: the next run may have it. */
export function returnQueue(queue: EventQueue<number>): void {
  queue.clear();
  spareQueue = queue;
}

function growFloat64(array: Float64Array, capacity: number): Float64Array<ArrayBuffer> {
  const grown = new Float64Array(capacity);
  grown.set(array);
  return grown;
}

function growInt32(array: Int32Array, capacity: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(capacity);
  grown.set(array);
  return grown;
}
