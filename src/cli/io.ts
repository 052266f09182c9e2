import { parseArgs, type ParseArgsConfig } from 'node:util';

/** The streams a command writes to: the process's in production, captured ones in tests. */
export interface CliIO {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

/** A usage mistake: the command prints the message and its usage, and exits with code 2. */
export class UsageError extends Error {}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** Parses a command's flags strictly (unknown flags and positionals are usage errors). */
export function parseFlags<const O extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: O) {
  try {
    return parseArgs({ args: joinNegativeValues(argv, options), options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * `--budget -5` is read by Node as a flag missing its value ("argument is ambiguous"), which tells the user
 * nothing about budgets. A negative number after a flag that takes a value is that flag's value, so the
 * flag's own check can say what it accepts.
 */
function joinNegativeValues(argv: readonly string[], options: NonNullable<ParseArgsConfig['options']>): string[] {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i].startsWith('--') ? argv[i].slice(2) : undefined;
    const next = argv[i + 1];
    if (flag !== undefined && options[flag]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      args.push(`${argv[i]}=${next}`);
      i++;
    } else {
      args.push(argv[i]);
    }
  }
  return args;
}

/** Only plain decimal digits: `Number()` would also take `0x10`, `1e3`, `0b1` and ` 12 `, which nobody means as a count. */
export function positiveInteger(flag: string, value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) throw new UsageError(`${flag} takes a positive whole number written in decimal digits, not '${value}'`);
  return n;
}
