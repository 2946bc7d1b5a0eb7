// The fuzz loop shared by the test and the long-run command: for each iteration, pick an
// input, apply one to three mutations and exercise the result. Deterministic in the seed.
import { exercise, type ExerciseOutcome } from './exercise.js';
import type { FuzzInput } from './inputs.js';
import { mutateText } from './mutate.js';
import { FuzzRandom } from './random.js';

export interface Mutant {
  iteration: number;
  file: string;
  text: string;
}

/** The `iteration`-th mutant of a run with `seed`; the same everywhere. */
export function mutantAt(inputs: readonly FuzzInput[], seed: number, iteration: number): Mutant {
  // Each iteration has its own generator, so any one mutant can be rebuilt on its own.
  const random = new FuzzRandom(seed * 1_000_003 + iteration);
  const input = random.pick(inputs);
  const others = [random.pick(inputs).text];
  return { iteration, file: input.file, text: mutateText(input.text, random, others) };
}

export interface Crash {
  mutant: Mutant;
  error: unknown;
}

export function runMutant(mutant: Mutant): ExerciseOutcome | Crash {
  try {
    return exercise(mutant.text, mutant.file);
  } catch (error) {
    return { mutant, error };
  }
}

/** A crash as a person needs it: what was mutated, the error with its stack, the input. */
export function describeCrash(crash: Crash, seed: number): string {
  const { mutant, error } = crash;
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return [
    `crash: seed ${seed}, iteration ${mutant.iteration}, mutant of ${mutant.file}`,
    stack,
    '--- mutated input ---',
    mutant.text,
    '--- end of mutated input ---',
  ].join('\n');
}
