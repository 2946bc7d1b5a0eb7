// A compiled step and what running it gives. Running is cheap: a step's outcome depends
// only on the values of the Tekton variables in it, so outcomes are kept per distinct set of
// values, and a step without variables is interpreted once.
import type { CommandList, Word } from './ast.js';
import type { FileView } from './files.js';
import { type ResultWrite, Shell } from './interpreter.js';
import type { ParseContext } from './parse.js';

export interface StepResult {
  name: string;
  value: string;
  /** When it was written, as an offset from the start of the step. */
  atMs: number;
}

/** One run of a step. Shared between runs with the same variable values: do not modify. */
export interface StepOutcome {
  /** Whole milliseconds; Infinity when the step never ends by itself (`sleep infinity`). */
  durationMs: number;
  exitCode: number;
  /** Task results: writes to `$(results.R.path)` or `/tekton/results/R`, last write per name. */
  results: readonly StepResult[];
  /** Step results: writes to `$(step.results.R.path)`. Absent when there are none. */
  stepResults?: readonly StepResult[];
}

export interface StepProgram {
  /**
   * Runs the step once. `substitute` replaces Tekton variables (`$(params.x)`) in a text;
   * it is called with each distinct variable of the step, not with whole words. Without it,
   * variables stay as literal text.
   */
  run(substitute?: (text: string) => string, options?: StepRunOptions): StepOutcome;
}

export interface StepRunOptions {
  /** Positional arguments decided at run time (args with arrays expanded), replacing `args`. */
  positional?: readonly string[];
  /**
   * The files the step sees; a standalone view when not given. A function is called only if
   * the step is interpreted: an outcome kept per variable values needs no files.
   */
  files?: FileView | (() => FileView);
  /** The step's `workingDir`; Tekton's default /workspace when not given. */
  workingDirectory?: string;
}

/** Distinct variable values remembered per step; more are interpreted every time. */
const OUTCOME_CACHE_LIMIT = 256;

const EMPTY_RESULTS: readonly StepResult[] = Object.freeze([]);
export const SUCCESS_AT_ONCE: StepOutcome = Object.freeze({
  durationMs: 0,
  exitCode: 0,
  results: EMPTY_RESULTS,
});

export const NOTHING_TO_RUN: StepProgram = { run: () => SUCCESS_AT_ONCE };

/** What a compiled step runs: a shell script or a single command, and its settings. */
export interface ProgramBody {
  context: ParseContext;
  list: CommandList;
  errexit: boolean;
  pipefail: boolean;
  scriptName: string;
  positional: Word[];
}

/** Outcomes by variable values: one level per variable, so a lookup builds no key. */
type OutcomeTree = Map<string, OutcomeTree | StepOutcome>;

export class CompiledStep implements StepProgram {
  private readonly references: readonly string[];
  private literalOutcome: StepOutcome | undefined;
  private readonly outcomes: OutcomeTree = new Map();
  private outcomeCount = 0;
  private readonly values: string[];
  /**
   * Whether some run read, tested, wrote or possibly changed files (other than results):
   * its outcome then depends on the files as well as on the variables, so it is not kept.
   */
  private touchesFiles = false;

  constructor(private readonly body: ProgramBody) {
    this.references = body.context.references;
    this.values = new Array<string>(this.references.length).fill('');
    // Interpreting once now, with the variables as written, primes the common case and
    // turns an interpreter failure into a compile-time warning instead of a failed run.
    const primed = this.execute(this.references, {}, false);
    if (!primed.touchedFiles) this.literalOutcome = primed.outcome;
  }

  run(substitute?: (text: string) => string, options: StepRunOptions = {}): StepOutcome {
    // Positional arguments given at run time (array params expanded into several) vary
    // apart from the variables the cache is keyed on, so such runs are interpreted afresh,
    // as are runs of a step that works with files.
    if (
      options.positional !== undefined ||
      options.workingDirectory !== undefined ||
      this.touchesFiles
    ) {
      return this.interpret(this.substituted(substitute), options, substitute !== undefined);
    }
    const references = this.references;
    if (references.length === 0 || substitute === undefined) {
      return (
        this.literalOutcome ??
        this.interpret(this.substituted(substitute), options, substitute !== undefined)
      );
    }
    const values = this.values;
    const last = references.length - 1;
    let tree = this.outcomes;
    for (let index = 0; index < last; index++) {
      const value = substitute(references[index]);
      values[index] = value;
      const child = tree.get(value) as OutcomeTree | undefined;
      if (child === undefined) return this.miss(substitute, index, options);
      tree = child;
    }
    const value = substitute(references[last]);
    values[last] = value;
    const cached = tree.get(value) as StepOutcome | undefined;
    return cached ?? this.miss(substitute, last, options);
  }

  /** Interprets with values[0..known] already substituted, and remembers the outcome. */
  private miss(
    substitute: (text: string) => string,
    known: number,
    options: StepRunOptions,
  ): StepOutcome {
    const values = this.values.slice();
    for (let index = known + 1; index < values.length; index++)
      values[index] = substitute(this.references[index]);
    const outcome = this.interpret(values, options, true);
    if (this.touchesFiles) return outcome;
    if (this.outcomeCount < OUTCOME_CACHE_LIMIT) {
      this.outcomeCount++;
      let tree = this.outcomes;
      for (let index = 0; index < values.length - 1; index++) {
        let child = tree.get(values[index]) as OutcomeTree | undefined;
        if (child === undefined) {
          child = new Map();
          tree.set(values[index], child);
        }
        tree = child;
      }
      tree.set(values[values.length - 1], outcome);
    }
    return outcome;
  }

  /** Runs the script, never failing: a failure only some values provoke must not end a run. */
  private interpret(
    values: readonly string[],
    options: StepRunOptions,
    substituted: boolean,
  ): StepOutcome {
    try {
      const { outcome, touchedFiles } = this.execute(values, options, substituted);
      if (touchedFiles) this.touchesFiles = true;
      return outcome;
    } catch {
      return SUCCESS_AT_ONCE;
    }
  }

  private substituted(substitute: ((text: string) => string) | undefined): string[] {
    return substitute
      ? this.references.map((reference) => substitute(reference))
      : [...this.references];
  }

  private execute(
    values: readonly string[],
    options: StepRunOptions,
    substituted: boolean,
  ): { outcome: StepOutcome; touchedFiles: boolean } {
    const body = this.body;
    const shell = new Shell(values, body.context.functionNames, {
      errexit: body.errexit,
      pipefail: body.pipefail,
      scriptName: body.scriptName,
      positional: [],
      files: options.files,
      workingDirectory: options.workingDirectory,
      substituted,
    });
    shell.positional = options.positional
      ? [...options.positional]
      : body.positional.map((word) => shell.expandWord(word));
    const exitCode = shell.runScript(body.list);
    return { outcome: outcomeOf(shell, exitCode), touchedFiles: shell.files.touched };
  }
}

function outcomeOf(shell: Shell, exitCode: number): StepOutcome {
  const results: StepResult[] = [];
  const stepResults: StepResult[] = [];
  for (const write of shell.results.values()) {
    (write.stepResult ? stepResults : results).push(frozenResult(write));
  }
  const outcome: StepOutcome = {
    durationMs: shell.elapsedMs,
    exitCode,
    results: results.length > 0 ? Object.freeze(results) : EMPTY_RESULTS,
  };
  if (stepResults.length > 0) outcome.stepResults = Object.freeze(stepResults);
  return Object.freeze(outcome);
}

function frozenResult(write: ResultWrite): StepResult {
  return Object.freeze({ name: write.name, value: write.value, atMs: write.atMs });
}
