// In a workspace with more text than it keeps in memory, the index counts its files' line tokens where it
// reads them (the worker) and keeps the counts in its cache, so that packing prices a workspace file without
// loading and tokenizing it: the counts must be exactly the packer's own.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { SourceLines, TokenCache } from '../../src/core/pack/source-lines';
import { DEFAULT_TOKENIZER, tokenizerFor, type Tokenizer } from '../../src/core/tokenizer';
import type { IndexedFile } from '../../src/core/types';
import { SHOP } from './pack-fixture';

const dirs: string[] = [];
after(() => dirs.forEach(dir => fs.rmSync(dir, { recursive: true, force: true })));

/** The packer's counts of a text, made from scratch. */
function packerSums(text: string, tokenizer: Tokenizer): number[] {
  const lines = new SourceLines(text, line => tokenizer.count(line));
  return Array.from({ length: lines.lineCount + 1 }, (_, i) => (i === 0 ? 0 : lines.tokens(0, i - 1)));
}

describe('line token counts made by the index', () => {
  test('a workspace whose texts all stay in memory is not counted by the index', async () => {
    const index = await WorkspaceIndex.open({ root: SHOP, cacheDir: false });
    try {
      await index.build();
      assert.deepEqual([...index.files()].filter(file => file.lineTokens).map(file => file.path), []);
    } finally {
      await index.dispose();
    }
  });

  test('in a larger one, equal the packer’s counts, survive the cache, and spare packing the tokenizing', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'line-tokens-'));
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'line-tokens-cache-'));
    dirs.push(root, cacheDir);
    fs.cpSync(SHOP, root, { recursive: true });
    // CRLF lines, an empty last line and a line the BPE splits oddly: the counts follow the packer's own lines.
    fs.writeFileSync(path.join(root, 'src', 'crlf.ts'), 'export const a = 1;\r\nexport function b(x: number) {\r\n  return x * 2; // ½ × π\r\n}\r\n\r\n');
    const tokenizer = tokenizerFor(DEFAULT_TOKENIZER);
    const check = (files: Iterable<IndexedFile>, texts: (path: string) => string) => {
      let checked = 0;
      for (const file of files) {
        assert.equal(file.lineTokens?.tokenizer, DEFAULT_TOKENIZER, file.path);
        assert.deepEqual(Array.from(file.lineTokens!.sums), packerSums(texts(file.path), tokenizer), file.path);
        checked++;
      }
      return checked;
    };
    // Room for one text: more text than the index keeps.
    const built = await WorkspaceIndex.open({ root, cacheDir, textCacheBytes: 1000 });
    try {
      await built.build();
      const texts = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
      assert.ok(check(built.files(), texts) >= 7);
      // Priced from the index's counts: the tokenizer is never called.
      let calls = 0;
      const counting = new TokenCache({ name: tokenizer.name, count: text => (calls++, tokenizer.count(text)) });
      for (const file of built.files()) counting.sourceLines(file.hash, () => texts(file.path), file.lineTokens);
      assert.equal(calls, 0);
    } finally {
      await built.dispose();
    }
    const warm = await WorkspaceIndex.open({ root, cacheDir, textCacheBytes: 1000 });
    try {
      const summary = await warm.build();
      assert.ok(summary.cacheHits >= 7, `a warm start (${summary.cacheHits} cache hits)`);
      check(warm.files(), file => fs.readFileSync(path.join(root, file), 'utf8'));
    } finally {
      await warm.dispose();
    }
  });
});
