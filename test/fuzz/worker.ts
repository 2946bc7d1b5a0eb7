// A fuzz worker thread: builds the mutants it is asked for and exercises each, answering with
// the outcome or the crash. The parent times every answer, so a hang costs only this thread.
import { parentPort, workerData } from 'node:worker_threads';
import { type CampaignSettings, describeCrash, mutantAt, runMutant } from './fuzz-loop.js';
import { collectInputs } from './inputs.js';

export type WorkerSettings = CampaignSettings;

export type WorkerAnswer =
  | { iteration: number; outcome: string }
  | { iteration: number; crash: string };

const settings = workerData as WorkerSettings;
const { inputs } = collectInputs(settings.maxInputSizeBytes);

parentPort?.on('message', (iteration: number) => {
  const result = runMutant(mutantAt(inputs, settings.seed, iteration));
  const answer: WorkerAnswer =
    typeof result === 'string'
      ? { iteration, outcome: result }
      : { iteration, crash: describeCrash(result, settings) };
  parentPort?.postMessage(answer);
});
// Loading the simulator takes seconds on a busy machine; the parent starts its clock after this.
parentPort?.postMessage('ready');
