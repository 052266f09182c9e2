// Shared by the cursor and ranking tests: a real index over a fixture project, and cursor facts for an
// edited buffer of one of its files, obtained exactly as the engine does (parse + resolve + analyze).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after } from 'node:test';
import { analyzeCursor } from '../../src/core/cursor';
import type { IndexView } from '../../src/core/index/view';
import { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { RankingState } from '../../src/core/rank/ranking-state';
import type { CursorFacts, Position } from '../../src/core/types';

export const FIXTURES = path.join(__dirname, '..', 'fixtures');

export async function openFixture(name: string): Promise<WorkspaceIndex> {
  const index = await WorkspaceIndex.open({ root: path.join(FIXTURES, name), cacheDir: false });
  await index.build();
  return index;
}

/**
 * Writes small projects to temporary folders and indexes each for real; every project's index is disposed
 * and its folder removed after the calling test file's tests. Call it at the top level of a test file.
 */
export function projectsOnDisk(prefix: string): (files: Record<string, string>) => Promise<WorkspaceIndex> {
  const roots: string[] = [];
  const indexes: WorkspaceIndex[] = [];
  after(async () => {
    await Promise.all(indexes.map(index => index.dispose()));
    roots.forEach(root => fs.rmSync(root, { recursive: true, force: true }));
  });
  return async files => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
    roots.push(root);
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    }
    const index = await WorkspaceIndex.open({ root, cacheDir: false });
    await index.build();
    indexes.push(index);
    return index;
  };
}

export interface EditedBuffer {
  readonly text: string;
  readonly position: Position;
}

/**
 * The file's indexed text with the first line containing `lineContaining` replaced by `typed`, the cursor
 * at the end of `typed`: the user is in the middle of writing that statement.
 */
export function typeOver(index: WorkspaceIndex, file: string, lineContaining: string, typed: string): EditedBuffer {
  const original = index.text(file);
  if (original === undefined) throw new Error(`${file} is not in the fixture index`);
  const lines = original.split('\n');
  const line = lines.findIndex(l => l.includes(lineContaining));
  if (line < 0) throw new Error(`no line of ${file} contains ${JSON.stringify(lineContaining)}`);
  lines[line] = typed;
  return { text: lines.join('\n'), position: { line, character: typed.length } };
}

export async function cursorFacts(index: WorkspaceIndex, file: string, buffer: EditedBuffer, window?: { linesBefore: number; linesAfter: number }): Promise<CursorFacts> {
  const language = index.languageOf(file);
  if (!language) throw new Error(`no language for ${file}`);
  const symbols = await index.parse(language, buffer.text);
  const resolvedImports = index.resolveImports(file, language, symbols.imports);
  return analyzeCursor({ file, language, text: buffer.text, position: buffer.position, symbols, resolvedImports, ...(window ? { window } : {}) });
}

const states = new WeakMap<IndexView, RankingState>();

/** The ranking state of `index`, brought up to date: what the engine hands its strategies. */
export function rankingStateOf(index: IndexView): RankingState {
  let state = states.get(index);
  if (!state) states.set(index, (state = new RankingState(index)));
  state.sync();
  return state;
}
