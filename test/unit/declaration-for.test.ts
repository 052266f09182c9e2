// The ranking credits a definition's evidence to the declaration that stands for it: itself when the file
// declares it, else the innermost declaration around it (a local stands for its function), by the project's
// one rule (cursor/scopes.ts, innermostEnclosing). The walk that finds it stops early; it must find what that
// rule, looking at every declaration, finds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { innermostEnclosing } from '../../src/core/cursor/scopes';
import { fileFeatures } from '../../src/core/rank/file-features';
import { declarationFor } from '../../src/core/rank/spans';
import type { Definition, Position } from '../../src/core/types';
import { projectsOnDisk } from './rank-helpers';

const project = projectsOnDisk('declaration-for');

const SOURCE = [
  'export class Shop {',
  '  total(items: number[]) {',
  '    const sum = items.length;',
  '    return sum;',
  '  }',
  '  static empty = new Shop();',
  '}',
  'describe(() => {',
  '  const inCallback = [1].map(x => x + 1);',
  '});',
  'export function helper() {',
  '  const local = 2;',
  '  return local;',
  '}',
  'export const arrow = () => { const inArrow = 3; return inArrow; };',
].join('\n');

/** A definition the file does not declare, at `position` (as a signal may find one: a local, a parameter). */
const foundAt = (position: Position): Definition => ({
  name: 'notDeclaredHere',
  kind: 'variable',
  range: { start: position, end: position },
  signatureRange: { start: position, end: position },
  exported: false,
});

/** The project's one rule for the innermost declaration around a position, looking at every declaration. */
const innermostByLookingAtAll = (declarations: readonly Definition[], position: Position): Definition | undefined =>
  innermostEnclosing(declarations, position, new Set(declarations.map(d => d.kind)));

test('a definition the file does not declare stands for the declaration around it that starts last, at every position of a file', async () => {
  const index = await project({ 'src/shop.ts': SOURCE });
  const features = fileFeatures(index.file('src/shop.ts')!);
  const names = (position: Position) => declarationFor(features, foundAt(position))?.name;
  assert.equal(names({ line: 2, character: 10 }), 'total', 'a local of a method: the method');
  assert.equal(names({ line: 11, character: 8 }), 'helper', 'a local of a function: the function');
  assert.equal(names({ line: 8, character: 34 }), 'inCallback', 'a parameter in a top-level callback: the variable it initializes');
  assert.equal(names({ line: 9, character: 1 }), undefined, 'top-level code: no declaration');
  const lines = SOURCE.split('\n');
  lines.forEach((text, line) => {
    for (let character = 0; character <= text.length; character++) {
      const position = { line, character };
      assert.equal(declarationFor(features, foundAt(position)), innermostByLookingAtAll(features.declarations, position), `${line}:${character}`);
    }
  });
});

test('a definition the file declares stands for itself', async () => {
  const index = await project({ 'src/shop.ts': SOURCE });
  const features = fileFeatures(index.file('src/shop.ts')!);
  for (const declaration of features.declarations) assert.equal(declarationFor(features, { ...declaration }), declaration, declaration.name);
});

test('of declarations starting together (the longer first, as a file\'s features order them), the shorter where it reaches', async () => {
  const index = await project({ 'src/shop.ts': SOURCE });
  const features = fileFeatures(index.file('src/shop.ts')!);
  const at = (line: number, character: number): Position => ({ line, character });
  const declared = (name: string, end: Position): Definition => ({ name, kind: 'function', range: { start: at(10, 0), end }, signatureRange: { start: at(10, 0), end: at(10, 26) }, exported: true });
  const together = { ...features, declarations: [declared('longer', at(13, 1)), declared('shorter', at(12, 15))] };
  assert.equal(declarationFor(together, foundAt(at(11, 8)))?.name, 'shorter');
  assert.equal(declarationFor(together, foundAt(at(13, 0)))?.name, 'longer', 'past the shorter one\'s end');
});
