// The kernel's end-of-run judgements read facts tallied as the run goes rather than scanning
// the run again: one-terminal-state's counts (KernelState.markDone and gainedState) and
// whether a TaskRun ended past a deadline (observeCompletion). No run the kernel models breaks
// those invariants, so the differential test cannot tell a wrong tally from a right one: here
// the tallies are held to a scan of the run's facts after every seed of runs that fail, retry,
// continue on error, time out, skip and throttle.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kernel } from '../../src/kernel/compile.js';
import { kernelRunnerFor } from '../../src/kernel/index.js';
import { Ending, Skip, Tally, type KernelState } from '../../src/kernel/state.js';
import { loadScenarios } from '../../src/workload/index.js';

const STEP = '{steps: [{name: run, image: alpine, script: "true"}]}';

/** A pipeline that fails, retries, continues on error, times out and skips, on a rate limit. */
function scenarioYaml(timeouts: string, controller: string, probability: number): string {
  return [
    'apiVersion: tekton.dev/v1',
    'kind: PipelineRun',
    'metadata: {name: tally-run}',
    'spec:',
    `  timeouts: ${timeouts}`,
    '  pipelineSpec:',
    '    tasks:',
    `      - {name: a, taskSpec: ${STEP}}`,
    `      - {name: b, runAfter: [a], retries: 2, timeout: 40s, taskSpec: ${STEP}}`,
    `      - {name: c, runAfter: [a], onError: continue, taskSpec: ${STEP}}`,
    `      - {name: d, runAfter: [a], taskSpec: ${STEP}}`,
    `      - {name: e, runAfter: [b, c], taskSpec: ${STEP}}`,
    `      - {name: f, runAfter: [d], retries: 1, taskSpec: ${STEP}}`,
    '    finally:',
    `      - {name: g, taskSpec: ${STEP}}`,
    `      - {name: h, retries: 1, taskSpec: ${STEP}}`,
    '---',
    'apiVersion: tekton-sim/v1alpha1',
    'kind: Scenario',
    'metadata: {name: tally}',
    'spec:',
    `  cluster: {slots: 2, controller: {${controller}}}`,
    '  tasks:',
    '    "*":',
    '      duration: {lognormal: {median: 20s, sigma: 0.9}}',
    `      failure: {probability: ${probability}, at: {uniform: {min: 0, max: 1}}}`,
    '',
  ].join('\n');
}

/** one-terminal-state's tallies counted from the run's facts, as the checker counts them. */
function recount(kernel: Kernel, state: KernelState): number[] {
  const tally = [0, 0, 0, 0, 0, 0];
  for (let task = 0; task < kernel.taskCount; task++) {
    const doneAt = state.doneAt[task];
    if (doneAt < 0 || (state.completedAt >= 0 && doneAt > state.completedAt)) continue;
    const taskRun = state.taskRunOf[task];
    if (state.skips[task] > 0) {
      tally[Tally.Skipped]++;
      const first = state.firstSkip[task];
      if (
        first === Skip.PipelineTimedOut ||
        first === Skip.TasksTimedOut ||
        first === Skip.FinallyTimedOut
      )
        tally[Tally.SkippedForTimeout]++;
    } else if (state.trEnding[taskRun] === Ending.Succeeded) tally[Tally.Succeeded]++;
    else if (
      state.trCancelCalledForTimeout[taskRun] === 1 &&
      state.trEnding[taskRun] === Ending.Cancelled
    )
      tally[Tally.Failed]++;
    else if (state.trEnding[taskRun] === Ending.Cancelled) tally[Tally.Cancelled]++;
    else if (kernel.onErrorContinue[task] === 1) tally[Tally.Ignored]++;
    else tally[Tally.Failed]++;
  }
  return tally;
}

/** Whether some terminal TaskRun completed past a deadline, scanned as observers.ts deadlines() scans. */
function lateTaskRun(kernel: Kernel, state: KernelState): boolean {
  const startedAtMs = state.startTimeMs;
  const finallyDeadlineMs =
    state.finallyStartedAt < 0
      ? Number.NaN
      : state.finallyStartTimeMs + Math.max(0, kernel.finallyTimeoutMs);
  for (let taskRun = 0; taskRun < state.taskRunCount; taskRun++) {
    if (state.trTerminal[taskRun] === 0) continue;
    const atMs = state.trCompletionMs[taskRun];
    const isFinally = state.trTask[taskRun] >= kernel.dagCount;
    if (!isFinally && atMs > startedAtMs + kernel.tasksTimeoutMs) return true;
    if (isFinally && atMs > finallyDeadlineMs) return true;
    if (atMs > startedAtMs + kernel.pipelineTimeoutMs) return true;
  }
  return false;
}

test('kernel tallies: counts kept as tasks end equal a scan of the run, seed by seed', () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'kernel-tally-'));
  try {
    const cases: [string, string, number][] = [
      ['{pipeline: 10m}', 'kubeApiQPS: 1, kubeApiBurst: 2', 0.3],
      ['{pipeline: 2m, tasks: 70s}', 'kubeApiQPS: 5, kubeApiBurst: 5', 0.2],
      ['{pipeline: 90s, finally: 20s}', 'reconcile: 200ms', 0.5],
    ];
    const seen = new Set<number>();
    cases.forEach(([timeouts, controller, probability], index) => {
      const file = path.join(directory, `tally-${index}.yaml`);
      writeFileSync(file, scenarioYaml(timeouts, controller, probability));
      const [scenario] = loadScenarios([file]);
      const runner = kernelRunnerFor(scenario);
      if (typeof runner === 'string') throw new Error(`not eligible: ${runner}`);
      for (let seed = 1; seed <= 150; seed++) {
        runner.run(seed);
        const { state, kernel } = runner;
        const where = `case ${index} seed ${seed}`;
        assert.is(state.lateTaskRun, lateTaskRun(kernel, state), where);
        if (state.deferred) continue;
        const tally = recount(kernel, state);
        assert.equal(Array.from(state.doneTally), tally, where);
        tally.forEach((count, which) => {
          if (count > 0) seen.add(which);
        });
        let stateless = 0;
        let many = false;
        for (let task = 0; task < kernel.taskCount; task++) {
          const states = state.skips[task] + (state.taskRunOf[task] >= 0 ? 1 : 0);
          if (states === 0) stateless++;
          if (states > 1) many = true;
        }
        assert.is(state.statelessCount, stateless, where);
        assert.is(state.manyStates, many, where);
      }
    });
    // Every way of ending was met, so each branch of the tally was compared, but Cancelled:
    // that is a cancel not made for a deadline, and the kernel makes no other.
    assert.equal([...seen].sort(), [
      Tally.Succeeded,
      Tally.Failed,
      Tally.Ignored,
      Tally.Skipped,
      Tally.SkippedForTimeout,
    ]);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test.run();
