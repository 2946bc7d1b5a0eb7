// One PipelineRun, arriving at 0, alone on a cluster whose controller is the one given: the
// cluster engine's run of it, traced, with its plan.
import { simulateFleet } from '../../src/engine/fleet.js';
import { preparePipelineRun } from '../../src/plan/prepare.js';
import { scriptBehaviour } from '../../src/taskrun/behaviour.js';
import { loadText } from '../../src/tekton/load.js';

export interface Controller {
  workers: number;
  reconcileMs: number;
  qps: number;
  burst: number;
}

export function runAloneOnCluster(yaml: string, controller: Controller) {
  const { plan } = preparePipelineRun(loadText(yaml, 'run.yaml'));
  const fleet = simulateFleet(
    [
      {
        plan,
        arrivalAtMs: 0,
        admissionKey: '',
        behaviour: scriptBehaviour,
        podRequests: plan.tasks.map(() => ({ pods: 1 })),
      },
    ],
    { cluster: { controller }, trace: true },
  );
  const [run] = fleet.runs;
  return { plan, run };
}
