// The PipelineRun controller's work queue and its workers, as client-go's workqueue and
// knative's controller run them (k8s.io/client-go/util/workqueue/queue.go; knative.dev/pkg
// controller.Run starts DefaultThreadsPerController = 2 workers, Tekton's
// --threads-per-controller, cmd/controller/main.go):
// - a key is queued once however often it is added before a worker takes it (the dirty set);
// - a key being reconciled is never handed to a second worker: adding it meanwhile marks it
//   dirty, and it is queued again when its reconcile is done;
// - workers take keys first in, first out.
// Each reconcile then costs the engine `reconcileMs` of a worker's time.

/** knative's controller.DefaultThreadsPerController, Tekton's --threads-per-controller default. */
export const DEFAULT_THREADS_PER_CONTROLLER = 2;

export class WorkQueue<Key> {
  private readonly queue: Key[] = [];
  private head = 0;
  private readonly dirty = new Set<Key>();
  private readonly processing = new Set<Key>();

  constructor(readonly workers: number) {}

  add(key: Key): void {
    if (this.dirty.has(key)) return;
    this.dirty.add(key);
    if (!this.processing.has(key)) this.queue.push(key);
  }

  /** The next key for a free worker, or undefined when none is free or nothing is queued. */
  take(): Key | undefined {
    if (this.processing.size >= this.workers || this.head >= this.queue.length) return undefined;
    const key = this.queue[this.head++];
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    this.dirty.delete(key);
    this.processing.add(key);
    return key;
  }

  done(key: Key): void {
    this.processing.delete(key);
    if (this.dirty.has(key)) this.queue.push(key);
  }

  get length(): number {
    return this.queue.length - this.head;
  }

  get busyWorkers(): number {
    return this.processing.size;
  }
}
