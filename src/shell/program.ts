// A compiled step and what running it gives. Running is cheap: a step's outcome depends
// only on the values of the Tekton variables in it, so outcomes are kept per distinct set of
// values, and a step without variables is interpreted once. A command we do not simulate
// (`git`, `go`) does not change that: it only makes the files the step can write unknown,
// which a kept outcome repeats on the step's files without interpreting the script again.
import type { CommandList, Word } from './ast.js';
import type { StepFileSource } from './files.js';
import { type ResultWrite, Shell } from './interpreter.js';
import type { ParseContext } from './parse.js';
import { parseSubstitutedSource, someValueIsShellSyntax } from './substituted-source.js';

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
   * The files the step sees; a standalone view when not given. The view is made only if the
   * step is interpreted: an outcome kept per variable values needs no files.
   */
  files?: StepFileSource;
  /** The step's `workingDir`; Tekton's default /workspace when not given. */
  workingDirectory?: string;
  /** The container's environment variables (the step's `env`, `envFrom`, stepTemplate's). */
  environment?: ReadonlyMap<string, string>;
  /**
   * Where the entrypoint writes the step's standard output and error (`stdoutConfig.path`,
   * `stderrConfig.path`): stdout as the script printed it; stderr, not simulated, empty.
   */
  outputPaths?: { stdout?: string; stderr?: string };
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

/** A script that fails inside the interpreter succeeds at once, as an unknown command would. */
const FAILED_TO_INTERPRET: KeptOutcome = {
  outcome: SUCCESS_AT_ONCE,
  unsimulatedCommand: undefined,
};

/** What a compiled step runs: a shell script or a single command, and its settings. */
export interface ProgramBody {
  context: ParseContext;
  list: CommandList;
  errexit: boolean;
  pipefail: boolean;
  scriptName: string;
  positional: Word[];
  /**
   * The shell source `list` was parsed from: Tekton writes the variables' values into it as
   * text, so a value with shell syntax in it is parsed again with the values in
   * (substituted-source.ts).
   */
  source?: { text: string; line: number };
}

/** An outcome kept for some variable values, and what it did to the step's files. */
interface KeptOutcome {
  outcome: StepOutcome;
  /** The first command not simulated that ran: it makes the writable files unknown. */
  unsimulatedCommand: string | undefined;
}

/** Outcomes by variable values: one level per variable, so a lookup builds no key. */
type OutcomeTree = Map<string, OutcomeTree | KeptOutcome>;

/** What one interpretation gave. */
interface Interpreted extends KeptOutcome {
  /** Whether the outcome depends on files, or changed some: it is then never kept. */
  touchedFiles: boolean;
}

export class CompiledStep implements StepProgram {
  private readonly references: readonly string[];
  private literalOutcome: KeptOutcome | undefined;
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
    if (!primed.touchedFiles) this.literalOutcome = kept(primed);
  }

  run(substitute?: (text: string) => string, options: StepRunOptions = {}): StepOutcome {
    // Positional arguments given at run time (array params expanded into several) vary
    // apart from the variables the cache is keyed on, so such runs are interpreted afresh,
    // as are runs of a step that works with files.
    if (
      options.positional !== undefined ||
      options.workingDirectory !== undefined ||
      options.environment !== undefined ||
      options.outputPaths !== undefined ||
      this.touchesFiles
    ) {
      return this.interpret(this.substituted(substitute), options, substitute !== undefined);
    }
    const references = this.references;
    if (references.length === 0 || substitute === undefined) {
      return this.literalOutcome
        ? replayed(this.literalOutcome, options)
        : this.interpret(this.substituted(substitute), options, substitute !== undefined);
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
    const cached = tree.get(value) as KeptOutcome | undefined;
    return cached ? replayed(cached, options) : this.miss(substitute, last, options);
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
    const interpreted = this.interpretKept(values, options, true);
    const outcome = interpreted.outcome;
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
      tree.set(values[values.length - 1], kept(interpreted));
    }
    return outcome;
  }

  /** Runs the script, never failing: a failure only some values provoke must not end a run. */
  private interpret(
    values: readonly string[],
    options: StepRunOptions,
    substituted: boolean,
  ): StepOutcome {
    return this.interpretKept(values, options, substituted).outcome;
  }

  private interpretKept(
    values: readonly string[],
    options: StepRunOptions,
    substituted: boolean,
  ): KeptOutcome {
    try {
      const interpreted = this.execute(values, options, substituted);
      if (interpreted.touchedFiles) this.touchesFiles = true;
      return interpreted;
    } catch {
      return FAILED_TO_INTERPRET;
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
  ): Interpreted {
    const body = this.body;
    const shellOptions = {
      errexit: body.errexit,
      pipefail: body.pipefail,
      scriptName: body.scriptName,
      positional: [],
      files: options.files,
      workingDirectory: options.workingDirectory,
      environment: options.environment,
      substituted,
    };
    let shell = new Shell(values, body.context.functionNames, shellOptions);
    const positional = options.positional
      ? [...options.positional]
      : body.positional.map((word) => shell.expandWord(word));
    let list = body.list;
    const reparsed =
      substituted && body.source && someValueIsShellSyntax(values)
        ? parseSubstitutedSource(body.source, this.references, values, body.context.posixShell)
        : undefined;
    if (reparsed) {
      list = reparsed.list;
      shell = new Shell(reparsed.values, reparsed.functionNames, shellOptions);
    }
    shell.positional = positional;
    const stdout = options.outputPaths?.stdout !== undefined ? { text: '' } : undefined;
    let exitCode = shell.runScript(list, stdout);
    const paths = options.outputPaths;
    if (paths?.stderr !== undefined) shell.writeFile(paths.stderr, '', false);
    if (paths?.stdout !== undefined)
      shell.writeFile(paths.stdout, stdout?.text ?? '', paths.stdout === paths.stderr);
    // The commands before the syntax error ran; sh then stops with status 2.
    if (reparsed?.syntaxError && !shell.exiting) exitCode = 2;
    return {
      outcome: outcomeOf(shell, exitCode),
      touchedFiles: shell.files.touched,
      unsimulatedCommand: shell.files.unsimulatedCommand,
    };
  }
}

/** What a kept outcome holds of an interpretation (a copy: the interpretation has more). */
function kept({ outcome, unsimulatedCommand }: KeptOutcome): KeptOutcome {
  return { outcome, unsimulatedCommand };
}

/** A kept outcome, its command not simulated having made the step's writable files unknown. */
function replayed(kept: KeptOutcome, options: StepRunOptions): StepOutcome {
  if (kept.unsimulatedCommand !== undefined) options.files?.taintWritable(kept.unsimulatedCommand);
  return kept.outcome;
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
