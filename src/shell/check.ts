// Compile-time report of what a step script does that the simulator will not reproduce:
// unknown commands, invalid `sleep` intervals, file age tests (assumed false). Warnings are all
// found here, once per task spec; guesses about files nobody wrote are reported at run time.
import { sedProblem } from './sed.js';
import { awkProblem } from './awk.js';
import { diffOptionProblem } from './diff.js';
import { jqProblem } from './jq.js';
import type { Command, CommandList, ConditionExpression, Word } from './ast.js';
import { KNOWN_COMMANDS, sleepArgumentMs } from './builtins.js';
import { isFileTest } from './conditions.js';

const WRAPPERS = new Set(['exec', 'command', 'builtin', 'nohup', 'time']);

export function checkCommands(
  list: CommandList,
  functionNames: ReadonlySet<string>,
  report: (message: string) => void,
): void {
  const checker = new Checker(functionNames, report);
  checker.list(list);
}

export function checkCommand(
  command: Command,
  functionNames: ReadonlySet<string>,
  report: (message: string) => void,
): void {
  new Checker(functionNames, report).command(command);
}

export function basename(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash >= 0 ? path.slice(slash + 1) : path;
}

class Checker {
  constructor(
    private readonly functionNames: ReadonlySet<string>,
    private readonly report: (message: string) => void,
  ) {}

  list(list: CommandList): void {
    for (const item of list.items) {
      for (const pipeline of [item.first, ...item.rest.map((entry) => entry.pipeline)]) {
        for (const command of pipeline.commands) this.command(command);
      }
    }
  }

  command(command: Command): void {
    for (const redirect of command.redirects) {
      this.word(redirect.target);
      if (redirect.heredoc?.body) this.word(redirect.heredoc.body);
    }
    switch (command.kind) {
      case 'simple':
        for (const assignment of command.assignments) {
          this.word(assignment.value);
          if (assignment.subscript) this.word(assignment.subscript);
          for (const element of assignment.elements ?? []) this.word(element);
        }
        for (const word of command.words) this.word(word);
        this.commandName(command.words);
        return;
      case 'if':
        for (const clause of command.clauses) {
          this.list(clause.condition);
          this.list(clause.body);
        }
        if (command.otherwise) this.list(command.otherwise);
        return;
      case 'group':
        this.list(command.body);
        return;
      case 'condition':
        this.condition(command.expression);
        return;
      case 'for':
        for (const word of command.items ?? []) this.word(word);
        this.list(command.body);
        return;
      case 'while':
        this.list(command.condition);
        this.list(command.body);
        return;
      case 'case':
        this.word(command.subject);
        for (const arm of command.arms) {
          for (const pattern of arm.patterns) this.word(pattern);
          this.list(arm.body);
        }
        return;
      case 'function':
        this.command(command.body);
        return;
      case 'arithmetic':
        this.word(command.expression);
        return;
      case 'unsupported':
        return;
    }
  }

  private word(word: Word): void {
    if (word.literal !== undefined) return;
    for (const part of word.parts) {
      if (part.kind === 'command' || part.kind === 'process') this.list(part.body);
      if (part.kind === 'parameter') {
        if (part.argument) this.word(part.argument);
        if (part.second) this.word(part.second);
        if (typeof part.subscript === 'object') this.word(part.subscript);
      }
      if (part.kind === 'arithmetic') this.word(part.expression);
    }
  }

  private condition(expression: ConditionExpression): void {
    switch (expression.kind) {
      case 'and':
      case 'or':
        this.condition(expression.left);
        this.condition(expression.right);
        return;
      case 'not':
        this.condition(expression.operand);
        return;
      case 'unary':
        if (isFileTest(expression.op)) this.fileTest(expression.op);
        this.word(expression.operand);
        return;
      case 'binary':
        if (isFileTest(expression.op)) this.fileTest(expression.op);
        this.word(expression.left);
        this.word(expression.right);
        return;
      case 'word':
        this.word(expression.word);
    }
  }

  private fileTest(op: string): void {
    // Other file tests ask the virtual files; modification times are not simulated.
    if (op === '-nt' || op === '-ot')
      this.report(`file test not simulated: ${op} is assumed false`);
  }

  private commandName(words: Word[]): void {
    let index = 0;
    while (index < words.length) {
      const name = words[index].literal;
      if (name === undefined) {
        this.report('command not simulated: a command whose name comes from an expansion');
        return;
      }
      if (this.functionNames.has(name)) return;
      const base = basename(name);
      if (base === 'env') {
        index++;
        while (index < words.length && /^-|=/.test(words[index].literal ?? '')) index++;
        continue;
      }
      if (WRAPPERS.has(base)) {
        index++;
        if (/^-[vV]$/.test(words[index]?.literal ?? '')) return;
        continue;
      }
      if (!KNOWN_COMMANDS.has(base)) {
        this.report(`command not simulated: ${base}`);
        return;
      }
      this.knownCommand(base, words.slice(index + 1));
      return;
    }
  }

  private knownCommand(name: string, args: Word[]): void {
    if (name === 'sleep') {
      for (const arg of args) {
        if (arg.literal !== undefined && sleepArgumentMs(arg.literal) === undefined) {
          this.report(`sleep: invalid time interval "${arg.literal}": the command fails at once`);
        }
      }
    } else if (name === 'test' || name === '[') {
      for (const arg of args) {
        const op = arg.literal;
        // `-a` and `-o` are also test's "and" and "or"; only clear file tests are reported.
        if (op !== undefined && op !== '-a' && op !== '-o' && isFileTest(op)) this.fileTest(op);
      }
    } else if (name === 'trap') {
      this.report('unsupported shell construct: trap');
    } else if (name === 'sed' && args.every((arg) => arg.literal !== undefined)) {
      const problem = sedProblem(['sed', ...args.map((arg) => arg.literal as string)]);
      if (problem !== undefined) this.report(`command not simulated: sed (${problem})`);
    } else if (name === 'awk' && args.every((arg) => arg.literal !== undefined)) {
      const problem = awkProblem(['awk', ...args.map((arg) => arg.literal as string)]);
      if (problem !== undefined) this.report(`command not simulated: awk (${problem})`);
    } else if (name === 'jq' && args.every((arg) => arg.literal !== undefined)) {
      const problem = jqProblem(['jq', ...args.map((arg) => arg.literal as string)]);
      if (problem !== undefined) this.report(`command not simulated: jq (${problem})`);
    } else if (name === 'diff') {
      // Options are written as they are: any that diff.ts does not run is reported here.
      for (const arg of args) {
        if (arg.literal === '--') break;
        const problem = arg.literal === undefined ? undefined : diffOptionProblem(arg.literal);
        if (problem !== undefined) {
          this.report(`command not simulated: diff (${problem})`);
          return;
        }
      }
    }
  }
}
