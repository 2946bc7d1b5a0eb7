// The PipelineRun controller as a pure function: reconcile(state, nowMs) returns the commands
// it decided, and the test plays the engine's part by hand (it records the TaskRuns the
// commands create and reports them terminal). Asserted exactly at the conformance cases' key
// moments: C01 (a DAG failure, when-skips, finally), C30 (the tasks deadline), section 4 (a
// hard cancel while a task retries).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { preparePipelineRun } from '../../src/index.js';
import { SpecStatus, TaskRunReason } from '../../src/model/reasons.js';
import type { TaskRunRecord } from '../../src/model/taskrun.js';
import type { SchedulerCommand } from '../../src/scheduler/commands.js';
import { deadlinePassed, specStatusPatched, taskRunTerminal } from '../../src/scheduler/observe.js';
import { reconcile } from '../../src/scheduler/reconcile.js';
import { createRunState, type RunState } from '../../src/scheduler/state.js';
import { loadText } from '../../src/tekton/load.js';
import { caseText } from '../conformance/harness.js';

/** A run of one case's PipelineRun, driven by hand. */
class HandDriven {
  readonly state: RunState;

  constructor(fileName: string, pipelineRun?: string) {
    const set = loadText(caseText(fileName), fileName);
    this.state = createRunState(preparePipelineRun(set, { pipelineRun }).plan);
  }

  /** One reconcile; the TaskRuns it asks for are recorded as running; commands as text. */
  reconcile(nowMs: number): string[] {
    const commands = reconcile(this.state, nowMs);
    const lines = commands.map((command) => this.describe(command));
    for (const command of commands) {
      if (command.kind === 'create-taskrun') this.record(command, nowMs);
    }
    return lines;
  }

  /** A TaskRun of `task` ends: the scheduler is told, as the engine would tell it. */
  end(task: string, how: { succeeded: boolean; reason: string; results?: Record<string, string> }) {
    const taskRun = this.taskRunOf(task);
    taskRun.terminal = true;
    taskRun.succeeded = how.succeeded;
    taskRun.reason = how.reason;
    taskRun.results = Object.entries(how.results ?? {}).map(([name, value]) => ({ name, value }));
    taskRunTerminal(this.state, taskRun.index);
  }

  /** What the engine does when it carries out a cancel command: the TaskRun is patched. */
  cancelled(task: string, statusMessage: string) {
    this.taskRunOf(task).cancelStatusMessage = statusMessage;
  }

  taskRunOf(task: string): TaskRunRecord {
    const index = this.state.plan.taskIndexByName.get(task);
    const found = this.state.taskRuns.find((taskRun) => taskRun.taskIndex === index);
    if (!found) throw new Error(`no TaskRun for ${task}`);
    return found;
  }

  private record(command: Extract<SchedulerCommand, { kind: 'create-taskrun' }>, nowMs: number) {
    const index = this.state.taskRuns.length;
    const task = this.state.plan.tasks[command.task];
    this.state.taskRuns.push({
      index,
      taskIndex: command.task,
      matrixIndex: command.matrixIndex,
      name: `${this.state.plan.pipelineRunName}-${task.name}`,
      params: command.params,
      createdAtMs: nowMs,
      timeoutMs: task.effectiveTimeoutMs,
      retries: task.retries,
      attempt: 0,
      attemptStartMs: nowMs,
      retriesStatus: [],
      terminal: false,
      succeeded: false,
      reason: TaskRunReason.Running,
      message: '',
      results: [],
      cancelledForTimeout: false,
      endTimer: -1,
    });
    this.state.taskRunsOf[command.task].push(index);
  }

  private describe(command: SchedulerCommand): string {
    const taskName = (index: number) => this.state.plan.tasks[index].name;
    switch (command.kind) {
      case 'create-taskrun': {
        const params = command.params.map((param) => `${param.name}=${String(param.value)}`);
        return `create ${taskName(command.task)}${params.length > 0 ? ` (${params.join(', ')})` : ''}`;
      }
      case 'cancel-taskrun':
        return `cancel ${this.state.taskRuns[command.taskRun].name}${command.forTimeout ? ' for timeout' : ''}: ${command.statusMessage}`;
      case 'set-deadline':
        return `set ${command.scope} deadline at ${command.atMs}`;
      case 'clear-deadline':
        return `clear ${command.scope} deadline`;
      case 'note': {
        const note = command.note;
        if (note.kind === 'task-skipped') return `skipped ${taskName(note.task)}: ${note.reason}`;
        if (note.kind === 'condition') return `condition ${note.status}/${note.reason}`;
        if (note.kind === 'run-completed') return `completed ${note.status}/${note.reason}`;
        return note.kind;
      }
    }
  }
}

const C01 = 'C01-dag-failure-when-skips-results-into-finally.yaml';

test('scheduler: reconcile: C01 first reconcile starts the run, skips by when, creates the rest', () => {
  const run = new HandDriven(C01);
  assert.equal(run.reconcile(0), [
    'run-started',
    'set pipeline deadline at 3600000',
    'skipped dagtask3: When Expressions evaluated to false',
    'skipped dagtask4: When Expressions evaluated to false',
    'create dagtask1',
    'create dagtask2',
    'create dagtask5',
    'condition Unknown/Running',
  ]);
});

test('scheduler: reconcile: deciding is not doing: no TaskRun exists until the engine creates it', () => {
  const set = loadText(caseText(C01), C01);
  const state = createRunState(preparePipelineRun(set).plan);
  const commands = reconcile(state, 0);
  assert.is(commands.filter((command) => command.kind === 'create-taskrun').length, 3);
  assert.is(state.taskRuns.length, 0);
  assert.equal(state.taskRunsOf.flat(), []);
});

