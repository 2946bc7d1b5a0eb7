// Step behaviour read from the step itself, so Tekton's own examples run as written: a
// step's `script` (or `command` + `args`) is compiled once per task spec into a StepProgram,
// and each simulated attempt runs it: `sleep` decides the duration, `exit` and failing
// commands the exit code, writes to result files the results.
//
// Compiling reports (through `warn`, once per distinct message) everything the simulation
// will not reproduce: unknown commands, loops, other interpreters, syntax errors. Those
// take no time and succeed; a script that does not parse behaves as one unknown command.
import type { Command, Word } from './ast.js';
import { basename, checkCommand, checkCommands } from './check.js';
import { ScriptSyntaxError } from './lex.js';
import { createParseContext, type ParseContext, parseLiteralWord, parseScript } from './parse.js';
import { CompiledStep, NOTHING_TO_RUN, type ProgramBody, type StepProgram } from './program.js';

/** The fields of a Tekton step that decide what it runs. */
export interface StepSource {
  script?: string;
  command?: readonly string[];
  args?: readonly string[];
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'ksh', 'mksh', 'zsh']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/**
 * Compiled programs by what decides them (script, command, args), with the warnings compiling
 * gave, shared by every plan and by `validate`'s step coverage: a program's outcome depends
 * only on its source and the values it runs with, and generated pipelines, scenarios and
 * repeated loads compile the same steps again and again. Bounded in entries and in the
 * characters of source kept.
 */
const compiledBySource = new Map<string, { program: StepProgram; messages: string[] }>();
const MAX_CACHED_PROGRAMS = 4096;
const MAX_CACHED_SOURCE_CHARS = 16 * 1024 * 1024;
let cachedSourceChars = 0;

export function compileStep(step: StepSource, warn: (message: string) => void): StepProgram {
  const key = JSON.stringify({ script: step.script, command: step.command, args: step.args });
  let compiled = compiledBySource.get(key);
  if (!compiled) {
    const messages: string[] = [];
    compiled = { program: compileUncached(step, (message) => messages.push(message)), messages };
    if (
      compiledBySource.size >= MAX_CACHED_PROGRAMS ||
      cachedSourceChars + key.length > MAX_CACHED_SOURCE_CHARS
    ) {
      compiledBySource.clear();
      cachedSourceChars = 0;
    }
    compiledBySource.set(key, compiled);
    cachedSourceChars += key.length;
  }
  for (const message of compiled.messages) warn(message);
  return compiled.program;
}

function compileUncached(step: StepSource, warn: (message: string) => void): StepProgram {
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
        : // Without a command the image's own entrypoint runs, and args are its arguments.
          compileCommand(
            step.command?.length ? [...step.command, ...(step.args ?? [])] : [],
            report,
          );
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

function compileScript(
  script: string,
  args: readonly string[],
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
  // sh, ash and dash: busybox's reading of `[[` (the images Tekton's examples use); dash
  // itself has no `[[` at all, so there the line would fail with 127 instead.
  context.posixShell = scriptName === 'sh' || scriptName === 'ash' || scriptName === 'dash';
  const list = parseScript(source, context, line);
  checkCommands(list, context.functionNames, report);
  return {
    context,
    list,
    errexit: options.errexit,
    pipefail: options.pipefail,
    scriptName,
    positional,
    source: { text: source, line },
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

function countLines(text: string): number {
  let count = 0;
  for (const char of text) if (char === '\n') count++;
  return count;
}
