// Incremental parsing of an edited buffer must give exactly what a parse from scratch gives.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { EditedBuffer, editBetween } from '../../src/core/index/edited-buffer';
import { SymbolExtractor } from '../../src/core/index/extract';
import { languageForPath } from '../../src/core/languages';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** A deterministic stream of edits like typing: insertions, deletions and replacements, some multi-line, some non-ASCII. */
function* edits(text: string, seed: number, count: number): Generator<string> {
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pieces = ['x', 'foo(', ')', '\n  ', '.bar', ' = 1;', '{', '}', 'é😀', '"str', '// c\n', 'return '];
  for (let i = 0; i < count; i++) {
    const at = Math.floor(next() * (text.length + 1));
    const cut = next() < 0.4 ? Math.floor(next() * 12) : 0;
    text = text.slice(0, at) + (next() < 0.8 ? pieces[Math.floor(next() * pieces.length)] : '') + text.slice(at + cut);
    yield text;
  }
}

describe('incremental parsing of an edited buffer', () => {
  for (const fixture of ['extract-typescript', 'extract-python']) {
    test(`${fixture}: 60 edits, each parsed from the previous tree, extract exactly as from scratch`, async () => {
      const extractor = await SymbolExtractor.create();
      const dir = path.join(FIXTURES, fixture);
      const file = fs.readdirSync(dir).find(f => languageForPath(f))!;
      const language = languageForPath(file)!;
      assert.ok(await extractor.ensureLanguage(language));
      const buffer = new EditedBuffer(language);
      let text = fs.readFileSync(path.join(dir, file), 'utf8');
      assert.deepEqual(extractor.extract(language, text, buffer), extractor.extract(language, text));
      for (text of edits(text, 7, 60)) assert.deepEqual(extractor.extract(language, text, buffer), extractor.extract(language, text), JSON.stringify(text.slice(0, 80)));
      buffer.dispose();
    });
  }

  test('the text a buffer last parsed, parsed again (the request after the index update of its keystroke), gives what was extracted, unparsed', async () => {
    const extractor = await SymbolExtractor.create();
    assert.ok(await extractor.ensureLanguage('typescript'));
    const buffer = new EditedBuffer('typescript');
    const text = 'export function area(r: number) {\n  return r * r;\n}\n';
    const first = extractor.extract('typescript', text, buffer);
    assert.equal(extractor.extract('typescript', `${text}`, buffer), first);
    const edited = extractor.extract('typescript', text.replace('area', 'surface'), buffer);
    assert.notEqual(edited, first);
    assert.deepEqual(edited, extractor.extract('typescript', text.replace('area', 'surface')));
    assert.deepEqual(extractor.extract('typescript', text, buffer), first, 'the first text again, parsed anew');
    buffer.dispose();
  });

  test('the edit between two texts spans exactly what changed, in UTF-16 units with rows and columns', () => {
    const edit = editBetween('ab\ncdé\nef', 'ab\ncdXYé\nef');
    assert.deepEqual(
      { ...edit },
      { startIndex: 5, oldEndIndex: 5, newEndIndex: 7, startPosition: { row: 1, column: 2 }, oldEndPosition: { row: 1, column: 2 }, newEndPosition: { row: 1, column: 4 } },
    );
  });
});