test('scheduler: reconcile: C01 a DAG failure stops the run; finally starts when the DAG is done', () => {
  const run = new HandDriven(C01);
  run.reconcile(0);
  run.end('dagtask1', { succeeded: false, reason: TaskRunReason.StepFailed });
  // Running, not stopping, until finally is done; the message now counts the failure.
  assert.equal(run.reconcile(0), ['condition Unknown/Running']);
  run.end('dagtask5', { succeeded: true, reason: 'Succeeded', results: { result: 'Hello' } });
  assert.equal(run.reconcile(0), ['condition Unknown/Running'], 'the counts in the message');
  run.end('dagtask2', { succeeded: true, reason: 'Succeeded' });
  assert.equal(run.reconcile(5000), [
    'create finaltask1',
    'create finaltask2 (dagtask1-status=Failed, dagtask2-status=Succeeded, dagtask3-status=None, dagtasks-aggregate-status=Failed)',
    'skipped finaltaskconsumingdagtask1: Results were missing',
    'skipped finaltaskconsumingdagtask4: Results were missing',
    'create finaltaskconsumingdagtask5 (dagtask5-result=Hello)',
    'skipped guardedfinaltaskconsumingdagtask4: Results were missing',
    'create guardedfinaltaskusingdagtask5result1',
    'skipped guardedfinaltaskusingdagtask5result2: When Expressions evaluated to false',
    'create guardedfinaltaskusingdagtask5status1',
    'skipped guardedfinaltaskusingdagtask5status2: When Expressions evaluated to false',
    'finally-started',
    'condition Unknown/Running',
  ]);
  for (const task of [
    'finaltask1',
    'finaltask2',
    'finaltaskconsumingdagtask5',
    'guardedfinaltaskusingdagtask5result1',
    'guardedfinaltaskusingdagtask5status1',
  ])
    run.end(task, { succeeded: true, reason: 'Succeeded' });
  assert.equal(run.reconcile(5000), [
    'condition False/Failed',
    'clear pipeline deadline',
    'clear tasks deadline',
    'clear finally deadline',
    'completed False/Failed',
  ]);
  assert.equal(run.reconcile(6000), [], 'a done run decides nothing more');
});

test('scheduler: reconcile: the when decision is recorded for status, not written by the query', () => {
  const run = new HandDriven(C01);
  run.reconcile(0);
  const dagtask3 = run.state.plan.taskIndexByName.get('dagtask3') as number;
  assert.equal(run.state.resolvedWhen[dagtask3], [
    { input: 'banana', operator: 'in', values: ['apple'] },
  ]);
});

test('scheduler: reconcile: C30 the tasks deadline cancels the DAG TaskRun, then finally runs', () => {
  const run = new HandDriven('C30-tasks-timeout-with-finally.yaml', 'derived-tasks');
  assert.equal(run.reconcile(0), [
    'run-started',
    'set pipeline deadline at 20000',
    'set tasks deadline at 10000',
    'create dag-task',
    'condition Unknown/Running',
  ]);
  deadlinePassed(run.state, 'tasks');
  assert.equal(run.reconcile(10000), [
    'cancel derived-tasks-dag-task for timeout: TaskRun cancelled as the PipelineRun it belongs to has timed out.',
    'condition Unknown/PipelineRunTimeoutRunningFinally',
  ]);
  // The next reconcile, before the cancel took effect, asks nothing twice.
  run.cancelled('dag-task', 'TaskRun cancelled as the PipelineRun it belongs to has timed out.');
  assert.equal(run.reconcile(10000), []);
  const dagTask = run.taskRunOf('dag-task');
  dagTask.cancelledForTimeout = true;
  run.end('dag-task', { succeeded: false, reason: TaskRunReason.TaskRunCancelled });
  assert.equal(run.reconcile(10000), [
    'set finally deadline at 20000',
    'create final-task (dag-status=Failed, dag-reason=TaskRunCancelled)',
    'finally-started',
    'condition Unknown/PipelineRunTimeoutRunningFinally',
  ]);
});

test('scheduler: reconcile: section 4 a hard cancel cancels every running TaskRun and completes', () => {
  const run = new HandDriven('section4-cancellation.yaml', 'running');
  assert.equal(
    run.reconcile(0).filter((line) => line.startsWith('create')),
    ['create first', 'create retrying'],
  );
  // `retrying` is between attempts: still one TaskRun, not terminal, so it is cancelled too.
  specStatusPatched(run.state, SpecStatus.Cancelled);
  assert.equal(run.reconcile(2500), [
    'cancel running-first: TaskRun cancelled as the PipelineRun it belongs to has been cancelled.',
    'cancel running-retrying: TaskRun cancelled as the PipelineRun it belongs to has been cancelled.',
    'condition False/Cancelled',
    'clear pipeline deadline',
    'clear tasks deadline',
    'clear finally deadline',
    'completed False/Cancelled',
  ]);
});

test('scheduler: reconcile: a graceful cancel and the tasks deadline in one reconcile cancel once', () => {
  const run = new HandDriven('C30-tasks-timeout-with-finally.yaml', 'derived-tasks');
  run.reconcile(0);
  specStatusPatched(run.state, SpecStatus.CancelledRunFinally);
  deadlinePassed(run.state, 'tasks');
  const cancels = run.reconcile(10000).filter((line) => line.startsWith('cancel'));
  assert.equal(cancels, [
    'cancel derived-tasks-dag-task: TaskRun cancelled as the PipelineRun it belongs to has been cancelled.',
  ]);
});

test('scheduler: reconcile: the returned commands are one buffer, reused', () => {
  const run = new HandDriven(C01);
  const first = reconcile(run.state, 0);
  const second = reconcile(run.state, 0);
  assert.is(first, second);
});

test.run();
