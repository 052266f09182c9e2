#!/usr/bin/env node
// The engine without VS Code: `codebase-context index | context | eval`, for users, scripts and benchmarks.
import { CONTEXT_USAGE } from './context-args';
import { runContextCommand } from './context-command';
import { EVAL_USAGE } from './eval-args';
import { runEvalCommand } from './eval-command';
import { INDEX_USAGE, runIndexCommand } from './index-command';
import { EXIT, type CliIO } from './io';

const USAGE = `usage: codebase-context <command> [options]

commands:
  index     index a folder and print a summary          (codebase-context index --help)
  context   build the context for a cursor position     (codebase-context context --help)
  eval      completion quality with a model             (codebase-context eval --help)`;

interface Command {
  readonly run: (argv: readonly string[], io: CliIO) => Promise<number>;
  readonly usage: string;
}

const COMMANDS: Record<string, Command> = {
  index: { run: runIndexCommand, usage: INDEX_USAGE },
  context: { run: runContextCommand, usage: CONTEXT_USAGE },
  eval: { run: runEvalCommand, usage: EVAL_USAGE },
};

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    (name ? io.stdout : io.stderr).write(`${USAGE}\n`);
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`codebase-context: unknown command '${name}'\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  // Asked for, help is the answer, not a mistake: stdout and exit 0, whatever else is on the line.
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.usage}\n`);
    return EXIT.ok;
  }
  return command.run(rest, io);
}

if (require.main === module) {
  // `codebase-context … | head` closes the pipe early: that is the reader's choice, not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', error => {
      if ((error as NodeJS.ErrnoException).code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
    code => { process.exitCode = code; },
    error => {
      process.stderr.write(`codebase-context: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = EXIT.failure;
    },
  );
}
