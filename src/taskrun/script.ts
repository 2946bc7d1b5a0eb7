// Step behaviour read from the step itself, so Tekton's own examples run as written: a
// step's `script` (or `command` + `args`) is compiled once per task spec into a StepProgram,
// and each simulated attempt runs it: `sleep` decides the duration, `exit` and failing
// commands the exit code, writes to result files the results.
//
// Compiling reports (through `warn`, once per distinct message) everything the simulation
// will not reproduce: unknown commands, loops, other interpreters, syntax errors. Those
// take no time and succeed; a script that does not parse behaves as one unknown command.
//
// Running is cheap: a step's outcome depends only on the values of the Tekton variables in
// it, so outcomes are kept per distinct set of values, and a step without variables is
// interpreted once.
import type { Step } from '../tekton/types.js';
import type { Command, CommandList, Word } from './script-ast.js';
import { basename, checkCommand, checkCommands } from './script-check.js';
import { ScriptSyntaxError } from './script-lex.js';
import {
  createParseContext,
  parseLiteralWord,
  parseScript,
  type ParseContext,
} from './script-parse.js';
import { Shell, type ResultWrite } from './script-run.js';

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
  run(substitute?: (text: string) => string, positional?: readonly string[]): StepOutcome;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'ksh', 'mksh', 'zsh']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
/** Distinct variable values remembered per step; more are interpreted every time. */
const OUTCOME_CACHE_LIMIT = 256;

const EMPTY_RESULTS: readonly StepResult[] = Object.freeze([]);
const SUCCESS_AT_ONCE: StepOutcome = Object.freeze({
  durationMs: 0,
  exitCode: 0,
  results: EMPTY_RESULTS,
});

const NOTHING_TO_RUN: StepProgram = { run: () => SUCCESS_AT_ONCE };

export function compileStep(step: Step, warn: (message: string) => void): StepProgram {
  const reported = new Set<string>();
  const report = (message: string) => {
    if (reported.has(message)) return;
    reported.add(message);
    warn(message);
  };
  try {
    const body =
      step.script !== undefined
        ? compileScript(step.script, step.args ?? [], report)
        : compileCommand([...(step.command ?? []), ...(step.args ?? [])], report);
    if (body === undefined) return NOTHING_TO_RUN;
    return new CompiledStep(body);
  } catch (error) {
    // Never fail on a user's script: report it, and let the step succeed at once.
    const reason =
      error instanceof ScriptSyntaxError
        ? `syntax error at line ${error.line}: ${error.message}`
        : `it could not be interpreted (${error instanceof Error ? error.message : String(error)})`;
    report(`script not simulated: ${reason}; the step takes no time and succeeds`);
    return NOTHING_TO_RUN;
  }
}

/** What a compiled step runs: a shell script or a single command, and its settings. */
interface ProgramBody {
  context: ParseContext;
  list: CommandList;
  errexit: boolean;
  pipefail: boolean;
  scriptName: string;
  positional: Word[];
}

function compileScript(
  script: string,
  args: string[],
  report: (message: string) => void,
): ProgramBody | undefined {
  const trimmed = script.trimStart();
  const context = createParseContext((construct) =>
    report(`unsupported shell construct: ${construct}`),
  );
  const positional = args.map((arg) => parseLiteralWord(arg, context));
  if (!trimmed.startsWith('#!')) {
    // Tekton runs a script without a shebang as `#!/bin/sh` with `set -e` prepended.
    return parseBody(
      script,
      1,
      context,
      { errexit: true, pipefail: false },
      'sh',
      positional,
      report,
    );
  }
  const newline = trimmed.indexOf('\n');
  const interpreter = parseShebang(trimmed.slice(2, newline < 0 ? undefined : newline));
  if (interpreter.shell === undefined) {
    report(`script interpreter not simulated: ${interpreter.name}`);
    return undefined;
  }
  const skippedLines = countLines(script.slice(0, script.length - trimmed.length));
  const body = newline < 0 ? '' : trimmed.slice(newline + 1);
  return parseBody(
    body,
    skippedLines + 2,
    context,
    interpreter,
    interpreter.shell,
    positional,
    report,
  );
}

function parseBody(
  source: string,
  line: number,
  context: ParseContext,
  options: { errexit: boolean; pipefail: boolean },
  scriptName: string,
  positional: Word[],
  report: (message: string) => void,
): ProgramBody {
  const list = parseScript(source, context, line);
  checkCommands(list, context.functionNames, report);
  return {
    context,
    list,
    errexit: options.errexit,
    pipefail: options.pipefail,
    scriptName,
    positional,
  };
}

/** `#!/bin/bash -e`, `#!/usr/bin/env sh`, `#!/bin/busybox sh`, `#!/usr/bin/python3`... */
function parseShebang(line: string): {
  shell: string | undefined;
  name: string;
  errexit: boolean;
  pipefail: boolean;
} {
  const tokens = line
    .trim()
    .split(/\s+/)
    .filter((token) => token !== '');
  let index = 0;
  let name = basename(tokens[0] ?? '');
  if (name === 'env') {
    index++;
    while (
      index < tokens.length &&
      (tokens[index].startsWith('-') || ASSIGNMENT.test(tokens[index]))
    )
      index++;
    name = basename(tokens[index] ?? '');
  }
  if (name === 'busybox' && SHELLS.has(tokens[index + 1] ?? '')) name = tokens[++index];
  if (!SHELLS.has(name))
    return {
      shell: undefined,
      name: name || line.trim() || 'none',
      errexit: false,
      pipefail: false,
    };
  const options = shellOptions(tokens.slice(index + 1));
  return { shell: name, name, errexit: options.errexit, pipefail: options.pipefail };
}

