// Facts as ranking data, without a server: the editor sends its facts with the request (EngineRequest.facts),
// so these tests hand the engine facts directly and check what ranking and reuse do with them.
//  - The producers and consumers of the expected type come from the ranking state's maintained tables: a
//    producer added by an edit is found by the next request, without a rebuild.
//  - A kept context is not emitted again when new facts point at a declaration it does not show: facts
//    reach the reuse decision through the ranking they change (pack/reuse.ts checks the ranking's best spans).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ContextEngine } from '../../src/core/engine';
import type { GatheredFacts } from '../../src/core/facts';
import { KEPT_REASON } from '../../src/core/pack';
import { typeNamePattern, useIn } from '../../src/core/rank/type-users';
import { DEFAULT_WEIGHTS } from '../../src/core/rank/weights';
import type { ManifestItem, Position } from '../../src/core/types';

const fixture = path.join(__dirname, '..', 'fixtures', 'facts-ts');
const HOLES = 'src/holes.ts';

function at(text: string, marker: string): Position {
  const lines = text.slice(0, text.indexOf(marker)).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1]!.length };
}

/** What a language server would say at a hole expecting `typeName`, declared at `line` of `file`. */
function expecting(typeName: string, file: string, line: number, character: number): GatheredFacts {
  const range = { start: { line, character }, end: { line, character: character + typeName.length } };
  return {
    facts: [{ kind: 'expected-type', name: typeName, location: { path: file, inWorkspace: true, range }, depth: 1, reason: `expected type \`${typeName}\` of \`policy\`, assigned at the cursor` }],
    expectedType: { hole: 'assignment', typeText: typeName, of: '`policy`, assigned at the cursor' },
    missing: [],
    complete: true,
    elapsedMs: 1,
  };
}

/** A server's definition of `name` used on the cursor line. */
function definitionFact(name: string, file: string, line: number, character: number): GatheredFacts {
  const range = { start: { line, character }, end: { line, character: character + name.length } };
  return { facts: [{ kind: 'definition', name, location: { path: file, inWorkspace: true, range }, depth: 0, reason: `defines \`${name}\`, used on the cursor line` }], missing: [], complete: true, elapsedMs: 1 };
}

