// Where the language servers that ship with Codebase Context live on disk, and how to start them.
// First the copies a packaged extension carries beside its bundle (servers/node_modules/ in dist/, put there by
// scripts/package.mjs: typescript 7's native platform package for the package's platform, pyright), then the
// runtime dependencies (package.json) in node_modules, found with Node's own module resolution: that serves
// the sources (src/core/facts/) and the command line installed with npm. Both places hold the npm packages
// as npm lays them out, so one path per package serves both.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { FactsError } from './errors';

export interface ServerCommand {
  readonly command: string;
  readonly args: readonly string[];
  /** Variables set for the server on top of the inherited environment. */
  readonly env?: Readonly<Record<string, string>>;
}

/** Where the servers are looked for, and what runs them: the running process's, or a test's. */
export interface ServerHost {
  /** The packaged servers: a node_modules folder of their npm packages, `servers/node_modules/` beside the bundle. */
  readonly bundledDir: string;
  /** A file from which node_modules is searched. */
  readonly resolveFrom: string;
  readonly platform: NodeJS.Platform;
  readonly arch: string;
  /** The runtime that runs pyright's JavaScript: ours. */
  readonly execPath: string;
  /** Set when that runtime is Electron (VS Code's extension host and its worker threads). */
  readonly electronVersion?: string;
}

export function currentHost(): ServerHost {
  return {
    bundledDir: path.join(__dirname, 'servers', 'node_modules'),
    resolveFrom: __filename,
    platform: process.platform,
    arch: process.arch,
    execPath: process.execPath,
    electronVersion: process.versions.electron,
  };
}

/**
 * typescript 7's `tsc --lsp --stdio`, as the native executable itself. Not through the package's
 * `bin/tsc` script: on Node 20 that script runs the executable as a child process, so killing the script
 * would orphan the real server. The executable finds its lib .d.ts files beside itself.
 */
export function typescriptNativeServer(host: ServerHost = currentHost()): ServerCommand {
  const exeName = host.platform === 'win32' ? 'tsc.exe' : 'tsc';
  // typescript 7's executable and lib .d.ts files are in the platform package; another platform's is never taken.
  const platformPackage = `@typescript/typescript-${host.platform}-${host.arch}`;
  const exe = firstExisting([
    path.join(host.bundledDir, platformPackage, 'lib', exeName),
    // The platform package is typescript-native's own optional dependency: resolve it from there.
    () => path.join(packageDir(platformPackage, path.join(packageDir('typescript-native', host.resolveFrom), 'package.json')), 'lib', exeName),
  ]);
  if (!exe) {
    const platform = `${host.platform}-${host.arch}`;
    throw new FactsError(
      'no-server',
      `No TypeScript 7 language server for ${platform}: this copy of Codebase Context carries none for ${platform} ` +
        `(the universal package carries no native servers), and the package typescript-native is not installed beside it. ` +
        `Install the Codebase Context package built for ${platform} (VS Code's Marketplace picks it; as a file: codebase-context-<target>.vsix), ` +
        `run \`npm install\` in a source checkout, or configure a server command for typescript. Until then TypeScript and JavaScript are not checked by a language server.`,
    );
  }
  return { command: exe, args: ['--lsp', '--stdio'] };
}

/**
 * pyright's language server, run by the runtime that runs us. In VS Code that is Electron, which runs a script
 * as Node only with ELECTRON_RUN_AS_NODE (vscode-languageclient sets it, with ELECTRON_NO_ASAR, for the servers it
 * forks); without asar support the server reads a workspace's .asar files as the files they are.
 */
export function pyrightServer(host: ServerHost = currentHost()): ServerCommand {
  const script = firstExisting([
    path.join(host.bundledDir, 'pyright', 'langserver.index.js'),
    () => path.join(packageDir('pyright', host.resolveFrom), 'langserver.index.js'),
  ]);
  if (!script) {
    throw new FactsError(
      'no-server',
      'No Python language server: this copy of Codebase Context carries no pyright, and the package pyright is not installed beside it. ' +
        'Reinstall Codebase Context (in a source checkout: `npm install`), or configure a server command for python.',
    );
  }
  const env = host.electronVersion ? { ELECTRON_RUN_AS_NODE: '1', ELECTRON_NO_ASAR: '1' } : undefined;
  return { command: host.execPath, args: [script, '--stdio'], ...(env && { env }) };
}

/** The first candidate file that exists; a candidate given as a function may throw (a package that cannot be resolved). */
function firstExisting(candidates: readonly (string | (() => string))[]): string | undefined {
  for (const candidate of candidates) {
    try {
      const file = typeof candidate === 'string' ? candidate : candidate();
      if (fs.existsSync(file)) return file;
    } catch {
      // Not installed there: try the next place.
    }
  }
  return undefined;
}

function packageDir(name: string, from: string): string {
  return path.dirname(createRequire(from).resolve(`${name}/package.json`));
}
