// Which language server answers for which language: built in, typescript 7's native server for
// TypeScript/JavaScript and pyright for Python; any language, built-ins included, can be given a server
// command line in configuration. In an untrusted workspace no binary from inside the workspace runs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LanguageId } from '../types';
import { FactsError } from './errors';
import { pyrightServer, typescriptNativeServer, type ServerCommand } from './server-binaries';
import { DEFAULT_READY_TIMEOUT_MS, type Readiness } from './server-readiness';

export interface ServerSpec {
  /** One server per id and workspace: TypeScript, TSX and JavaScript share `typescript`. */
  readonly id: string;
  /** For messages: "the TypeScript 7 server (tsc --lsp)". */
  readonly name: string;
  readonly command: ServerCommand;
  /**
   * When answers can be trusted (server-readiness.ts): `initialize` (tsc), `pull-diagnostics` (pyright,
   * once it checks files only when asked), `first-diagnostics` (a server that analyses the open file
   * first), `progress` (typescript-language-server loads its project under a work-done progress); bounded
   * by `readyTimeoutMs` and `loadingTimeoutMs`.
   */
  readonly readiness: Readiness;
  readonly readyTimeoutMs: number;
  readonly loadingTimeoutMs?: number;
  readonly initializeTimeoutMs: number;
  readonly initializationOptions?: unknown;
}

/** A server command line from configuration. */
export interface ConfiguredServer {
  readonly command: string;
  readonly args?: readonly string[];
  /** `initialize` when absent; `progress` for a server that reports loading its project (typescript-language-server). */
  readonly readiness?: Readiness;
  /** How long the first diagnostics, or the first progress, may take after the first document is opened. */
  readonly readyTimeoutMs?: number;
  /** `progress`: how long after the first progress began all of it must have ended. */
  readonly loadingTimeoutMs?: number;
  readonly initializationOptions?: unknown;
}

export interface ServerRegistryOptions {
  /** Server command lines per language; they replace the built-in servers for those languages. */
  readonly servers?: Partial<Record<LanguageId, ConfiguredServer>>;
  /**
   * False (the default) for a workspace not known to be trusted: a server whose executable or script lies
   * inside the workspace is refused, since starting it would run the workspace's code.
   */
  readonly trustWorkspace?: boolean;
}

const DEFAULT_INITIALIZE_TIMEOUT_MS = 20_000;

const BUILT_IN: Partial<Record<LanguageId, () => ServerSpec>> = {
  typescript: typescriptSpec,
  tsx: typescriptSpec,
  javascript: typescriptSpec,
  python: () => ({
    id: 'python',
    name: 'the Python server (pyright-langserver)',
    command: pyrightServer(),
    // pyright, told that we pull diagnostics, checks a file only when they are pulled. Otherwise it checks
    // each open file on its own, on the thread that answers, 250 ms after the last edit or question: a
    // question that comes meanwhile (the user typing on after a pause) waits for the whole check.
    // bench/pyright-edit-latency.ts, oauthlib + jedi, first answer p50 / p90, pushed → pulled: after such a
    // pause 1772 / 3069 → 144 / 265 ms (load 12-19) and 385 / 635 → 46 / 152 ms (load 7-9); in a file just
    // opened 1695 / 6633 → 267 / 1856 ms and 358 / 1914 → 55 / 1867 ms; right after an edit with nothing
    // pending alike (bench/reports/facts-bench-python.md, 2026-12-02).
    readiness: 'pull-diagnostics',
    readyTimeoutMs: DEFAULT_READY_TIMEOUT_MS,
    initializeTimeoutMs: DEFAULT_INITIALIZE_TIMEOUT_MS,
  }),
};

function typescriptSpec(): ServerSpec {
  return {
    id: 'typescript',
    name: 'the TypeScript 7 server (tsc --lsp)',
    command: typescriptNativeServer(),
    readiness: 'initialize',
    readyTimeoutMs: DEFAULT_READY_TIMEOUT_MS,
    initializeTimeoutMs: DEFAULT_INITIALIZE_TIMEOUT_MS,
  };
}

/** The server for `language` in the workspace at `root`. Throws a FactsError saying what to do when there is none. */
export function serverFor(language: LanguageId, root: string, options: ServerRegistryOptions = {}): ServerSpec {
  const configured = options.servers?.[language];
  if (configured && !configured.command?.trim()) {
    throw new FactsError('no-server', `The language server command for ${language} is empty. Set it to the server's executable, or remove the setting to use the built-in server.`);
  }
  const spec: ServerSpec | undefined = configured
    ? {
        id: `configured:${language}`,
        name: `the ${language} server (${configured.command})`,
        command: { command: configured.command, args: configured.args ?? [] },
        readiness: configured.readiness ?? 'initialize',
        readyTimeoutMs: configured.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
        ...(configured.loadingTimeoutMs !== undefined ? { loadingTimeoutMs: configured.loadingTimeoutMs } : {}),
        initializeTimeoutMs: DEFAULT_INITIALIZE_TIMEOUT_MS,
        initializationOptions: configured.initializationOptions,
      }
    : BUILT_IN[language]?.();
  if (!spec) {
    throw new FactsError('no-server', `No language server is configured for ${language}. Add a server command line for ${language} to the language server settings.`);
  }
  if (!options.trustWorkspace) refuseWorkspaceBinaries(spec, root);
  return spec;
}

/** Throws if the command, or a file argument (a script it would run), resolves to a path inside `root`. */
function refuseWorkspaceBinaries(spec: ServerSpec, root: string): void {
  const realRoot = realPath(root);
  const files = [resolveExecutable(spec.command.command, root), ...spec.command.args.map(arg => path.resolve(root, arg))];
  for (const file of files) {
    if (!file || !fs.existsSync(file)) continue;
    const relative = path.relative(realRoot, realPath(file));
    if (!relative.startsWith('..') && !path.isAbsolute(relative)) {
      throw new FactsError(
        'untrusted',
        `Not starting ${spec.name}: ${file} is inside the workspace, which is not trusted. Trust the workspace, or install the server outside it.`,
      );
    }
  }
}

/** Where the OS would find `command` when spawned with cwd `root` (relative PATH entries count from there). */
function resolveExecutable(command: string, root: string): string | undefined {
  if (command.includes('/') || command.includes('\\')) return path.resolve(root, command);
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.resolve(root, dir || '.', command);
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

function realPath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}
