// The kernel's event queue: a binary min-heap over (timeMs, kind, seq) in typed arrays, the
// order engine/queue.ts gives (earlier time, then lower kind, then first scheduled). An event
// is its sequence number; cancelling marks it dead and it is dropped when it reaches the top.
// Everything is reset, not reallocated, between seeds.

export class KernelHeap {
  size = 0;
  /** Events scheduled since the last reset: the next event's number. */
  scheduled = 0;
  /** Time of the event last popped. */
  nowMs = 0;
  private capacity = 64;
  private heapTimeMs = new Float64Array(64);
  private heapKind = new Int32Array(64);
  private heapEvent = new Int32Array(64);
  /** By event number: its kind, its argument, and whether it was cancelled. */
  kindOf = new Int32Array(64);
  argOf = new Int32Array(64);
  private dead = new Uint8Array(64);

  reset(): void {
    this.size = 0;
    this.scheduled = 0;
    this.nowMs = 0;
  }

  schedule(timeMs: number, kind: number, arg: number): number {
    const event = this.scheduled++;
    if (event >= this.kindOf.length) this.growEvents();
    this.kindOf[event] = kind;
    this.argOf[event] = arg;
    this.dead[event] = 0;
    if (this.size === this.capacity) this.growHeap();
    const times = this.heapTimeMs;
    const kinds = this.heapKind;
    const events = this.heapEvent;
    let index = this.size++;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const parentTimeMs = times[parent];
      // Sequence numbers grow, so an equal (time, kind) parent was scheduled first.
      if (parentTimeMs < timeMs || (parentTimeMs === timeMs && kinds[parent] <= kind)) break;
      times[index] = parentTimeMs;
      kinds[index] = kinds[parent];
      events[index] = events[parent];
      index = parent;
    }
    times[index] = timeMs;
    kinds[index] = kind;
    events[index] = event;
    return event;
  }

  cancel(event: number): void {
    this.dead[event] = 1;
  }

  /** The next live event's number (its time in `nowMs`), or -1 when none is left. */
  pop(): number {
    while (this.size > 0) {
      const event = this.heapEvent[0];
      const timeMs = this.heapTimeMs[0];
      this.removeTop();
      if (this.dead[event] === 1) continue;
      this.nowMs = timeMs;
      return event;
    }
    return -1;
  }

  private removeTop(): void {
    const size = --this.size;
    if (size === 0) return;
    const times = this.heapTimeMs;
    const kinds = this.heapKind;
    const events = this.heapEvent;
    const timeMs = times[size];
    const kind = kinds[size];
    const event = events[size];
    let index = 0;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size && before(times, kinds, events, right, child)) child = right;
      const childTimeMs = times[child];
      if (
        timeMs < childTimeMs ||
        (timeMs === childTimeMs &&
          (kind < kinds[child] || (kind === kinds[child] && event < events[child])))
      )
        break;
      times[index] = childTimeMs;
      kinds[index] = kinds[child];
      events[index] = events[child];
      index = child;
    }
    times[index] = timeMs;
    kinds[index] = kind;
    events[index] = event;
  }

  private growHeap(): void {
    this.capacity *= 2;
    const times = new Float64Array(this.capacity);
    times.set(this.heapTimeMs);
    this.heapTimeMs = times;
    const kinds = new Int32Array(this.capacity);
    kinds.set(this.heapKind);
    this.heapKind = kinds;
    const events = new Int32Array(this.capacity);
    events.set(this.heapEvent);
    this.heapEvent = events;
  }

  private growEvents(): void {
    const length = this.kindOf.length * 2;
    const kindOf = new Int32Array(length);
    kindOf.set(this.kindOf);
    this.kindOf = kindOf;
    const argOf = new Int32Array(length);
    argOf.set(this.argOf);
    this.argOf = argOf;
    const dead = new Uint8Array(length);
    dead.set(this.dead);
    this.dead = dead;
  }
}

/** Heap entry i goes before entry j. */
function before(
  times: Float64Array,
  kinds: Int32Array,
  events: Int32Array,
  i: number,
  j: number,
): boolean {
  return (
    times[i] < times[j] ||
    (times[i] === times[j] &&
      (kinds[i] < kinds[j] || (kinds[i] === kinds[j] && events[i] < events[j])))
  );
}
