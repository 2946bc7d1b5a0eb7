// Runs a parsed step script in virtual time: `sleep` advances the clock, output flows through
// pipes, redirections and command substitutions as strings, and writes to Tekton result
// files are recorded with the time they happen. Nothing here reads a real file, clock or
// environment; commands the simulator does not know take no time and succeed (they were
// reported when the script was compiled, so running never warns).
import type {
  AndOr,
  Assignment,
  Command,
  CommandList,
  Pipeline,
  Redirect,
  Word,
  WordPart,
} from './ast.js';
import { appended, copyArrays, type IndexedArray } from './arrays.js';
import { KNOWN_COMMANDS, runBuiltin } from './builtins.js';
import { ArithmeticError, evaluateArithmetic } from './arithmetic.js';
import { evaluateCondition, matchesPattern } from './conditions.js';
import { arrayOf, elementIndex, parameterValue, separateFields } from './parameters.js';
import type { CommandIO, LoopControl, Output, ShellContext } from './context.js';
import type { StepFileSource } from './files.js';
import { createParseContext, parseScript } from './parse.js';
import { standInOutput } from './stand-ins.js';
import { RANDOM_DEVICES, randomDeviceRead } from './random-device.js';
import { resultTarget, StepFiles, standaloneView } from './step-files.js';

export interface ResultWrite {
  name: string;
  value: string;
  atMs: number;
  /** Written to `$(step.results.NAME.path)` rather than a task result. */
  stepResult: boolean;
}

export interface ShellOptions {
  errexit: boolean;
  pipefail: boolean;
  /** `$0`, then `$1`... */
  scriptName: string;
  positional: readonly string[];
  /** The files the step sees (or what makes them); a standalone view when not given. */
  files?: StepFileSource;
  workingDirectory?: string;
  /** The environment the script starts with; bash adds PWD, the directory it starts in. */
  environment?: ReadonlyMap<string, string>;
  /**
   * Whether the Tekton variables were substituted: a `$(params...)` or `$(context...)`
   * left as written then names nothing Tekton knows, so it stays in the script and the
   * shell reads it as a command substitution of a command that does not exist.
   */
  substituted?: boolean;
}

