import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser, Query } from 'web-tree-sitter';
import type { AssetPaths } from '../assets';
import type { LanguageId } from '../types';
import { languageInfo } from '../languages';

/** The query file every language provides under syntaxes/<language>/. */
const TAGS_QUERY_FILE = 'tags.scm';

/**
 * A first-line directive that prepends other query folders' tags.scm, so TypeScript can share the
 * JavaScript patterns without copying them: `; inherits: ecma jsx`.
 */
const INHERITS_DIRECTIVE = /^;\s*inherits:\s*(.+)$/m;

let runtimeReady: Promise<void> | undefined;

/**
 * Initialises the web-tree-sitter runtime once per thread. The runtime is a process-wide singleton in
 * web-tree-sitter, so the first caller's path wins.
 */
export function initRuntime(runtimeWasm: string): Promise<void> {
  runtimeReady ??= Parser.init({ locateFile: () => runtimeWasm }).catch((error: unknown) => {
    runtimeReady = undefined; // let a later call retry, e.g. after the user repairs the installation
    throw new Error(`Cannot start tree-sitter from ${runtimeWasm}: ${errorText(error)}. Reinstall the extension.`);
  });
  return runtimeReady;
}

export interface LoadedGrammar {
  readonly language: Language;
  readonly query: Query;
}

/** Loads a language's grammar and its tags query. Throws with the file at fault and what to do. */
export async function loadGrammar(id: LanguageId, paths: AssetPaths): Promise<LoadedGrammar> {
  const wasmFile = path.join(paths.wasmDir, languageInfo(id).grammar);
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(wasmFile);
  } catch (error) {
    throw new Error(`grammar ${wasmFile} is missing or unreadable (${errorText(error)}); reinstall the extension`);
  }
  let language: Language;
  try {
    language = await Language.load(bytes);
  } catch (error) {
    throw new Error(`grammar ${wasmFile} does not load (${errorText(error)}); it may be corrupt or built for another tree-sitter version`);
  }
  const source = readQuerySource(paths.queriesDir, id);
  try {
    return { language, query: new Query(language, source) };
  } catch (error) {
    throw new Error(`query ${path.join(paths.queriesDir, id, TAGS_QUERY_FILE)} is invalid: ${errorText(error)}`);
  }
}

/** The tags query of a folder under syntaxes/, with the folders it inherits from prepended. */
export function readQuerySource(queriesDir: string, folder: string, seen: ReadonlySet<string> = new Set()): string {
  if (seen.has(folder)) throw new Error(`query inheritance cycle through syntaxes/${folder}`);
  const file = path.join(queriesDir, folder, TAGS_QUERY_FILE);
  let own: string;
  try {
    own = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`query ${file} is missing or unreadable (${errorText(error)}); reinstall the extension`);
  }
  const inherits = INHERITS_DIRECTIVE.exec(own.split('\n', 1)[0] ?? '');
  if (!inherits) return own;
  const nextSeen = new Set(seen).add(folder);
  const parents = inherits[1]!.trim().split(/\s+/).map(parent => readQuerySource(queriesDir, parent, nextSeen));
  return [...parents, own].join('\n');
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
