// The workload model a Scenario compiles to: what each task's attempts do, and whether the
// user cancels the run. Everything is checked and in milliseconds; nothing here is YAML.
import type { SpecStatus } from '../model/reasons.js';
import type { PipelineRunSpecStatus } from '../tekton/types.js';
import type { Distribution } from './distribution.js';

export interface FailureModel {
  /** Chance that the first attempt fails. */
  probability: number;
  /** Chance that each retry fails. */
  retryProbability: number;
  /** When in the attempt the failure happens, as a fraction of the drawn duration. */
  atFraction: Distribution;
  exitCode: number;
  /** Step name that fails; undefined = the last step. */
  step?: string;
}

export interface ResultModel {
  name: string;
  value: string;
  /** Chance that the attempt writes the result at all. */
  probability: number;
}

export interface StepModel {
  durationMs?: Distribution;
  failure?: FailureModel;
}

export interface TaskModel {
  /** Whole-attempt duration; when absent, the scripts' (or the steps' models') durations. */
  durationMs?: Distribution;
  failure?: FailureModel;
  results: ResultModel[];
  /** By step name. */
  steps: ReadonlyMap<string, StepModel>;
}

/** spec.status a scenario can patch in to cancel: every value but PipelineRunPending. */
export type CancelMode = Exclude<PipelineRunSpecStatus, typeof SpecStatus.PipelineRunPending>;

export interface CancelModel {
  probability: number;
  atMs: Distribution;
  mode: CancelMode;
}

export interface WorkloadModel {
  /** By pipeline task name; tasks absent here use `defaultTask`, or their scripts. */
  tasks: ReadonlyMap<string, TaskModel>;
  defaultTask?: TaskModel;
  cancel?: CancelModel;
}