const UNKNOWN_VARIABLE = /^\$\((params|context)[.[]/;

const NO_INPUT: CommandIO = { stdin: '', out: null };
const GLOB_CHARACTER = /[*?[]/;

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
/** Turns a loop may take before the step counts as never ending by itself. */
const MAX_LOOP_TURNS = 10_000;
const MAX_CALL_DEPTH = 100;
const IFS_WHITESPACE = /[ \t\n]+/;

export class Shell implements ShellContext {
  readonly vars = new Map<string, string>();
  readonly arrays = new Map<string, IndexedArray>();
  positional: string[];
  scriptName: string;
  /** `$?` */
  status = 0;
  elapsedMs = 0;
  errexit: boolean;
  pipefail: boolean;
  /** Set by `exit` (and by `set -e` on a failure): unwinds to the script or subshell. */
  exiting = false;
  /** Above zero while running an `if` condition or the left side of `&&`/`||`: `set -e` waits. */
  private conditionDepth = 0;
  /** Set by `break`, `continue` and `return` until the loop or function they end takes it. */
  control: LoopControl | undefined;
  private readonly functions = new Map<string, Command>();
  private callDepth = 0;
  /** The status of the last command substitution, for commands that are only assignments. */
  private substitutionStatus = 0;
  readonly files: StepFiles;
  private readonly substituted: boolean;
  readonly results = new Map<string, ResultWrite>();
  /**
   * The open `<(...)` files by path (`/dev/fd/63`...), with their commands' output; each is
   * closed when the command whose words opened it ends, as bash closes the pipe.
   */
  private readonly pipes = new Map<string, string>();
  /** How many reads of /dev/urandom this step made: each gives other bytes. */
  private randomReads = 0;

  constructor(
    private readonly referenceValues: readonly string[],
    readonly functionNames: ReadonlySet<string>,
    options: ShellOptions,
  ) {
    this.errexit = options.errexit;
    this.pipefail = options.pipefail;
    this.scriptName = options.scriptName;
    this.positional = [...options.positional];
    this.substituted = options.substituted === true;
    this.files = new StepFiles(options.files?.view() ?? standaloneView());
    if (options.workingDirectory) this.files.workingDirectory = options.workingDirectory;
    for (const [name, value] of options.environment ?? []) this.vars.set(name, value);
    this.vars.set('PWD', this.files.workingDirectory);
  }

  /** Runs the script; its standard output goes to `stdout` when given, else nowhere. */
  runScript(list: CommandList, stdout?: Output): number {
    this.runList(list, stdout ? { stdin: '', out: stdout } : NO_INPUT);
    return this.status & 255;
  }

  evaluate(source: string, io: CommandIO): number | undefined {
    const context = createParseContext(() => {});
    let list: CommandList;
    try {
      list = parseScript(source, context);
    } catch {
      return undefined;
    }
    // Indexes of Tekton references in the text would name the step's own values.
    if (context.references.length > 0) return undefined;
    this.runList(list, io);
    return this.status;
  }

  /** Runs one command from its argument vector (a step's `command` + `args`). */
  runArgv(argv: string[]): number {
    this.status = argv.length > 0 ? this.invoke(argv, NO_INPUT) : 0;
    return this.status & 255;
  }

  runList(list: CommandList, io: CommandIO): void {
    for (const item of list.items) {
      this.runAndOr(item, io);
      if (this.exiting || this.control !== undefined) return;
    }
  }

  private runAndOr(andOr: AndOr, io: CommandIO): void {
    const rest = andOr.rest;
    // A failure only ends the script under `set -e` when it comes from the last pipeline of
    // an `&&`/`||` chain and is not inverted with `!`, as in sh.
    let exempt = rest.length > 0 || andOr.first.negated;
    let status = this.runPipeline(andOr.first, io, exempt);
    for (let index = 0; index < rest.length && !this.exiting; index++) {
      const { op, pipeline } = rest[index];
      if (op === '&&' ? status !== 0 : status === 0) continue;
      exempt = index < rest.length - 1 || pipeline.negated;
      status = this.runPipeline(pipeline, io, exempt);
    }
    this.status = status;
    if (status !== 0 && this.errexit && !exempt && this.conditionDepth === 0 && !this.exiting) {
      this.exiting = true;
    }
  }

  private runPipeline(pipeline: Pipeline, io: CommandIO, exempt: boolean): number {
    if (exempt) this.conditionDepth++;
    let status: number;
    const commands = pipeline.commands;
    if (commands.length === 1) {
      status = this.runCommand(commands[0], io);
    } else {
      status = this.runMultiPipeline(commands, io);
    }
    if (exempt) this.conditionDepth--;
    if (pipeline.negated) status = status === 0 ? 1 : 0;
    this.status = status;
    return status;
  }

  /**
   * The commands of `a | b | c` run at the same time, each in a subshell: each starts at the
   * pipeline's start, the pipeline ends when the slowest does, and `exit` ends only its own
   * command. Variable assignments inside are not undone (a simplification).
   */
  private runMultiPipeline(commands: Command[], io: CommandIO): number {
    const startMs = this.elapsedMs;
    let endMs = startMs;
    let stdin = io.stdin;
    let stdinUnknown = io.stdinUnknown;
    let status = 0;
    let failedStatus = 0;
    for (let index = 0; index < commands.length; index++) {
      const last = index === commands.length - 1;
      const out: Output | null = last ? io.out : { text: '' };
      this.elapsedMs = startMs;
      status = this.runCommand(commands[index], { stdin, out, stdinUnknown });
      this.exiting = false;
      this.control = undefined;
      if (status !== 0) failedStatus = status;
      if (this.elapsedMs > endMs) endMs = this.elapsedMs;
      stdin = out === null ? '' : out.text;
      stdinUnknown = out?.unknown === true;
    }
    this.elapsedMs = endMs;
    return this.pipefail && failedStatus !== 0 ? failedStatus : status;
  }

  private runCommand(command: Command, io: CommandIO): number {
    const open = this.pipes.size;
    const status = this.runCommandKind(command, io);
    if (this.pipes.size > open) this.closePipes(open);
    return status;
  }

  /** Closes the `<(...)` files opened after the first `open` (the map keeps their order). */
  private closePipes(open: number): void {
    let index = 0;
    for (const path of [...this.pipes.keys()]) if (index++ >= open) this.pipes.delete(path);
  }

  private runCommandKind(command: Command, io: CommandIO): number {
    switch (command.kind) {
      case 'simple':
        return this.runSimple(command, io);
      case 'if':
        return this.withRedirects(command.redirects, io, (inner) => {
          for (const clause of command.clauses) {
            this.conditionDepth++;
            this.runList(clause.condition, inner);
            this.conditionDepth--;
            if (this.exiting) return this.status;
            if (this.status === 0) {
              this.runList(clause.body, inner);
              return this.status;
            }
          }
          if (command.otherwise) {
            this.runList(command.otherwise, inner);
            return this.status;
          }
          return 0;
        });
      case 'group':
        return this.withRedirects(command.redirects, io, (inner) => {
          if (!command.subshell) {
            this.runList(command.body, inner);
            return this.status;
          }
          return this.inSubshell(() => this.runList(command.body, inner));
        });
      case 'condition':
        return this.withRedirects(command.redirects, io, () =>
          evaluateCondition(this, command.expression),
        );
      case 'for':
        return this.withRedirects(command.redirects, io, (inner) => this.runFor(command, inner));
      case 'while':
        return this.withRedirects(command.redirects, io, (inner) => this.runWhile(command, inner));
      case 'case':
        return this.withRedirects(command.redirects, io, (inner) => this.runCase(command, inner));
      case 'function':
        this.functions.set(command.name, command.body);
        return 0;
      case 'arithmetic':
        return this.withRedirects(command.redirects, io, () => {
          const value = this.arithmetic(command.expression);
          return value === undefined ? 1 : value !== 0 ? 0 : 1;
        });
      case 'unsupported':
        return 0;
    }
  }

  // Loops, case and functions

  /** Runs a loop body; false when the loop must stop (break, return, exit, too many turns). */
  private loopTurn(body: CommandList, io: CommandIO, turns: number): boolean {
    if (turns > MAX_LOOP_TURNS) {
      // A loop that does not end by itself keeps the step running until something ends it.
      this.elapsedMs = Number.POSITIVE_INFINITY;
      this.exiting = true;
      return false;
    }
    this.runList(body, io);
    const control = this.control;
    if (control === undefined) return !this.exiting;
    if (control.kind === 'return') return false;
    if (control.levels > 1) {
      control.levels -= 1;
      return false;
    }
    this.control = undefined;
    return control.kind === 'continue';
  }

  private runFor(command: Extract<Command, { kind: 'for' }>, io: CommandIO): number {
    const items = command.items ? this.expandFields(command.items) : [...this.positional];
    this.status = 0;
    let turns = 0;
    for (const item of items) {
      this.vars.set(command.name, item);
      if (!this.loopTurn(command.body, io, ++turns)) break;
    }
    return this.status;
  }

  private runWhile(command: Extract<Command, { kind: 'while' }>, io: CommandIO): number {
    // One reader for the whole loop, so `read` in it takes one line after another.
    const loopIO: CommandIO = { ...io, reader: io.reader ?? { rest: io.stdin } };
    let status = 0;
    for (let turns = 1; ; turns++) {
      this.conditionDepth++;
      this.runList(command.condition, loopIO);
      this.conditionDepth--;
      if (this.exiting || this.control !== undefined) break;
      if ((this.status === 0) === command.until) break;
      this.status = 0;
      if (!this.loopTurn(command.body, loopIO, turns)) {
        status = this.status;
        return status;
      }
      status = this.status;
    }
    return this.exiting ? this.status : status;
  }

  private runCase(command: Extract<Command, { kind: 'case' }>, io: CommandIO): number {
    const subject = this.expandWord(command.subject);
    let falling = false;
    this.status = 0;
    for (const arm of command.arms) {
      if (!falling && !arm.patterns.some((pattern) => matchesPattern(this, pattern, subject)))
        continue;
      this.runList(arm.body, io);
      if (this.exiting || this.control !== undefined) break;
      if (arm.terminator === ';;') break;
      falling = arm.terminator === ';&';
    }
    return this.status;
  }

  private callFunction(body: Command, argv: string[], io: CommandIO): number {
    if (++this.callDepth > MAX_CALL_DEPTH) {
      this.callDepth--;
      this.exiting = true;
      return 2;
    }
    const positional = this.positional;
    this.positional = argv.slice(1);
    let status = this.runCommand(body, io);
    if (this.control?.kind === 'return') {
      status = this.control.status;
      this.control = undefined;
    }
    this.positional = positional;
    this.callDepth--;
    return status;
  }

  /** `$((...))` and `((...))`: undefined (and status 1) when it is not a valid expression. */
  arithmetic(expression: Word): number | undefined {
    try {
      return evaluateArithmetic(this.expandWord(expression), this.vars);
    } catch (error) {
      if (error instanceof ArithmeticError) return undefined;
      throw error;
    }
  }

  /** Runs `body` with variables, options and `exit` confined to it; returns its status. */
  private inSubshell(body: () => void): number {
    const vars = new Map(this.vars);
    const arrays = copyArrays(this.arrays);
    const { errexit, pipefail, positional } = this;
    body();
    this.exiting = false;
    this.control = undefined;
    this.vars.clear();
    for (const [name, value] of vars) this.vars.set(name, value);
    this.arrays.clear();
    for (const [name, array] of arrays) this.arrays.set(name, array);
    this.errexit = errexit;
    this.pipefail = pipefail;
    this.positional = positional;
    return this.status;
  }

  private runSimple(command: Extract<Command, { kind: 'simple' }>, io: CommandIO): number {
    const argv = command.literalArgv ?? this.expandFields(command.words);
    if (this.exiting) return this.status; // `${NAME:?message}` ended the script
    if (argv.length === 0) {
      // Only assignments (their status is that of the last command substitution) and
      // redirections (which still create or truncate their files).
      this.substitutionStatus = 0;
      let status = 0;
      for (const assignment of command.assignments) status ||= this.assign(assignment);
      status ||= this.substitutionStatus;
      if (command.redirects.length === 0) return status;
      return this.withRedirects(command.redirects, io, () => status);
    }
    // A name that came from an expansion is data more often than a tool in the image (a
    // status word after busybox splits `[[ a || b ]]`): one we do not know is not found.
    if (command.words[0]?.literal === undefined && !this.knows(argv[0])) return 127;
    // Assignments before a command only set its environment, which nothing here reads.
    if (command.redirects.length === 0) return this.invoke(argv, io);
    return this.withRedirects(command.redirects, io, (inner) => this.invoke(argv, inner));
  }

  /** One assignment of a command that is only assignments; 1 for a bad array index. */
  private assign(assignment: Assignment): number {
    const { name } = assignment;
    if (assignment.elements) {
      const values = this.expandFields(assignment.elements);
      const start = assignment.append ? arrayOf(this, name) : undefined;
      this.vars.delete(name);
      this.arrays.set(name, appended(start, values));
      return 0;
    }
    const value = this.expandWord(assignment.value);
    const array = this.arrays.get(name);
    if (assignment.subscript === undefined && array === undefined) {
      const previous = assignment.append ? (this.vars.get(name) ?? '') : '';
      this.vars.set(name, previous + value);
      return 0;
    }
    // An element of an array; `NAME=value` of an array sets its element 0.
    const target = arrayOf(this, name) ?? new Map<number, string>();
    const index =
      assignment.subscript === undefined ? 0 : elementIndex(this, target, assignment.subscript);
    if (index === undefined) return 1; // bash: "bad array subscript"
    const previous = assignment.append ? (target.get(index) ?? '') : '';
    target.set(index, previous + value);
    this.vars.delete(name);
    this.arrays.set(name, target);
    return 0;
  }

  private knows(name: string): boolean {
    return (
      this.functions.has(name) ||
      this.functionNames.has(name) ||
      KNOWN_COMMANDS.has(name.slice(name.lastIndexOf('/') + 1))
    );
  }

  /** Runs a command by name: a builtin, a function of the script (not simulated), or unknown. */
  invoke(argv: string[], io: CommandIO): number {
    const name = argv[0];
    const defined = this.functions.get(name);
    if (defined) return this.callFunction(defined, argv, io);
    // A function the script defines later (or in a branch not taken) does not exist yet.
    if (this.functionNames.has(name)) return 127;
    const slash = name.lastIndexOf('/');
    const base = slash >= 0 ? name.slice(slash + 1) : name;
    const status = runBuiltin(this, base, argv, io);
    // What a builtin makes of unknown input is not known either.
    if (io.stdinUnknown && io.out !== null) io.out.unknown = true;
    if (status !== undefined) return status;
    if (io.out !== null) io.out.unknown = true;
    this.files.unsimulatedCommandRan(base);
    const output = standInOutput(base, argv);
    if (output !== undefined && io.out !== null) io.out.text += output;
    return 0;
  }

  // Redirections and files

  private withRedirects(
    redirects: Redirect[],
    io: CommandIO,
    body: (io: CommandIO) => number,
  ): number {
    if (redirects.length === 0) return body(io);
    let stdin = io.stdin;
    let out = io.out;
    let outputPath: string | undefined;
    let append = false;
    for (const redirect of redirects) {
      switch (redirect.op) {
        case '>':
        case '>>':
        case '&>':
        case '&>>': {
          const path = this.expandWord(redirect.target);
          if (redirect.fd !== 1) {
            // Nothing is written to stderr here, but the file is still created.
            this.writeFile(path, '', redirect.op === '>>' || redirect.op === '&>>');
            break;
          }
          if (outputPath !== undefined && !append) this.writeFile(outputPath, '', false);
          outputPath = path;
          append = redirect.op === '>>' || redirect.op === '&>>';
          break;
        }
        case '>&':
          if (redirect.fd === 1 && this.expandWord(redirect.target) !== '1') {
            outputPath = undefined;
            out = null;
          }
          break;
        case '<':
          if (redirect.fd === 0) {
            const content = this.readFile(this.expandWord(redirect.target));
            // sh does not run a command whose input file does not exist.
            if (content === undefined) return 1;
            stdin = content;
          }
          break;
        case '<<':
          stdin = redirect.heredoc?.body ? this.expandWord(redirect.heredoc.body) : '';
          break;
        case '<<<':
          stdin = this.expandWord(redirect.target) + '\n';
          break;
        default:
          break;
      }
    }
    if (outputPath === undefined) return body({ stdin, out });
    if (outputPath === '/dev/null' || outputPath === '/dev/stderr')
      return body({ stdin, out: null });
    if (outputPath === '/dev/stdout') return body({ stdin, out });
    // The shell opens (and truncates) the file before the command runs; a file it cannot
    // open (a read-only volume) fails the command without running it.
    if (!this.writeFile(outputPath, '', append)) return 1;
    const buffer: Output = { text: '' };
    const status = body({ stdin, out: buffer });
    this.writeFile(outputPath, buffer.text, true);
    return status;
  }

  /** Writes a file; false when it cannot be written (a read-only volume). */
  writeFile(path: string, text: string, append: boolean): boolean {
    if (path === '/dev/null' || path === '/dev/stderr' || path === '/dev/stdout') return true;
    const target = resultTarget(path);
    if (target === undefined) return this.files.write(path, text, append);
    // Results are the step's outcome; the caller puts them where later steps read them.
    const key = (target.stepResult ? 'step:' : 'task:') + target.name;
    const previous = append ? (this.results.get(key)?.value ?? '') : '';
    this.results.delete(key); // re-inserted: results are listed in order of their last write
    this.results.set(key, {
      name: target.name,
      value: previous + text,
      atMs: this.elapsedMs,
      stepResult: target.stepResult,
    });
    return true;
  }

  /** A file's content; '' (with a warning) when it is not known; undefined when absent. */
  readFile(path: string): string | undefined {
    if (path === '/dev/null') return '';
    if (RANDOM_DEVICES.has(path)) return randomDeviceRead(this.randomReads++);
    const piped = this.pipes.get(path);
    if (piped !== undefined) return piped;
    const target = resultTarget(path);
    if (target !== undefined) {
      const written = this.results.get((target.stepResult ? 'step:' : 'task:') + target.name);
      if (written) return written.value;
      // Earlier steps' results, where Tekton keeps them.
      if (!target.stepResult) return this.files.read(`/tekton/results/${target.name}`);
    }
    return this.files.read(path);
  }

  // Expansion

  /** Expands words to fields: unquoted expansions split on whitespace, as sh does. */
  expandFields(words: Word[]): string[] {
    const fields: string[] = [];
    for (const word of words) {
      if (word.literal !== undefined) fields.push(word.literal);
      else if (word.noSplit) fields.push(this.expandWord(word));
      else this.expandWordInto(word, fields);
    }
    return fields;
  }

  /** Expands a word to one string, without splitting (assignments, redirections, `[[ ]]`). */
  expandWord(word: Word): string {
    if (word.literal !== undefined) return word.literal;
    let text = '';
    for (const part of word.parts) text += this.partValue(part);
    return text;
  }

  private expandWordInto(word: Word, fields: string[]): void {
    let current = '';
    // The same field as a glob pattern: unquoted text keeps * ? [ as wildcards.
    let pattern = '';
    let glob = false;
    let hasField = false;
    const flush = () => {
      if (glob) fields.push(...this.pathnames(pattern, current));
      else fields.push(current);
      current = '';
      pattern = '';
      glob = false;
      hasField = false;
    };
    for (const part of word.parts) {
      if (part.kind === 'text') {
        current += part.text;
        if (!part.quoted && GLOB_CHARACTER.test(part.text)) {
          pattern += part.text;
          glob = true;
        } else pattern += escapeGlob(part.text);
        hasField = true;
        continue;
      }
      // "$@" and "${NAME[@]}": a field per value, the first and last joined to the text around.
      const values =
        part.quoted && part.kind === 'parameter' ? separateFields(this, part) : undefined;
      if (values !== undefined) {
        for (let index = 0; index < values.length; index++) {
          if (index > 0) flush();
          current += values[index];
          pattern += escapeGlob(values[index]);
          hasField = true;
        }
        continue;
      }
      const value = this.partValue(part);
      if (part.quoted) {
        current += value;
        pattern += escapeGlob(value);
        hasField = true;
        continue;
      }
      if (value === '') continue;
      const pieces = value.split(IFS_WHITESPACE);
      const last = pieces.length - 1;
      for (let index = 0; index <= last; index++) {
        const piece = pieces[index];
        if (index > 0 && hasField) flush();
        if (piece !== '') {
          current += piece;
          pattern += escapeGlob(piece);
          hasField = true;
        }
      }
    }
    if (hasField) flush();
  }

  /** Pathname expansion of one field: the matching paths, sorted, or the field itself. */
  private pathnames(pattern: string, field: string): string[] {
    const matches = this.files.glob(pattern);
    return matches.length > 0 ? matches : [field];
  }

  partValue(part: WordPart): string {
    switch (part.kind) {
      case 'text':
        return part.text;
      case 'reference': {
        const value = this.referenceValues[part.index];
        // Left unfilled, sh runs it as a command, unless single quotes keep it text.
        if (
          this.substituted &&
          !part.literal &&
          value === part.text &&
          UNKNOWN_VARIABLE.test(value)
        ) {
          this.substitutionStatus = 127; // "not found", with nothing on stdout
          return '';
        }
        return value;
      }
      case 'parameter':
        return parameterValue(this, part);
      case 'command':
        return this.commandSubstitution(part.body);
      case 'process':
        return this.processSubstitution(part.body);
      case 'arithmetic': {
        const value = this.arithmetic(part.expression);
        if (value === undefined) {
          // sh reports the bad expression and a non-interactive shell exits.
          this.status = 1;
          this.exiting = true;
          return '';
        }
        return String(value);
      }
      case 'unsupported':
        return '';
    }
  }

  private commandSubstitution(body: CommandList): string {
    const out: Output = { text: '' };
    this.substitutionStatus = this.inSubshell(() => this.runList(body, { stdin: '', out }));
    return out.text.replace(/\n+$/, '');
  }

  /**
   * `<(commands)`: bash runs them beside the command, which reads their output through a
   * pipe named `/dev/fd/N`, N counting down from 63 over the pipes open. Here they run first,
   * as a subshell, and their whole output is the file's content (their time counts, as a
   * command substitution's does).
   */
  private processSubstitution(body: CommandList): string {
    const out: Output = { text: '' };
    const status = this.status; // nothing waits for these commands: `$?` is not theirs
    this.inSubshell(() => this.runList(body, { stdin: '', out }));
    this.status = status;
    let fd = 63;
    while (this.pipes.has(`/dev/fd/${fd}`)) fd--;
    const path = `/dev/fd/${fd}`;
    this.pipes.set(path, out.text);
    return path;
  }
}
