// Where the latency session types: statements inside real function bodies of the workspace's TypeScript
// and JavaScript files, found with the TypeScript parser (syntax only, no program), and the files a branch
// switch may change. Read from disk before the engine opens, so none of it is timed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { languageForPath } from '../src/core/languages';
import { discoverWorkspace } from '../src/core/workspace';
import { seededRandom, type TypingSite } from './latency-session';

/** Files the session may type in or change: TypeScript and JavaScript sources, not declaration files. */
function isEditableSource(relPath: string): boolean {
  const language = languageForPath(relPath);
  return (language === 'typescript' || language === 'tsx' || language === 'javascript') && !/\.d\.[cm]?ts$/.test(relPath);
}

/** Bodies with fewer statements give a burst too little real code to choose from. */
const MIN_STATEMENTS = 3;
/** Files parsed to find sites, at most: enough for a session, cheap on a 10,000-file workspace. */
const MAX_FILES_SCANNED = 400;

export interface WorkspaceSites {
  /** Workspace-relative paths of the editable sources the index may hold (the index's own name rules). */
  readonly files: readonly string[];
  readonly sites: readonly TypingSite[];
}

/**
 * Up to `wanted` sites, at most two per file, from files visited in a seeded order; with `minBytes`, only in
 * files at least that large (typing in a large file: every keystroke re-reads its whole buffer somewhere).
 */
export async function findSites(root: string, excludeGlobs: readonly string[], wanted: number, seed: number, minBytes = 0): Promise<WorkspaceSites> {
  const discovered = await discoverWorkspace({ root, excludeGlobs });
  const files = discovered.files.map(f => f.path).filter(isEditableSource);
  const typedIn = minBytes === 0 ? files : files.filter(file => fs.statSync(path.join(root, file)).size >= minBytes);
  const random = seededRandom(seed);
  const order = typedIn.map(file => ({ file, key: random() })).sort((a, b) => a.key - b.key);
  const sites: TypingSite[] = [];
  for (const { file } of order.slice(0, MAX_FILES_SCANNED)) {
    if (sites.length >= wanted) break;
    sites.push(...sitesIn(file, fs.readFileSync(path.join(root, file), 'utf8')).slice(0, 2));
  }
  return { files, sites };
}

/** One site per function body with enough statements: its middle statement. */
export function sitesIn(file: string, text: string): TypingSite[] {
  const kind = /\.[cm]?jsx?$/.test(file) ? ts.ScriptKind.JS : file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, kind);
  const sites: TypingSite[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body && ts.isBlock(node.body) && node.body.statements.length >= MIN_STATEMENTS) {
      const statements = node.body.statements;
      const offset = statements[Math.floor(statements.length / 2)].getStart(source);
      const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
      const indent = text.slice(lineStart, offset);
      const lines = statements.map(s => text.slice(s.getStart(source)).split('\n', 1)[0].trim()).filter(l => l.length > 0);
      if (/^[ \t]*$/.test(indent)) sites.push({ file, offset, indent, lines });
    }
    node.forEachChild(visit);
  };
  visit(source);
  return sites;
}
