import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCursor, localBinding } from '../../src/core/cursor';
import type { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { cursorFacts, openFixture, typeOver } from './rank-helpers';

describe('analyzeCursor on real parses', () => {
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

  test('enclosing scopes are outermost first and the line prefix is what is typed', async () => {
    const buffer = typeOver(ts, 'src/service.ts', 'return request.path.toUpperCase();', '    return this.logger.');
    const facts = await cursorFacts(ts, 'src/service.ts', buffer);
    assert.deepEqual(facts.enclosingScopes.map(s => `${s.kind} ${s.name}`), ['class Service', 'method handle']);
    assert.equal(facts.linePrefix, '    return this.logger.');
    assert.equal(facts.file, 'src/service.ts');
    assert.equal(facts.language, 'typescript');
  });

  test('a member access carries its receiver, including a field of `this`', async () => {
    const buffer = typeOver(ts, 'src/app.ts', 'return svc.handle({ path });', '  return svc.handle(');
    const facts = await cursorFacts(ts, 'src/app.ts', buffer);
    const handle = facts.identifiers.find(i => i.name === 'handle');
    assert.deepEqual(handle, { name: 'handle', kind: 'member', line: buffer.position.line, distance: 0, side: 'prefix', receiver: 'svc' });
    const serviceFile = typeOver(ts, 'src/service.ts', 'this.logger.log(request.path);', '    this.logger.log(request.path);');
    const log = (await cursorFacts(ts, 'src/service.ts', serviceFile)).identifiers.find(i => i.name === 'log');
    assert.equal(log?.receiver, 'logger');
    assert.equal(log?.kind, 'member');
  });

  test('a link of a chain carries the member used on it, also when the chain goes on at the next line', async () => {
    const buffer = typeOver(ts, 'src/service.ts', 'return request.path.toUpperCase();', '    return request.body.text\n      .toUpperCase();');
    const facts = await cursorFacts(ts, 'src/service.ts', { text: buffer.text, position: { line: buffer.position.line - 1, character: 0 } });
    const member = (name: string) => facts.identifiers.find(i => i.name === name);
    assert.deepEqual(member('body'), { name: 'body', kind: 'member', line: buffer.position.line, distance: 1, side: 'suffix', receiver: 'request', memberAfter: 'text' });
    assert.equal(member('text')?.memberAfter, 'toUpperCase', 'the chain goes on at the next line');
    assert.equal(member('toUpperCase')?.memberAfter, undefined, 'the last member of the chain is no link');
    assert.equal(member('request')?.memberAfter, undefined, 'the object of the chain is its receiver, not a link');
  });

  test('identifiers carry their side and line distance; the window bounds them; import clauses are not uses', async () => {
    const buffer = typeOver(ts, 'src/app.ts', "logger.log('starting');", '  logger.');
    const facts = await cursorFacts(ts, 'src/app.ts', buffer);
    const errors = facts.identifiers.find(i => i.name === 'ErrorHandler');
    assert.deepEqual(errors && { side: errors.side, distance: errors.distance }, { side: 'suffix', distance: 1 });
    assert.ok(facts.identifiers.every(i => i.line !== 0), 'names in the import statement are not uses');
    const distances = facts.identifiers.map(i => i.distance);
    assert.deepEqual(distances, [...distances].sort((a, b) => a - b), 'nearest first');
    const narrow = await cursorFacts(ts, 'src/app.ts', buffer, { linesBefore: 0, linesAfter: 0 });
    assert.ok(narrow.identifiers.length > 0 && narrow.identifiers.every(i => i.distance === 0));
  });

  test('imported names used near the cursor resolve to their modules, nearest first', async () => {
    const buffer = typeOver(ts, 'src/app.ts', 'return svc.handle({ path });', '  return svc.handle(');
    const facts = await cursorFacts(ts, 'src/app.ts', buffer);
    const service = facts.importedNamesNearCursor.find(u => u.localName === 'Service');
    assert.deepEqual(service, { localName: 'Service', importedName: 'Service', source: './service', resolvedPath: 'src/service.ts', distance: 2 });
    const errorHandler = facts.importedNamesNearCursor.find(u => u.localName === 'ErrorHandler');
    assert.equal(errorHandler?.resolvedPath, 'src/lib/index.ts');
    assert.deepEqual(facts.imports.map(i => i.source), ['./lib', './service']);
    assert.deepEqual(facts.resolvedImports, ['src/lib/index.ts', 'src/service.ts']);
    assert.ok(facts.localDefinitions.some(d => d.name === 'serve'));
  });

  test('Python: receivers of self fields and of constructed variables; imports bind their local names', async () => {
    const buffer = typeOver(py, 'shop/checkout.py', 'repo.save(sku, product)', '    repo.save(');
    const facts = await cursorFacts(py, 'shop/checkout.py', buffer);
    assert.deepEqual(facts.identifiers.find(i => i.name === 'save'), { name: 'save', kind: 'member', line: buffer.position.line, distance: 0, side: 'prefix', receiver: 'repo' });
    const product = facts.importedNamesNearCursor.find(u => u.localName === 'Product');
    assert.equal(product?.resolvedPath, 'shop/store/__init__.py');
    assert.deepEqual(facts.enclosingScopes.map(s => s.name), ['checkout']);
  });

  test('when the statement being typed breaks the parse, the last good extraction gives the scopes and names', async () => {
    const broken = typeOver(ts, 'src/admin.ts', 'return paths.map', '    return paths.map(path => this.');
    const language = ts.languageOf('src/admin.ts')!;
    const symbols = await ts.parse(language, broken.text);
    const previousSymbols = await ts.parse(language, ts.text('src/admin.ts')!);
    const input = { file: 'src/admin.ts', language, text: broken.text, position: broken.position, symbols, resolvedImports: ts.resolveImports('src/admin.ts', language, symbols.imports) };
    // Without it, the half-typed line leaves the class without definitions.
    assert.ok(symbols.hasErrors);
    assert.deepEqual(analyzeCursor(input).enclosingScopes, []);
    const facts = analyzeCursor({ ...input, previousSymbols });
    assert.deepEqual(facts.enclosingScopes.map(s => `${s.kind} ${s.name}`), ['class AdminService', 'method audit']);
    assert.ok(facts.localDefinitions.some(d => d.name === 'AdminService'));
    // A buffer that parses keeps its own definitions: the previous extraction is only a fallback.
    const fine = typeOver(ts, 'src/admin.ts', 'return paths.map', '    return paths.map(path => this.handle({ path }));');
    const fineSymbols = await ts.parse(language, fine.text);
    const renamed = { ...previousSymbols, definitions: previousSymbols.definitions.map(d => ({ ...d, name: `${d.name}Old` })) };
    const kept = analyzeCursor({ ...input, text: fine.text, position: fine.position, symbols: fineSymbols, previousSymbols: renamed });
    assert.deepEqual(kept.enclosingScopes.map(s => s.name), ['AdminService', 'audit']);
  });

  test('localBinding: aliases, named imports, Python module imports, Go package paths', () => {
    const record = (source: string) => ({ source, names: [], range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, reexport: false });
    assert.equal(localBinding('python', record('os.path'), { name: '*' }), 'os');
    assert.equal(localBinding('python', record('os.path'), { name: '*', alias: 'os.path' }), 'os');
    assert.equal(localBinding('python', record('numpy'), { name: '*', alias: 'np' }), 'np');
    assert.equal(localBinding('typescript', record('./a'), { name: 'A', alias: 'B' }), 'B');
    assert.equal(localBinding('typescript', record('./a'), { name: 'A' }), 'A');
    assert.equal(localBinding('go', record('net/http'), { name: '*' }), 'http');
    assert.equal(localBinding('typescript', record('@scope/pkg-name'), { name: 'default' }), undefined);
  });

  test('the statement being typed is read lexically even where the parser tags nothing', () => {
    const text = 'const value = compute(';
    const facts = analyzeCursor({
      file: 'a.ts', language: 'typescript', text, position: { line: 0, character: text.length },
      symbols: { definitions: [], references: [], imports: [], exports: [], lineCount: 1, hasErrors: true },
      resolvedImports: [],
    });
    assert.deepEqual(facts.identifiers.map(i => `${i.name}:${i.kind}`), ['const:identifier', 'value:identifier', 'compute:call']);
  });
});
