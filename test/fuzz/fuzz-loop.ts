// The fuzz loop shared by the test and the long-run command: for each iteration, pick an
// input, apply one to three mutations and exercise the result. Deterministic in the seed and
// the input set; any one mutant can be rebuilt from (seed, iteration) alone.
import { exercise, type ExerciseOptions, type ExerciseOutcome } from './exercise.js';
import { checkFastPath } from './fast-path-oracle.js';
import type { FuzzInput } from './inputs.js';
import { type MutantKind, mutateText } from './mutate.js';
import { FuzzRandom } from './random.js';

export interface Mutant {
  iteration: number;
  file: string;
  kind: MutantKind;
  text: string;
}

/**
 * The share of mutants made from a file holding a Scenario. There are a few such files among
 * a hundred and more, and a Scenario refuses most changes, so at their own share the workload
 * code would see a few mutants in a thousand; more would spend the budget on schema errors.
 */
const SCENARIO_SHARE = 0.1;
// The extras of exercise.ts, each on one mutant in so many (by iteration, so a reproduction
// does the same): each costs about as much as loading, validating and simulating the input.
const VALIDATION_REPORT_EVERY = 4;
const RENDER_EVERY = 4;
const RENDER_YAML_EVERY = 16;
/** Tree mutants whose fast-path reading is compared with the `yaml` package's (text ones all). */
const COMPARE_YAML_EVERY = 64;

/** The `iteration`-th mutant of a run with `seed`; the same everywhere. */
export function mutantAt(inputs: readonly FuzzInput[], seed: number, iteration: number): Mutant {
  // Each iteration has its own generator, so any one mutant can be rebuilt on its own.
  const random = new FuzzRandom(seed * 1_000_003 + iteration);
  const { scenarios, others: tekton } = inputsByKind(inputs);
  const input =
    scenarios.length > 0 && (tekton.length === 0 || random.next() < SCENARIO_SHARE)
      ? random.pick(scenarios)
      : random.pick(tekton);
  const others = [random.pick(inputs).text];
  const { kind, text } = mutateText(input.text, random, others);
  return { iteration, file: input.file, kind, text };
}

interface InputsByKind {
  scenarios: FuzzInput[];
  others: FuzzInput[];
}

const byKind = new WeakMap<readonly FuzzInput[], InputsByKind>();

function inputsByKind(inputs: readonly FuzzInput[]): InputsByKind {
  let found = byKind.get(inputs);
  if (!found) {
    found = {
      scenarios: inputs.filter((input) => input.scenario),
      others: inputs.filter((input) => !input.scenario),
    };
    byKind.set(inputs, found);
  }
  return found;
}

export interface Crash {
  mutant: Mutant;
  error: unknown;
}

/** What exercises one mutant; the test plants a crashing one to show the loop reports it. */
export type Exercise = (text: string, file: string, options: ExerciseOptions) => ExerciseOutcome;

export function runMutant(mutant: Mutant, run: Exercise = exercise): ExerciseOutcome | Crash {
  try {
    if (mutant.kind === 'text' || mutant.iteration % COMPARE_YAML_EVERY === 3)
      checkFastPath(mutant.text);
    return run(mutant.text, mutant.file, {
      validationReport: mutant.iteration % VALIDATION_REPORT_EVERY === 1,
      render: mutant.iteration % RENDER_EVERY === 0,
      renderYaml: mutant.iteration % RENDER_YAML_EVERY === 0,
    });
  } catch (error) {
    return { mutant, error };
  }
}

export interface CampaignSettings {
  seed: number;
  /** The inputs' size bound, which decides the input set and so is part of a reproduction. */
  maxInputSizeBytes: number;
}

export interface CampaignResult {
  outcomes: Record<ExerciseOutcome, number>;
  /** Mutants of each kind, to show that every kind ran. */
  kinds: Partial<Record<MutantKind, number>>;
  crashes: Crash[];
}

/** Iterations `first` .. `first + count - 1` of `seed`, in this thread, with no time bound. */
export function runCampaign(
  inputs: readonly FuzzInput[],
  { seed, first, count }: { seed: number; first: number; count: number },
  run: Exercise = exercise,
): CampaignResult {
  const result: CampaignResult = {
    outcomes: { 'input-error': 0, validated: 0, simulated: 0 },
    kinds: {},
    crashes: [],
  };
  for (let iteration = first; iteration < first + count; iteration++) {
    const mutant = mutantAt(inputs, seed, iteration);
    result.kinds[mutant.kind] = (result.kinds[mutant.kind] ?? 0) + 1;
    const outcome = runMutant(mutant, run);
    if (typeof outcome === 'string') result.outcomes[outcome] += 1;
    else result.crashes.push(outcome);
  }
  return result;
}

/** A crash as a person needs it: how to run it again, the error with its stack, the input. */
export function describeCrash(crash: Crash, settings: CampaignSettings): string {
  const { mutant, error } = crash;
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return [
    `crash: seed ${settings.seed}, iteration ${mutant.iteration}, ${mutant.kind} mutant of ${mutant.file}`,
    `reproduce: ${reproduceCommand(settings, mutant.iteration)}`,
    stack,
    '--- mutated input ---',
    mutant.text,
    '--- end of mutated input ---',
  ].join('\n');
}

/** The one line that runs this mutant again (on the same input set: scenarios and corpus). */
export function reproduceCommand(settings: CampaignSettings, iteration: number): string {
  return `npm run fuzz -- --seed ${settings.seed} --first ${iteration} --count 1 --max-size ${settings.maxInputSizeBytes}`;
}