/** Options given to a shell on its command line: `-e`, `-ex`, `-o pipefail`, `-c`. */
function shellOptions(args: string[]): {
  errexit: boolean;
  pipefail: boolean;
  command: boolean;
  operands: number;
} {
  let errexit = false;
  let pipefail = false;
  let command = false;
  let index = 0;
  for (; index < args.length; index++) {
    const arg = args[index];
    if (arg === '--') {
      index++;
      break;
    }
    if (arg === '-o' || arg === '+o') {
      const option = args[++index];
      if (option === 'errexit') errexit = arg === '-o';
      if (option === 'pipefail') pipefail = arg === '-o';
      continue;
    }
    if (!/^[-+][A-Za-z]+$/.test(arg)) break;
    if (arg[0] === '-' && arg.includes('e')) errexit = true;
    if (arg[0] === '-' && arg.includes('c')) command = true;
  }
  return { errexit, pipefail, command, operands: index };
}

/** `command` + `args`: a shell with `-c`, or one command run without a shell. */
function compileCommand(
  argv: string[],
  report: (message: string) => void,
): ProgramBody | undefined {
  if (argv.length === 0) {
    report("command not simulated: the image's own entrypoint (the step has no script or command)");
    return undefined;
  }
  let index = 0;
  if (basename(argv[0]) === 'env') {
    index++;
    while (index < argv.length && (argv[index].startsWith('-') || ASSIGNMENT.test(argv[index])))
      index++;
    if (index >= argv.length) return undefined;
  }
  let name = basename(argv[index]);
  if (name === 'busybox' && SHELLS.has(argv[index + 1] ?? '')) name = argv[++index];
  const context = createParseContext((construct) =>
    report(`unsupported shell construct: ${construct}`),
  );
  if (SHELLS.has(name)) {
    const rest = argv.slice(index + 1);
    const options = shellOptions(rest);
    const operands = rest.slice(options.operands);
    if (!options.command) {
      if (operands.length > 0) report(`command not simulated: ${name} running a script file`);
      return undefined;
    }
    const script = operands[0] ?? '';
    const positional = operands.slice(2).map((arg) => parseLiteralWord(arg, context));
    return parseBody(script, 1, context, options, operands[1] ?? name, positional, report);
  }
  // No shell: each argument is one word, with only Tekton's variables substituted.
  const words = argv.slice(index).map((arg) => parseLiteralWord(arg, context));
  const command: Command = {
    kind: 'simple',
    assignments: [],
    words,
    redirects: [],
    literalArgv: undefined,
  };
  checkCommand(command, context.functionNames, report);
  return {
    context,
    list: { items: [{ first: { negated: false, commands: [command] }, rest: [] }] },
    errexit: false,
    pipefail: false,
    scriptName: name,
    positional: [],
  };
}

/** Outcomes by variable values: one level per variable, so a lookup builds no key. */
type OutcomeTree = Map<string, OutcomeTree | StepOutcome>;

class CompiledStep implements StepProgram {
  private readonly references: readonly string[];
  private literalOutcome: StepOutcome | undefined;
  private readonly outcomes: OutcomeTree = new Map();
  private outcomeCount = 0;
  private readonly values: string[];

  constructor(private readonly body: ProgramBody) {
    this.references = body.context.references;
    this.values = new Array<string>(this.references.length).fill('');
    // Interpreting once now, with the variables as written, primes the common case and
    // turns an interpreter failure into a compile-time warning instead of a failed run.
    this.literalOutcome = this.execute(this.references);
  }

  run(substitute?: (text: string) => string, positional?: readonly string[]): StepOutcome {
    // Positional arguments given at run time (array params expanded into several) vary
    // apart from the variables the cache is keyed on, so such runs are interpreted afresh.
    if (positional !== undefined) return this.execute(this.substituted(substitute), positional);
    const references = this.references;
    if (references.length === 0 || substitute === undefined) {
      return (this.literalOutcome ??= this.execute(references));
    }
    const values = this.values;
    const last = references.length - 1;
    let tree = this.outcomes;
    for (let index = 0; index < last; index++) {
      const value = substitute(references[index]);
      values[index] = value;
      const child = tree.get(value) as OutcomeTree | undefined;
      if (child === undefined) return this.miss(substitute, index);
      tree = child;
    }
    const value = substitute(references[last]);
    values[last] = value;
    const cached = tree.get(value) as StepOutcome | undefined;
    return cached ?? this.miss(substitute, last);
  }

  /** Interprets with values[0..known] already substituted, and remembers the outcome. */
  private miss(substitute: (text: string) => string, known: number): StepOutcome {
    const values = this.values.slice();
    for (let index = known + 1; index < values.length; index++)
      values[index] = substitute(this.references[index]);
    let outcome: StepOutcome;
    try {
      outcome = this.execute(values);
    } catch {
      // Compiling already ran this script once; a failure only some values provoke must
      // still not end the simulation.
      outcome = SUCCESS_AT_ONCE;
    }
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

  private substituted(substitute: ((text: string) => string) | undefined): string[] {
    return substitute
      ? this.references.map((reference) => substitute(reference))
      : [...this.references];
  }

  private execute(values: readonly string[], positional?: readonly string[]): StepOutcome {
    const body = this.body;
    const shell = new Shell(values, body.context.functionNames, {
      errexit: body.errexit,
      pipefail: body.pipefail,
      scriptName: body.scriptName,
      positional: [],
    });
    shell.positional = positional
      ? [...positional]
      : body.positional.map((word) => shell.expandWord(word));
    const exitCode = shell.runScript(body.list);
    return outcomeOf(shell, exitCode);
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

function countLines(text: string): number {
  let count = 0;
  for (const char of text) if (char === '\n') count++;
  return count;
}
