// Every run completes within the event bound. The engine throws LivenessError when it runs
// out; the runner catches it and turns it into this invariant's violation.
import { LivenessError } from '../../engine/simulation.js';
import type { Invariant } from './types.js';

export const liveness: Invariant = {
  name: 'liveness',
  description: 'every run completes within the event bound',
  kind: 'runner',
};

/** The violation message for an error a run threw, or undefined when it is not a liveness failure. */
export function livenessViolation(error: unknown): string | undefined {
  return error instanceof LivenessError ? error.message : undefined;
}
