// Where the language servers that ship with Codebase Context live on disk. They are runtime dependencies
// (package.json), resolved with Node's own module resolution from this file: that works from the sources
// (src/core/facts/) and from the esbuild bundle (dist/*.js), where the packages stay external and are
// found in the node_modules beside it.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { FactsError } from './errors';

export interface ServerCommand {
  readonly command: string;
  readonly args: readonly string[];
}

const resolveFromHere = createRequire(__filename);

function packageDir(name: string, from: NodeRequire = resolveFromHere): string {
  return path.dirname(from.resolve(`${name}/package.json`));
}

/**
 * typescript 7's `tsc --lsp --stdio`, as the native executable itself. Not through the package's
 * `bin/tsc` script: on Node 20 that script runs the executable as a child process, so killing the script
 * would orphan the real server.
 */
export function typescriptNativeServer(): ServerCommand {
  try {
    const tsDir = packageDir('typescript-native');
    const platformPackage = `@typescript/typescript-${process.platform}-${process.arch}`;
    // The platform package is typescript-native's own optional dependency: resolve it from there.
    const exeDir = path.join(packageDir(platformPackage, createRequire(path.join(tsDir, 'package.json'))), 'lib');
    const exe = path.join(exeDir, process.platform === 'win32' ? 'tsc.exe' : 'tsc');
    if (!fs.existsSync(exe)) throw new Error(`${exe} does not exist`);
    return { command: exe, args: ['--lsp', '--stdio'] };
  } catch (error) {
    throw new FactsError(
      'no-server',
      `The TypeScript 7 language server (package typescript-native) is not installed for ${process.platform}-${process.arch}: ` +
        `${(error as Error).message}. Reinstall Codebase Context (npm install), or configure a server command for typescript.`,
    );
  }
}

/** pyright's language server, run by the same Node that runs us. */
export function pyrightServer(): ServerCommand {
  try {
    const script = path.join(packageDir('pyright'), 'langserver.index.js');
    if (!fs.existsSync(script)) throw new Error(`${script} does not exist`);
    return { command: process.execPath, args: [script, '--stdio'] };
  } catch (error) {
    throw new FactsError(
      'no-server',
      `The Python language server (package pyright) is not installed: ${(error as Error).message}. ` +
        'Reinstall Codebase Context (npm install), or configure a server command for python.',
    );
  }
}
