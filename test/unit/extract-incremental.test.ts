// Incremental parsing and extraction of an edited buffer must give exactly what a parse from scratch gives.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { Query, type QueryOptions } from 'web-tree-sitter';
import { EditedBuffer, editBetween } from '../../src/core/index/edited-buffer';
import { SymbolExtractor } from '../../src/core/index/extract';
import { languageForPath } from '../../src/core/languages';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

/**
 * A deterministic stream of edits like typing: insertions, deletions and replacements, some multi-line, some
 * non-ASCII, words typed a character at a time, lines pasted from elsewhere in the file, and what changes
 * the syntax far from the edit (an opened comment or string) or the export of other declarations.
 */
function* edits(text: string, seed: number, count: number): Generator<string> {
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pieces = ['x', 'foo(', ')', '\n  ', '.bar', ' = 1;', '{', '}', 'é😀', '"str', '// c\n', 'return ', '/*', '*/', '`', "'''", '#', 'export { a }\n', '__all__ = ["a"]\n', 'def f(self):\n    ', ' ', '\n'];
  for (let i = 0; i < count; i++) {
    const at = Math.floor(next() * (text.length + 1));
    const kind = next();
    if (kind < 0.2) {
      const word = 'value.field(';
      for (let typed = 1; typed < word.length; typed++) yield text.slice(0, at) + word.slice(0, typed) + text.slice(at);
      text = text.slice(0, at) + word + text.slice(at);
    } else if (kind < 0.3) {
      const from = Math.floor(next() * text.length);
      const lineStart = text.lastIndexOf('\n', from) + 1;
      const lineEnd = text.indexOf('\n', from);
      text = text.slice(0, at) + text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd + 1) + text.slice(at);
    } else {
      const cut = next() < 0.4 ? Math.floor(next() * 24) : 0;
      text = text.slice(0, at) + (next() < 0.8 ? pieces[Math.floor(next() * pieces.length)] : '') + text.slice(at + cut);
    }
    yield text;
  }
}

const EXTRACT_FIXTURES = fs.readdirSync(FIXTURES).filter(dir => dir.startsWith('extract-'));

describe('incremental parsing of an edited buffer', () => {
  for (const fixture of EXTRACT_FIXTURES) {
    test(`${fixture}: 60 edits, each parsed from the previous tree and extracted where it touched, extract exactly as from scratch`, async () => {
      const extractor = await SymbolExtractor.create();
      const dir = path.join(FIXTURES, fixture);
      for (const file of fs.readdirSync(dir).filter(f => languageForPath(f))) {
        const language = languageForPath(file)!;
        assert.ok(await extractor.ensureLanguage(language));
        const buffer = new EditedBuffer(language);
        let text = fs.readFileSync(path.join(dir, file), 'utf8');
        assert.deepEqual(extractor.extract(language, text, buffer), extractor.extract(language, text));
        for (text of edits(text, 7, 60)) assert.deepEqual(extractor.extract(language, text, buffer), extractor.extract(language, text), `${file}: ${JSON.stringify(text)}`);
        buffer.dispose();
      }
    });
  }

  test('a keystroke inside one declaration queries that declaration alone, and one that changes an export list queries the whole file', async () => {
    const extractor = await SymbolExtractor.create();
    assert.ok(await extractor.ensureLanguage('typescript'));
    const declarations = Array.from({ length: 6 }, (_, i) => `function f${i}(a: number) {\n  return a + ${i};\n}\n`);
    const text = declarations.join('\n');
    const third = text.indexOf('function f3');
    const queried: (QueryOptions | undefined)[] = [];
    const matches = Query.prototype.matches;
    Query.prototype.matches = function (this: Query, node, options) {
      queried.push(options);
      return matches.call(this, node, options);
    };
    const buffer = new EditedBuffer('typescript');
    try {
      extractor.extract('typescript', text, buffer);
      const typed = text.replace('a + 3', 'a + 3 * a');
      assert.deepEqual(extractor.extract('typescript', typed, buffer), extractor.extract('typescript', typed));
      // The declaration's extent, one unit wider on each side (an empty node at its end is its own).
      assert.deepEqual(queried.slice(1, 2), [{ startIndex: third - 1, endIndex: third + declarations[3]!.length + ' * a'.length }]);
      queried.length = 0;
      const listed = `${typed}export { f1 };\n`;
      const symbols = extractor.extract('typescript', listed, buffer);
      assert.deepEqual(symbols, extractor.extract('typescript', listed));
      assert.deepEqual(symbols.definitions.filter(d => d.exported).map(d => d.name), ['f1']);
      assert.equal(queried[1], undefined, 'the whole file queried again: the export list decides f1, which the edit did not touch');
    } finally {
      Query.prototype.matches = matches;
      buffer.dispose();
    }
  });

  test('an empty node that broken code ends with (`abc.` lacks its member) is replaced by what is typed there, not kept beside it', async () => {
    const extractor = await SymbolExtractor.create();
    assert.ok(await extractor.ensureLanguage('ruby'));
    const buffer = new EditedBuffer('ruby');
    const broken = extractor.extract('ruby', 'module Greeter; end\nabc.', buffer);
    assert.ok(broken.references.some(r => r.name === '' && r.range.start.character === 4), 'the missing member, empty, at the end');
    const typed = extractor.extract('ruby', 'module Greeter; end\nabc.d', buffer);
    assert.deepEqual(typed.references.map(r => r.name), ['abc', 'd']);
    assert.deepEqual(typed, extractor.extract('ruby', 'module Greeter; end\nabc.d'));
    buffer.dispose();
  });

  test('an empty node that ends the edited declarations (an identifier broken code lacks) is extracted with them', async () => {
    const extractor = await SymbolExtractor.create();
    assert.ok(await extractor.ensureLanguage('typescript'));
    // A doc comment's lines without its opening `/**`: the parse's error recovery leaves an identifier missing,
    // empty, at the end of the declaration the edit on line 4 touches.
    const lines = [
      " * import { make } from 'lib';",
      ' * out.watch({',
      " *   done: () => log.write('done')",
      ' * @param clock A {@link Clock} to run the loop on. If not',
      ' *',
      ' * const counter = make({',
      ' *   next: value => log.write(value),',
    ];
    const buffer = new EditedBuffer('typescript');
    extractor.extract('typescript', lines.join('\n'), buffer);
    const edited = lines.join('\n').replace('@param clock A {@link Clock} to run', '@parareturn to run');
    const symbols = extractor.extract('typescript', edited, buffer);
    assert.ok(symbols.references.some(r => r.name === '' && r.range.start.line === 4), 'the empty identifier, on line 5');
    assert.deepEqual(symbols, extractor.extract('typescript', edited));
    buffer.dispose();
  });

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

  test('two parses that wait for the same grammar share its one load: a buffer parsed before the second resumes is edited after another language', async () => {
    const extractor = await SymbolExtractor.create();
    const first = extractor.ensureLanguage('typescript');
    const second = extractor.ensureLanguage('typescript');
    assert.ok(await first);
    const buffer = new EditedBuffer('typescript');
    const text = 'export function area(r: number) {\n  return r * r;\n}\n';
    extractor.extract('typescript', text, buffer);
    assert.ok(await second);
    assert.ok(await extractor.ensureLanguage('python'));
    extractor.extract('python', 'def perimeter(r):\n    return 2 * r\n');
    // With a second load, the parser went back to TypeScript with another Language than the buffer's tree has.
    const edited = extractor.extract('typescript', text.replace('area', 'surface'), buffer);
    assert.deepEqual(edited.definitions.map(d => d.name), ['surface']);
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
