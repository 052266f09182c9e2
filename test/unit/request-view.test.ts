// The request's buffer replaces its file in everything a request reads: a declaration on a masked (or
// deleted) line of the buffer is not found through the view's symbols, though the file on disk still has it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { requestView } from '../../src/core/rank/request-view';
import { FIXTURES } from './rank-helpers';

test("a declaration removed from the buffer is not among the view's declarations of its name", async () => {
  const index = await WorkspaceIndex.open({ root: path.join(FIXTURES, 'pack-shop'), cacheDir: false });
  try {
    await index.build();
    const file = 'src/app.ts';
    const disk = index.text(file)!;
    const lines = disk.split('\n');
    const line = lines.findIndex(text => text.includes('export function report'));
    assert.ok(line >= 0, 'the fixture declares report');
    assert.ok(index.symbols.definitionsOf('report').some(l => l.path === file), 'the index has it from the disk');
    const text = lines.map((t, i) => (i === line ? '' : t)).join('\n');
    const symbols = await index.parse('typescript', text);
    const view = requestView(index, { path: file, language: 'typescript', text, symbols, resolvedImports: index.resolveImports(file, 'typescript', symbols.imports) });
    assert.deepEqual(view.symbols.definitionsOf('report').filter(l => l.path === file), []);
    // Other names of the file are still found, from the buffer.
    const kept = symbols.definitions[0]!.name;
    assert.ok(view.symbols.definitionsOf(kept).some(l => l.path === file), kept);
  } finally {
    await index.dispose();
  }
});