describe('facts in ranking and reuse (facts sent with the request)', () => {
  let root: string;
  let engine: ContextEngine;
  const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
  const declared = (file: string, text: string) => {
    const line = read(file).split('\n').findIndex(l => l.includes(text));
    return { line, character: read(file).split('\n')[line]!.indexOf(text.split(' ').pop()!) };
  };

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'facts-ranking-'));
    fs.cpSync(fixture, root, { recursive: true });
    engine = await ContextEngine.open({ root, cacheDir: false });
  });
  after(async () => {
    await engine?.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('a producer added by an edit is found by the next request (maintained state, no rebuild)', async () => {
    const retry = declared('src/types.ts', 'interface RetryPolicy');
    const facts = expecting('RetryPolicy', 'src/types.ts', retry.line, retry.character);
    const request = { file: HOLES, position: at(read(HOLES), '/*assignment*/'), budgetTokens: 8192, facts };
    const producersIn = (items: readonly ManifestItem[], file: string) =>
      items.filter(i => i.path === file && i.level === 'snippet' && i.reasons.some(r => r.startsWith('returns `RetryPolicy`')));
    const first = await engine.buildContext(request);
    assert.ok(producersIn(first.manifest.items, 'src/policies.ts').length > 0, 'defaultRetry is a producer');
    assert.equal(producersIn(first.manifest.items, 'src/presets.ts').length, 0);
    const presets = `import type { RetryPolicy } from './types';\n\nexport function patientRetry(): RetryPolicy {\n  return { attempts: 10, backoff: { initialMs: 1000, factor: 2 } };\n}\n`;
    fs.writeFileSync(path.join(root, 'src/presets.ts'), presets);
    await engine.updateFile('src/presets.ts');
    const second = await engine.buildContext({ ...request, budgetTokens: 4096 });
    const added = producersIn(second.manifest.items, 'src/presets.ts');
    assert.equal(added.length, 1, JSON.stringify(second.manifest.items.filter(i => i.path === 'src/presets.ts')));
    assert.match(added[0]!.reasons[0]!, /^returns `RetryPolicy`, the expected type of `policy`, assigned at the cursor$/);
  });

  test('a kept context is not emitted again once facts point at a declaration it does not show', async () => {
    const position = at(read(HOLES), '/*return*/');
    // A budget no other test uses, small enough that the context is chosen span by span.
    const request = { file: HOLES, position, budgetTokens: 600 };
    const plain = await engine.buildContext(request);
    const again = await engine.buildContext(request);
    assert.ok(again.manifest.items.some(i => i.included && i.reasons.includes(KEPT_REASON)), 'without new facts the kept context is emitted again');
    assert.ok(!plain.context.includes('function unrelated'), `the plain context does not show \`unrelated\`:\n${plain.context}`);
    const unrelated = declared('src/policies.ts', 'function unrelated');
    const informed = await engine.buildContext({ ...request, facts: definitionFact('unrelated', 'src/policies.ts', unrelated.line, unrelated.character) });
    assert.ok(!informed.manifest.items.some(i => i.included && i.reasons.includes(KEPT_REASON)), 'the kept context is not emitted again');
    assert.ok(informed.context.includes('function unrelated'), `with the fact the context shows \`unrelated\`:\n${informed.context}`);
  });

  test('a fact counts whole for the declaration it names and by its file share for the file', async () => {
    const position = at(read(HOLES), '/*return*/');
    // A budget no other test uses (no kept context), small enough that the declaration is shown as a snippet.
    const request = { file: HOLES, position, budgetTokens: 700 };
    const unrelated = declared('src/policies.ts', 'function unrelated');
    const plain = await engine.buildContext(request);
    const informed = await engine.buildContext({ ...request, facts: definitionFact('unrelated', 'src/policies.ts', unrelated.line, unrelated.character) });
    const fileScore = (items: readonly ManifestItem[]) => items.find(i => i.path === 'src/policies.ts' && i.level !== 'snippet')?.score ?? 0;
    const spanScore = (items: readonly ManifestItem[]) => items.find(i => i.path === 'src/policies.ts' && i.level === 'snippet' && i.startLine === unrelated.line + 1)?.score ?? 0;
    const { definition, fileShare } = DEFAULT_WEIGHTS.facts;
    assert.ok(fileShare < 1);
    assert.ok(Math.abs(fileScore(informed.manifest.items) - fileScore(plain.manifest.items) - definition * fileShare) < 1e-9, 'the file gains its share of the fact');
    assert.ok(spanScore(informed.manifest.items) - spanScore(plain.manifest.items) >= definition, 'the declaration gains the whole fact');
  });

  test('a type fact that resolves to no declaration of its file counts by the file share for the file', async () => {
    // `Record<string, string>` spelled out in `RequestOptions`, as a server names a type parameter or a literal type.
    const position = at(read(HOLES), '/*return*/');
    // Budgets no other test uses, one each: no kept context is offered (the ranking does not depend on the budget).
    const request = { file: HOLES, position, budgetTokens: 701 };
    const line = read('src/types.ts').split('\n').findIndex(l => l.includes('headers?: Record'));
    const character = read('src/types.ts').split('\n')[line]!.indexOf('Record');
    const plain = await engine.buildContext(request);
    const informed = await engine.buildContext({ ...request, budgetTokens: 702, facts: typeWithoutDeclaration('Record<string, string>', 'src/types.ts', line, character, 'RequestOptions') });
    const fileScore = (items: readonly ManifestItem[]) => items.find(i => i.path === 'src/types.ts' && i.level !== 'snippet')?.score ?? 0;
    const { typeDefinition, depthFactor, fileShare } = DEFAULT_WEIGHTS.facts;
    const gain = fileScore(informed.manifest.items) - fileScore(plain.manifest.items);
    assert.ok(fileScore(plain.manifest.items) > 0, 'types.ts is ranked without the fact');
    assert.ok(Math.abs(gain - typeDefinition * depthFactor ** 2 * fileShare) < 1e-9, `the file gains its share of the fact, not all of it: ${gain}`);
  });
});

/** A type the server names inside another type's declaration, where the index declares nothing of that name (depth 2: followed from a type fact). */
function typeWithoutDeclaration(name: string, file: string, line: number, character: number, usedBy: string): GatheredFacts {
  const range = { start: { line, character }, end: { line, character: character + name.length } };
  return { facts: [{ kind: 'type-definition', name, location: { path: file, inWorkspace: true, range }, depth: 2, reason: `type \`${name}\` used by \`${usedBy}\`` }], missing: [], complete: true, elapsedMs: 1 };
}

describe('which side of the parameter list a type is on', () => {
  const definition = (text: string, name: string) => {
    const lines = text.split('\n');
    const line = lines.findIndex(l => l.includes(name));
    const last = lines.length - 1;
    return { name, kind: 'function' as const, exported: true, range: { start: { line, character: 0 }, end: { line: last, character: 0 } }, signatureRange: { start: { line, character: 0 }, end: { line, character: lines[line]!.length } } };
  };
  test('TypeScript and Python return types; a type only among the parameters is taken', () => {
    const ts = 'export function make(seed: Seed, pick: (s: Seed) => Item): Promise<Item> {\n  return x;\n}';
    assert.equal(useIn(ts, definition(ts, 'make'), typeNamePattern('Item')), 'returns');
    assert.equal(useIn(ts, definition(ts, 'make'), typeNamePattern('Seed')), 'takes');
    const py = 'def city_of(order: Order, fallback: City) -> City:\n    return order.city';
    assert.equal(useIn(py, definition(py, 'city_of'), typeNamePattern('City')), 'returns');
    assert.equal(useIn(py, definition(py, 'city_of'), typeNamePattern('Order')), 'takes');
  });
});
