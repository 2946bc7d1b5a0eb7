// A quantity that changes at instants (the controller's work-queue depth, the pods waiting for
// a node), recorded as it changes: the value after all of one instant's changes, with one
// point per instant at most and no point that repeats the value before it. Two parallel
// number arrays rather than objects, since the engine records one at most events.
export interface StepSeries {
  atMs: number[];
  value: number[];
}

export function emptyStepSeries(): StepSeries {
  return { atMs: [], value: [] };
}

export function recordStep(series: StepSeries, atMs: number, value: number): void {
  const last = series.atMs.length - 1;
  if (last >= 0 && series.atMs[last] === atMs) {
    series.value[last] = value;
    // Changes within one instant that come back to where it started leave no step.
    if ((last >= 1 ? series.value[last - 1] : 0) === value) {
      series.atMs.pop();
      series.value.pop();
    }
    return;
  }
  const before = last >= 0 ? series.value[last] : 0;
  if (before === value) return;
  series.atMs.push(atMs);
  series.value.push(value);
}
