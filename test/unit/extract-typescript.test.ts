import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { SymbolExtractor } from '../../src/core/index/extract';
import { at, definitionRow, extractFixture, importRows, referenceRow, textAt } from '../fixtures/extract-support/helpers';

describe('TypeScript extraction', async () => {
  const { text, symbols } = await extractFixture('typescript', 'extract-typescript/shapes.ts');

  test('definitions: kind, name, container, exported, range and signature', () => {
    assert.deepEqual(symbols.definitions.map(d => definitionRow(text, d)), [
      ['interface', 'Shape', '', true, '9:7-12:1', 'interface Shape'],
      ['property', 'name', 'Shape', false, '10:2-10:14', 'name: string'],
      ['method', 'area', 'Shape', false, '11:2-11:26', 'area(unit: Unit): number'],
      ['type', 'Point', '', true, '14:7-15:14', 'type Point ='],
      ['property', 'x', 'Point', false, '14:22-14:31', 'x: number'],
      ['property', 'y', 'Point', false, '15:2-15:11', 'y: number'],
      ['type', 'Id', '', false, '16:0-16:26', 'type Id = string | number;'],
      ['enum', 'Kind', '', true, '18:7-18:35', 'enum Kind'],
      ['class', 'Base', '', true, '20:7-23:1', 'abstract class Base implements Shape'],
      ['property', 'name', 'Base', false, '21:2-21:15', "name = 'base'"],
      ['method', 'area', 'Base', false, '22:2-22:35', 'abstract area(unit: Unit): number'],
      ['class', 'Polygon', '', true, '25:15-38:1', 'class Polygon extends Base'],
      ['property', 'sides', 'Polygon', false, '26:2-26:29', 'private sides: Point[] = []'],
      ['method', 'onChange', 'Polygon', false, '27:2-29:3', 'onChange = () =>'],
      ['method', 'constructor', 'Polygon', false, '31:2-33:3', 'constructor(readonly id: Id)'],
      ['method', 'area', 'Polygon', false, '35:2-37:3', 'area(unit: Unit): number'],
      ['function', 'makePolygon', '', true, '40:7-43:1', 'function makePolygon(points: Point[]): Polygon'],
      ['function', 'scale', '', true, '45:7-48:2', 'const scale = async (p: Point, k: number): Promise<Point> =>'],
      // An expression-bodied arrow has no block to cut: the whole declaration is its signature.
      ['function', 'double', '', true, '50:0-50:36', 'const double = (n: number) => n * 2;'],
      ['variable', 'DEFAULTS', '', true, '52:7-54:2', 'const DEFAULTS ='],
      ['module', 'Internal', '', false, '56:0-58:1', 'namespace Internal'],
      ['function', 'helper', 'Internal', true, '57:9-57:35', 'function helper(): void'],
      ['function', 'hidden', '', true, '60:0-62:1', 'function hidden(): Id'],
    ]);
  });

  test('locals inside functions are not definitions', () => {
    const names = symbols.definitions.map(d => d.name);
    for (const local of ['polygon', 'copy']) assert.ok(!names.includes(local), `${local} is a local`);
  });

  test('imports and re-exports follow the ImportRecord conventions', () => {
    assert.deepEqual(importRows(symbols), [
      { source: './geometry', names: [{ name: 'default', alias: 'Default' }, { name: 'area' }, { name: 'perimeter', alias: 'perim' }], reexport: false, line: 1 },
      { source: './log', names: [{ name: '*', alias: 'log' }], reexport: false, line: 2 },
      { source: './polyfill', names: [], reexport: false, line: 3 },
      { source: './units', names: [{ name: 'Unit' }], reexport: false, line: 4 },
      { source: './circle', names: [{ name: 'Circle' }], reexport: true, line: 5 },
      { source: './square', names: [{ name: '*' }], reexport: true, line: 6 },
      { source: './colors', names: [{ name: '*', alias: 'colors' }], reexport: true, line: 7 },
    ]);
    assert.equal(at(symbols.imports[0]!.range), '1:0-1:63');
  });

  test('exports: declarations, export lists under their exported name, default, re-exports', () => {
    assert.deepEqual([...symbols.exports].sort(), [
      'Base', 'Circle', 'DEFAULTS', 'Kind', 'Point', 'Shape', 'colors', 'default', 'hidden', 'makePolygon', 'scale', 'twice',
    ]);
    // `export default class Polygon` exports `default`, not the class's own name.
    assert.ok(!symbols.exports.includes('Polygon'));
  });

  test('references carry their kind and the identifier range', () => {
    const rows = new Set(symbols.references.map(referenceRow));
    for (const expected of [
      'call info@28:8', // log.info(...): the member name of a call
      'identifier log@28:4',
      'member sides@28:18',
      'member length@28:24',
      'call area@36:11',
      'call perim@36:36',
      'call Default@36:46', // new Default()
      'type Unit@11:13',
      'type Point@40:36',
      'type Polygon@40:46',
      'call double@61:9',
      'identifier points@41:30',
    ]) assert.ok(rows.has(expected), `missing ${expected}`);
    // A callee is reported once, as a call.
    assert.ok(!rows.has('member info@28:8'));
    for (const r of symbols.references) assert.equal(textAt(text, r.range), r.name);
  });

  test('defining names are not references', () => {
    const rows = new Set(symbols.references.map(referenceRow));
    for (const definingName of ['type Shape@9:17', 'identifier makePolygon@40:16', 'type Polygon@25:21', 'identifier scale@45:13', 'identifier polygon@41:8']) {
      assert.ok(!rows.has(definingName), `${definingName} is a definition`);
    }
  });

  test('line count and error flag', () => {
    assert.equal(symbols.lineCount, 65);
    assert.equal(symbols.hasErrors, false);
  });
});

describe('TypeScript extraction edge cases', async () => {
  const extractor = await SymbolExtractor.create();
  await extractor.ensureLanguage('typescript');

  test('syntax the grammar rejects still yields the tags outside the error', () => {
    const symbols = extractor.extract('typescript', 'export function before(): void {}\ninterface Cache<in out K> { get(k: K): void }\nexport class After {}\n');
    assert.equal(symbols.hasErrors, true);
    const names = symbols.definitions.map(d => d.name);
    assert.ok(names.includes('before') && names.includes('After'), `got ${names.join(', ')}`);
  });

  test('columns count UTF-16 code units, like LSP positions', () => {
    const source = 'const s = "é😀"; use(s);\n';
    const call = extractor.extract('typescript', source).references.find(r => r.name === 'use');
    assert.equal(call && at(call.range), '0:17-0:20');
    assert.equal(source.slice(17, 20), 'use');
  });

  test('signatures trim whitespace before a body on the next line', () => {
    const source = 'function spaced(a: number)\n\n{\n  return a;\n}\n';
    const [definition] = extractor.extract('typescript', source).definitions;
    assert.equal(definition && at(definition.signatureRange), '0:0-0:26');
  });

  test('an unloaded language is refused with what to do', () => {
    assert.throws(() => extractor.extract('go', 'package main'), /ensureLanguage\('go'\)/);
  });
});

describe('constructor parameter properties', () => {
  test('are properties of the class; plain parameters are not', async () => {
    const extractor = await SymbolExtractor.create();
    assert.ok(await extractor.ensureLanguage('typescript'));
    const symbols = extractor.extract('typescript', 'class A {\n  constructor(private readonly index: Idx, public name?: string, plain: number) {}\n}\n');
    const properties = symbols.definitions.filter(d => d.kind === 'property').map(d => `${d.container}.${d.name}`);
    assert.deepEqual(properties, ['A.index', 'A.name']);
  });
});
