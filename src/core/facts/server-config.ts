// Language server command lines as a user writes them: the editor's `codebaseContext.languageServers`
// setting and the command line's `--lsp-servers FILE` hold the same object, one entry per language,
// checked here once. A mistake is said in words naming the entry; the entries without one still count.
import { jsoncProblem, parseJsonc } from '../index/resolve-jsonc';
import { isObject } from '../index/resolve-tsconfig';
import { LANGUAGES } from '../languages';
import type { LanguageId } from '../types';
import type { ConfiguredServer } from './server-registry';
import { READINESS_KINDS, type Readiness } from './server-readiness';

export interface LanguageServersConfig {
  readonly servers: Partial<Record<LanguageId, ConfiguredServer>>;
  /** One sentence per entry left out, naming where it came from. */
  readonly problems: readonly string[];
}

const LANGUAGE_IDS = LANGUAGES.map(l => l.id);

/** The same from a file's text: JSON with comments, as settings.json is. */
export function parseLanguageServersText(text: string, where: string): LanguageServersConfig {
  const broken = jsoncProblem(text);
  if (broken) return { servers: {}, problems: [`${where} is not valid JSON: line ${broken.line}, ${broken.message}.`] };
  return parseLanguageServers(parseJsonc(text), where);
}

/** `value` is the parsed JSON; `where` names its source for the messages ("--lsp-servers servers.json"). */
export function parseLanguageServers(value: unknown, where: string): LanguageServersConfig {
  if (value === undefined || value === null) return { servers: {}, problems: [] };
  if (!isObject(value)) {
    return { servers: {}, problems: [`${where} must be an object with one entry per language, like { "go": { "command": "gopls" } }.`] };
  }
  const servers: Partial<Record<LanguageId, ConfiguredServer>> = {};
  const problems: string[] = [];
  for (const [key, entry] of Object.entries(value)) {
    const language = LANGUAGE_IDS.find(id => id === key);
    if (!language) {
      problems.push(`${where}: "${key}" is not a language Codebase Context indexes; use one of ${LANGUAGE_IDS.join(', ')}.`);
      continue;
    }
    const server = configuredServer(entry);
    if (typeof server === 'string') problems.push(`${where}: the ${language} server ${server}`);
    else servers[language] = server;
  }
  return { servers, problems };
}

/** The entry as a ConfiguredServer, or what is wrong with it (completing "the go server …"). */
function configuredServer(entry: unknown): ConfiguredServer | string {
  if (!isObject(entry)) return 'must be an object like { "command": "gopls", "args": ["serve"] }.';
  const { command, args, readiness, readyTimeoutMs, loadingTimeoutMs, initializationOptions } = entry;
  if (typeof command !== 'string' || !command.trim()) return 'needs "command": the executable that starts it (a name on PATH or an absolute path).';
  if (args !== undefined && !(Array.isArray(args) && args.every(arg => typeof arg === 'string'))) return 'has "args" that are not a list of strings.';
  if (readiness !== undefined && !READINESS_KINDS.includes(readiness as never)) return `has "readiness" "${String(readiness)}"; use one of ${READINESS_KINDS.join(', ')}.`;
  for (const [name, ms] of [['readyTimeoutMs', readyTimeoutMs], ['loadingTimeoutMs', loadingTimeoutMs]] as const) {
    if (ms !== undefined && !(typeof ms === 'number' && Number.isFinite(ms) && ms > 0)) return `has "${name}" ${JSON.stringify(ms)}; use a number of milliseconds above 0.`;
  }
  return {
    command,
    ...(args === undefined ? {} : { args: args as string[] }),
    ...(readiness === undefined ? {} : { readiness: readiness as Readiness }),
    ...(readyTimeoutMs === undefined ? {} : { readyTimeoutMs: readyTimeoutMs as number }),
    ...(loadingTimeoutMs === undefined ? {} : { loadingTimeoutMs: loadingTimeoutMs as number }),
    ...(initializationOptions === undefined ? {} : { initializationOptions }),
  };
}
