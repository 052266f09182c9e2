// Runs a command-line entry in-process with its output captured: the way every CLI test calls one.
import { PassThrough } from 'node:stream';
import type { CliIO } from '../../src/cli/io';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCaptured(command: (argv: readonly string[], io: CliIO) => Promise<number>, argv: readonly string[]): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', chunk => out.push(String(chunk)));
  stderr.on('data', chunk => err.push(String(chunk)));
  const code = await command(argv, { stdout, stderr });
  return { code, stdout: out.join(''), stderr: err.join('') };
}
