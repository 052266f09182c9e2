import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { assetPaths } from '../../src/core/assets';
import { SymbolExtractor } from '../../src/core/index/extract';
import { readQuerySource } from '../../src/core/index/grammars';

/** A copy of the real grammars and queries that a test can break one file of. */
function copyAssets(): { wasmDir: string; queriesDir: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'extract-grammars-'));
  const wasmDir = path.join(root, 'wasm');
  const queriesDir = path.join(root, 'syntaxes');
  fs.cpSync(assetPaths().wasmDir, wasmDir, { recursive: true });
  fs.cpSync(assetPaths().queriesDir, queriesDir, { recursive: true });
  return { wasmDir, queriesDir };
}

describe('grammar and query failures', () => {
  test('a corrupt grammar is reported by language and the others keep working', async () => {
    const paths = copyAssets();
    fs.writeFileSync(path.join(paths.wasmDir, 'tree-sitter-go.wasm'), 'not a wasm module');
    const extractor = await SymbolExtractor.create(paths);
    assert.equal(await extractor.ensureLanguage('go'), false);
    assert.equal(await extractor.ensureLanguage('python'), true);
    assert.equal(extractor.grammarErrors.length, 1);
    const [error] = extractor.grammarErrors;
    assert.equal(error?.language, 'go');
    assert.match(error?.message ?? '', /^go: grammar .*tree-sitter-go\.wasm does not load/);
    assert.deepEqual(extractor.extract('python', 'def ok(): pass\n').definitions.map(d => d.name), ['ok']);
    assert.throws(() => extractor.extract('go', 'package main'), /tree-sitter-go\.wasm/);
  });

  test('a missing grammar folder names the file and what to do', async () => {
    const extractor = await SymbolExtractor.create({ wasmDir: path.join(os.tmpdir(), 'no-such-grammars-dir') });
    assert.equal(await extractor.ensureLanguage('rust'), false);
    assert.match(extractor.grammarErrors[0]?.message ?? '', /^rust: grammar .*tree-sitter-rust\.wasm is missing or unreadable .*reinstall/);
  });

  test('an invalid query and an unknown capture name fail only their language', async () => {
    const paths = copyAssets();
    fs.writeFileSync(path.join(paths.queriesDir, 'ruby', 'tags.scm'), '(class name: (constant) @name');
    fs.writeFileSync(path.join(paths.queriesDir, 'bash', 'tags.scm'), '(function_definition name: (word) @nmae) @definition.function');
    const extractor = await SymbolExtractor.create(paths);
    assert.equal(await extractor.ensureLanguage('ruby'), false);
    assert.equal(await extractor.ensureLanguage('bash'), false);
    assert.equal(await extractor.ensureLanguage('java'), true);
    const messages = new Map(extractor.grammarErrors.map(e => [e.language, e.message]));
    assert.match(messages.get('ruby') ?? '', /query .*ruby.*tags\.scm is invalid/);
    assert.match(messages.get('bash') ?? '', /unknown capture @nmae/);
  });
});

describe('query inheritance', () => {
  test('tsx includes the TypeScript, ECMAScript and JSX patterns, parents first', () => {
    const source = readQuerySource(assetPaths().queriesDir, 'tsx');
    const order = ['(function_declaration', '(interface_declaration', '(jsx_opening_element'].map(p => source.indexOf(p));
    assert.ok(order.every(i => i >= 0), `missing a parent: ${order.join(',')}`);
    assert.deepEqual([...order].sort((a, b) => a - b), order);
  });

  test('an inheritance cycle is an error, not a hang', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'extract-cycle-'));
    for (const [name, parent] of [['a', 'b'], ['b', 'a']]) {
      fs.mkdirSync(path.join(dir, name!));
      fs.writeFileSync(path.join(dir, name!, 'tags.scm'), `; inherits: ${parent}\n`);
    }
    assert.throws(() => readQuerySource(dir, 'a'), /cycle through syntaxes\/a/);
  });
});
