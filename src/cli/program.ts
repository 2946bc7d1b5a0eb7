// The `tekton-sim` command as a function: `main(argv, io)` parses the arguments with yargs,
// runs one command against the given streams and returns the exit code. Nothing here exits
// the process or touches process.stdout, so tests run the whole command in-process. Each
// command lives in src/cli/<name>.ts and exports a CliCommand; adding one is one line in
// COMMAND_MODULES.
import yargs from 'yargs';
import type { Argv, CommandModule } from 'yargs';
import { EXIT_SUCCESS, reportError, UsageError } from './errors.js';
import type { CliCommand, CliIo } from './io.js';
import { STDIN_PATH } from '../tekton/load.js';
import { packageVersion } from './version.js';

// Each command's module, loaded when it is needed. Literal import() calls rather than one
// computed from the name, so that the executable's bundle (scripts/bundle-cli.mjs) can follow
// them and make each command a part loaded on demand.
const COMMAND_MODULES: Record<string, () => Promise<Record<string, unknown>>> = {
  validate: () => import('./validate.js'),
  run: () => import('./run.js'),
  check: () => import('./check.js'),
  replay: () => import('./replay.js'),
  shrink: () => import('./shrink.js'),
  report: () => import('./report.js'),
  compare: () => import('./compare.js'),
  merge: () => import('./merge.js'),
};
const COMMAND_NAMES = Object.keys(COMMAND_MODULES);

/**
 * The modules the arguments need. A command named first needs only its own module: loading
 * the others (the scenario schema, the runner, the chart renderer) would cost a `run` of a
 * small file most of its time. `--version` needs none; help, a mistyped command, options
 * before the command or no command at all need every command's declaration.
 */
async function loadCommands(args: readonly string[]): Promise<CliCommand[]> {
  if (COMMAND_NAMES.includes(args[0])) return [await loadCommand(args[0])];
  if (args.length === 1 && args[0] === '--version') return [];
  return Promise.all(COMMAND_NAMES.map(loadCommand));
}

/**
 * One command's module. A module that fails to load must not take the other commands (or
 * --help) down with it: it becomes a command that reports the failure when it is used.
 */
async function loadCommand(name: string): Promise<CliCommand> {
  try {
    const exports = await COMMAND_MODULES[name]();
    const command = [exports.default, ...Object.values(exports)].find(isCliCommand);
    if (!command) throw new Error(`src/cli/${name} exports no CliCommand`);
    return command;
  } catch (error) {
    return {
      command: `${name} [arguments..]`,
      describe: `(unavailable: the ${name} command failed to load)`,
      run: () => {
        throw error;
      },
    };
  }
}

function isCliCommand(value: unknown): value is CliCommand {
  const candidate = value as Partial<CliCommand> | null | undefined;
  return typeof candidate?.run === 'function' && candidate.command !== undefined;
}

/** Runs `tekton-sim` with `args` (without node and the script) and returns the exit code. */
export async function main(args: readonly string[], io: CliIo): Promise<number> {
  try {
    return await parseAndRun(negativeValuesJoined(args.map(standardInputAsPath)), io);
  } catch (error) {
    return reportError(error, io.stderr, io.env);
  }
}

/**
 * yargs renders the whole help text of a command each time it runs one (its usage object's
 * cacheHelpMessage), only so that a later showHelp() or getHelp() could print it. This program
 * calls neither (--help is rendered when asked), and the rendering is most of what parsing
 * costs: 5 to 10 ms a command. The hook is internal to yargs, so it is replaced only where
 * it is found; without it yargs works as before.
 */
function withoutHelpRendering(parser: Argv): void {
  type Internals = { getUsageInstance?: () => { cacheHelpMessage?: () => void } | undefined };
  const internals = (parser as unknown as { getInternalMethods?: () => Internals })
    .getInternalMethods?.()
    .getUsageInstance?.();
  if (typeof internals?.cacheHelpMessage === 'function') internals.cacheHelpMessage = () => {};
}

async function parseAndRun(args: string[], io: CliIo): Promise<number> {
  const commands = await loadCommands(args);
  const commandNames = commands.map((command) => String(command.command ?? '').split(' ')[0]);
  const named = commandNames.find((name) => name !== '' && args.includes(name));
  const hint = `Run 'tekton-sim ${named ? `${named} ` : ''}--help' for usage.`;
  let exitCode = EXIT_SUCCESS;
  const parser = yargs(args)
    .scriptName('tekton-sim')
    .usage('$0 <command> [options]\n\nDeterministic discrete-event simulator for Tekton Pipelines.')
    .strict()
    .demandCommand(1, 'name a command')
    .recommendCommands()
    .help()
    .alias('help', 'h')
    .version(packageVersion())
    .wrap(Math.min(100, io.stdout.columns || 100))
    // The caller owns the process: yargs must neither exit it nor print on its own.
    .exitProcess(false)
    // yargs would print the whole help text on every mistake; one line and a hint read better.
    .fail((message, error) => {
      if (error) throw error;
      const text = message ?? 'invalid command line';
      // recommendCommands() says only "Did you mean x?"; name what was typed too.
      throw new UsageError(
        text.startsWith('Did you mean') ? `unknown command "${args[0]}". ${text}` : text,
        hint,
      );
    });
  withoutHelpRendering(parser);
  for (const { run, ...declaration } of commands) {
    const command: CommandModule = {
      ...(declaration as Omit<CommandModule, 'handler'>),
      handler: async (parsed) => {
        exitCode = await run(parsed, io);
      },
    };
    parser.command(command);
  }
  // With a callback, yargs hands over what it would print (help, version) instead of logging it.
  await parser.parseAsync(args, {}, (_error, _parsed, output) => {
    if (output) io.stdout.write(`${output}\n`);
  });
  return exitCode;
}

/**
 * `--default-timeout -5s`: yargs reads a value that starts with a dash as short flags (`-5`,
 * `-s`) and answers "Unknown arguments: 5, s". A long option followed by something that starts
 * with a dash and a digit is joined to it (`--default-timeout=-5s`), so the option's own check
 * says what is wrong with the value. No option or file of ours is written that way.
 */
function negativeValuesJoined(args: readonly string[]): string[] {
  const joined: string[] = [];
  for (let at = 0; at < args.length; at++) {
    const arg = args[at];
    const next = args[at + 1];
    if (/^--[a-z][a-z-]*$/.test(arg) && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${arg}=${next}`);
      at++;
    } else joined.push(arg);
  }
  return joined;
}

/**
 * A lone `-` names standard input. yargs drops it from positional arguments, so it travels
 * as the loader's name for standard input, which is also what messages call it.
 */
function standardInputAsPath(arg: string): string {
  return arg === '-' ? STDIN_PATH : arg;
}
