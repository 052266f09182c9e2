// Words inside strings and comments on the line being typed are not names the cursor uses: read from real
// parses of fixture files, with the cursor line typed over as a user would.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { cursorFacts, openFixture, typeOver } from './rank-helpers';

describe('cursor identifiers skip strings and comments', () => {
  let ts: WorkspaceIndex;
  let py: WorkspaceIndex;
  before(async () => {
    ts = await openFixture('rank-ts');
    py = await openFixture('rank-py');
  });
  after(async () => {
    await ts.dispose();
    await py.dispose();
  });

  async function cursorLineNames(index: WorkspaceIndex, file: string, lineContaining: string, typed: string): Promise<string[]> {
    const buffer = typeOver(index, file, lineContaining, typed);
    const facts = await cursorFacts(index, file, buffer);
    return [...new Set(facts.identifiers.filter(i => i.line === buffer.position.line).map(i => i.name))].sort();
  }

  test('TypeScript: string and template text and comments are left out; interpolations are kept', async () => {
    const names = await cursorLineNames(ts, 'src/app.ts', 'return svc.handle({ path });', "  if (!svc) throw new Error(`a Service for ${path} is missing`); // see Log and 'the' docs");
    // Keywords come from the lexical scan as before (they match no definition); `path` is code inside `${}`.
    assert.deepEqual(names, ['Error', 'if', 'new', 'path', 'svc', 'throw']);
  });

  test('TypeScript: the unclosed string being typed is text up to the cursor', async () => {
    const names = await cursorLineNames(ts, 'src/app.ts', "logger.log('starting');", "  logger.log('a Service starts, ErrorHandler");
    assert.deepEqual(names, ['log', 'logger']);
  });

  test('Python: quoted text and # comments are left out', async () => {
    const names = await cursorLineNames(py, 'shop/checkout.py', 'repo.save(sku, product)', '    repo.save(sku, "a Product")  # cache it in Repository');
    assert.deepEqual(names, ['repo', 'save', 'sku']);
  });
});
