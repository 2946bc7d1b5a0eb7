// Carrying out a scheduler's create command, as both engines (one run, a fleet of runs) do:
// the TaskRun's record made and added to the run's state, where the scheduler finds it.
import type { TaskRunRecord } from '../model/taskrun.js';
import type { SchedulerCommand } from '../scheduler/commands.js';
import type { RunState } from '../scheduler/state.js';
import { createTaskRunRecord, type LifecycleContext } from '../taskrun/lifecycle.js';

export type CreateCommand = Extract<SchedulerCommand, { kind: 'create-taskrun' }>;

export function addTaskRun(
  lifecycle: LifecycleContext,
  state: RunState,
  command: CreateCommand,
  nowMs: number,
): TaskRunRecord {
  const { task, matrixIndex, matrixCount, params, propagatedResults, workspaceResults } = command;
  const taskRun = createTaskRunRecord(
    lifecycle,
    state.taskRuns.length,
    task,
    { matrixIndex, matrixCount },
    params,
    nowMs,
    propagatedResults,
    workspaceResults,
  );
  state.taskRuns.push(taskRun);
  state.taskRunsOf[task].push(taskRun.index);
  return taskRun;
}
