import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { SymbolExtractor } from '../../src/core/index/extract';
import { at, definitionRow, extractFixture, importRows, referenceRow, textAt } from '../fixtures/extract-support/helpers';

describe('TypeScript extraction', async () => {
  const { text, symbols } = await extractFixture('typescript', 'extract-typescript/shapes.ts');

  test('definitions: kind, name, container, exported, range and signature', () => {
    assert.deepEqual(symbols.definitions.map(d => definitionRow(text, d)), [
      ['interface', 'Shape', '', true, '8:7-11:1', 'interface Shape'],
      ['property', 'name', 'Shape', false, '9:2-9:14', 'name: string'],
      ['method', 'area', 'Shape', false, '10:2-10:26', 'area(unit: Unit): number'],
      ['type', 'Point', '', true, '13:7-14:14', 'type Point ='],
      ['property', 'x', 'Point', false, '13:22-13:31', 'x: number'],
      ['property', 'y', 'Point', false, '14:2-14:11', 'y: number'],
      ['type', 'Id', '', false, '15:0-15:26', 'type Id = string | number;'],
      ['enum', 'Kind', '', true, '17:7-17:35', 'enum Kind'],
      ['class', 'Base', '', true, '19:7-22:1', 'abstract class Base implements Shape'],
      ['property', 'name', 'Base', false, '20:2-20:15', "name = 'base'"],
      ['method', 'area', 'Base', false, '21:2-21:35', 'abstract area(unit: Unit): number'],
      ['class', 'Polygon', '', true, '24:15-37:1', 'class Polygon extends Base'],
      ['property', 'sides', 'Polygon', false, '25:2-25:29', 'private sides: Point[] = []'],
      ['method', 'onChange', 'Polygon', false, '26:2-28:3', 'onChange = () =>'],
      ['method', 'constructor', 'Polygon', false, '30:2-32:3', 'constructor(readonly id: Id)'],
      ['method', 'area', 'Polygon', false, '34:2-36:3', 'area(unit: Unit): number'],
      ['function', 'makePolygon', '', true, '39:7-42:1', 'function makePolygon(points: Point[]): Polygon'],
      ['function', 'scale', '', true, '44:7-47:2', 'const scale = async (p: Point, k: number): Promise<Point> =>'],
      // An expression-bodied arrow has no block to cut: the whole declaration is its signature.
      ['function', 'double', '', true, '49:0-49:36', 'const double = (n: number) => n * 2;'],
      ['variable', 'DEFAULTS', '', true, '51:7-53:2', 'const DEFAULTS ='],
      ['module', 'Internal', '', false, '55:0-57:1', 'namespace Internal'],
      ['function', 'helper', 'Internal', true, '56:9-56:35', 'function helper(): void'],
      ['function', 'hidden', '', true, '59:0-61:1', 'function hidden(): Id'],
    ]);
  });

  test('locals inside functions are not definitions', () => {
    const names = symbols.definitions.map(d => d.name);
    for (const local of ['polygon', 'copy']) assert.ok(!names.includes(local), `${local} is a local`);
  });

  test('imports and re-exports follow the ImportRecord conventions', () => {
    assert.deepEqual(importRows(symbols), [
      { source: './geometry', names: [{ name: 'default', alias: 'Default' }, { name: 'area' }, { name: 'perimeter', alias: 'perim' }], reexport: false, line: 0 },
      { source: './log', names: [{ name: '*', alias: 'log' }], reexport: false, line: 1 },
      { source: './polyfill', names: [], reexport: false, line: 2 },
      { source: './units', names: [{ name: 'Unit' }], reexport: false, line: 3 },
      { source: './circle', names: [{ name: 'Circle' }], reexport: true, line: 4 },
      { source: './square', names: [{ name: '*' }], reexport: true, line: 5 },
      { source: './colors', names: [{ name: '*', alias: 'colors' }], reexport: true, line: 6 },
    ]);
    assert.equal(at(symbols.imports[0]!.range), '0:0-0:63');
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
      'call info@27:8', // log.info(...): the member name of a call
      'identifier log@27:4',
      'member sides@27:18',
      'member length@27:24',
      'call area@35:11',
      'call perim@35:36',
      'call Default@35:46', // new Default()
      'type Unit@10:13',
      'type Point@39:36',
      'type Polygon@39:46',
      'call double@60:9',
      'identifier points@40:30',
    ]) assert.ok(rows.has(expected), `missing ${expected}`);
    // A callee is reported once, as a call.
    assert.ok(!rows.has('member info@27:8'));
    for (const r of symbols.references) assert.equal(textAt(text, r.range), r.name);
  });

  test('defining names are not references', () => {
    const rows = new Set(symbols.references.map(referenceRow));
    for (const definingName of ['type Shape@8:17', 'identifier makePolygon@39:16', 'type Polygon@24:21', 'identifier scale@44:13', 'identifier polygon@40:8']) {
      assert.ok(!rows.has(definingName), `${definingName} is a definition`);
    }
  });

  test('line count and error flag', () => {
    assert.equal(symbols.lineCount, 64);
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
