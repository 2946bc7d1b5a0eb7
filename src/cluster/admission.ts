// Admission of arriving PipelineRuns: at most `maxConcurrent` running per key, the rest
// waiting first in, first out. A waiting run is a PipelineRun created with
// spec.status: PipelineRunPending: Tekton neither starts it nor runs any of its timeouts
// until the pending status is removed (docs/pipelineruns.md "Pending PipelineRuns"), which is
// how Pipelines-as-Code's concurrency_limit and Kueue hold runs back. The key is "" for
// `per: global`, the Pipeline's name for `per: pipeline`, or a label's value.

export type AdmissionKeyKind =
  | { kind: 'global' }
  | { kind: 'pipeline' }
  | { kind: 'label'; key: string };

export class Admission<Run> {
  private readonly running = new Map<string, number>();
  private readonly waiting = new Map<string, Run[]>();

  constructor(readonly maxConcurrent: number) {}

  /** A run arrives under `key`: true when it is admitted at once, false when it waits. */
  arrive(run: Run, key: string): boolean {
    const queue = this.waiting.get(key);
    if ((queue === undefined || queue.length === 0) && this.count(key) < this.maxConcurrent) {
      this.running.set(key, this.count(key) + 1);
      return true;
    }
    if (queue) queue.push(run);
    else this.waiting.set(key, [run]);
    return false;
  }

  /** A run of `key` completed: the next waiting run of that key, now admitted, if any. */
  complete(key: string): Run | undefined {
    const queue = this.waiting.get(key);
    const next = queue?.shift();
    if (next === undefined) this.running.set(key, this.count(key) - 1);
    return next;
  }

  waitingCount(key: string): number {
    return this.waiting.get(key)?.length ?? 0;
  }

  private count(key: string): number {
    return this.running.get(key) ?? 0;
  }
}

/** The admission key of a run from its Pipeline's name and its labels. */
export function admissionKey(
  per: AdmissionKeyKind,
  pipelineName: string,
  labels: Readonly<Record<string, string>>,
): string {
  if (per.kind === 'global') return '';
  if (per.kind === 'pipeline') return pipelineName;
  return labels[per.key] ?? '';
}
