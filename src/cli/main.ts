#!/usr/bin/env node
// The `tekton-sim` command: a thin yargs shell. Each command lives in src/cli/<name>.ts and
// exports a yargs CommandModule (as default or named export); adding one is one line in
// COMMAND_MODULES.
import fs from 'node:fs';
import yargs from 'yargs';
import type { CommandModule } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { OutputError, reportError, UsageError } from './errors.js';

const COMMAND_MODULES = ['validate', 'run', 'check', 'replay', 'shrink'];

async function loadCommands(): Promise<CommandModule[]> {
  return Promise.all(COMMAND_MODULES.map(loadCommand));
}

/**
 * One command's module. A module that fails to load must not take the other commands (or
 * --help) down with it: it becomes a command that reports the failure when it is used.
 */
async function loadCommand(name: string): Promise<CommandModule> {
  try {
    const exports = (await import(`./${name}.js`)) as Record<string, unknown>;
    const command = [exports.default, ...Object.values(exports)].find(isCommandModule);
    if (!command) throw new Error(`src/cli/${name} exports no yargs CommandModule`);
    return command;
  } catch (error) {
    return {
      command: `${name} [arguments..]`,
      describe: `(unavailable: the ${name} command failed to load)`,
      handler: () => {
        throw error;
      },
    };
  }
}

function isCommandModule(value: unknown): value is CommandModule {
  const candidate = value as Partial<CommandModule> | null | undefined;
  return typeof candidate?.handler === 'function' && candidate.command !== undefined;
}

/** The package version, read from package.json two levels up from both src/cli and dist/cli. */
function packageVersion(): string {
  const text = fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

async function main(args: string[]): Promise<void> {
  const commands = await loadCommands();
  const commandNames = commands.map((command) => String(command.command ?? '').split(' ')[0]);
  const named = commandNames.find((name) => name !== '' && args.includes(name));
  const hint = `Run 'tekton-sim ${named ? `${named} ` : ''}--help' for usage.`;
  const parser = yargs(args)
    .scriptName('tekton-sim')
    .usage('$0 <command> [options]\n\nDeterministic discrete-event simulator for Tekton Pipelines.')
    .strict()
    .demandCommand(1, 'name a command')
    .recommendCommands()
    .help()
    .alias('help', 'h')
    .version(packageVersion())
    .wrap(Math.min(100, process.stdout.columns || 100))
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
  for (const command of commands) parser.command(command);
  await parser.parseAsync();
}

// Output piped into `head` closes early; that is the reader's choice, not an error. Any other
// write failure (a full disk, /dev/full) is the environment's, told in one line, exit 2.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.exit(reportError(new OutputError('standard output', error)));
});

main(hideBin(process.argv)).catch((error: unknown) => {
  process.exitCode = reportError(error);
});
