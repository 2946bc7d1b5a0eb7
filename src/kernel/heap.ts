// The kernel's event queue: a binary min-heap over (timeMs, kind, seq) in typed arrays, the
// order engine/queue.ts gives (earlier time, then lower kind, then first scheduled). An event
// is its sequence number; cancelling marks it dead and it is dropped when it reaches the top,
// or left where it is once no live event remains (a seed's deadlines and waiting pods'
// timeouts are cancelled, not passed, and would otherwise be popped one by one at its end).
// Everything is reset, not reallocated, between seeds.

/** An entry's kind and event in one number: kind * 2^32 + event, ordered as (kind, event). */
const KIND_UNIT = 0x100000000;

export class KernelHeap {
  size = 0;
  /** Events in the heap not cancelled. */
  private live = 0;
  /** Events scheduled since the last reset: the next event's number. */
  scheduled = 0;
  /** Time of the event last popped. */
  nowMs = 0;
  private capacity = 64;
  private heapTimeMs = new Float64Array(64);
  /** Kind and event of each entry (KIND_UNIT): one comparison orders both. */
  private heapKey = new Float64Array(64);
  /** By event number: its kind, its argument, and whether it is dead (cancelled, or popped). */
  kindOf = new Int32Array(64);
  argOf = new Int32Array(64);
  private dead = new Uint8Array(64);

  reset(): void {
    this.size = 0;
    this.live = 0;
    this.scheduled = 0;
    this.nowMs = 0;
  }

  schedule(timeMs: number, kind: number, arg: number): number {
    const event = this.scheduled++;
    if (event >= this.kindOf.length) this.growEvents();
    this.kindOf[event] = kind;
    this.argOf[event] = arg;
    this.dead[event] = 0;
    this.live++;
    if (this.size === this.capacity) this.growHeap();
    const times = this.heapTimeMs;
    const keys = this.heapKey;
    const key = kind * KIND_UNIT + event;
    let index = this.size++;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const parentTimeMs = times[parent];
      if (parentTimeMs < timeMs || (parentTimeMs === timeMs && keys[parent] < key)) break;
      times[index] = parentTimeMs;
      keys[index] = keys[parent];
      index = parent;
    }
    times[index] = timeMs;
    keys[index] = key;
    return event;
  }

  cancel(event: number): void {
    if (this.dead[event] === 1) return;
    this.dead[event] = 1;
    this.live--;
  }

  /** The next live event's number (its time in `nowMs`), or -1 when none is left. */
  pop(): number {
    while (this.live > 0) {
      // The key's low 32 bits are the event (>>> 0 takes them exactly below 2^53).
      const event = this.heapKey[0] >>> 0;
      const timeMs = this.heapTimeMs[0];
      this.removeTop();
      if (this.dead[event] === 1) continue;
      this.dead[event] = 1;
      this.live--;
      this.nowMs = timeMs;
      return event;
    }
    return -1;
  }

  private removeTop(): void {
    const size = --this.size;
    if (size === 0) return;
    const times = this.heapTimeMs;
    const keys = this.heapKey;
    const timeMs = times[size];
    const key = keys[size];
    let index = 0;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= size) break;
      const right = child + 1;
      if (
        right < size &&
        (times[right] < times[child] ||
          (times[right] === times[child] && keys[right] < keys[child]))
      )
        child = right;
      const childTimeMs = times[child];
      if (timeMs < childTimeMs || (timeMs === childTimeMs && key < keys[child])) break;
      times[index] = childTimeMs;
      keys[index] = keys[child];
      index = child;
    }
    times[index] = timeMs;
    keys[index] = key;
  }

  private growHeap(): void {
    this.capacity *= 2;
    const times = new Float64Array(this.capacity);
    times.set(this.heapTimeMs);
    this.heapTimeMs = times;
    const keys = new Float64Array(this.capacity);
    keys.set(this.heapKey);
    this.heapKey = keys;
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
