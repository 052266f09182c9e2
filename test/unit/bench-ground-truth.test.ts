import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { corpusSources, holePosition, sampleGroundTruth } from '../../bench/ground-truth';

const FILES: Record<string, string> = {
  'src/a.ts': [
    'export interface Shape { area(): number; }',
    'export function makeSquare(side: number): Shape {',
    '  return { area: () => side * side };',
    '}',
    'export const UNIT = 1;',
  ].join('\n'),
  'src/b.ts': [
    "import { makeSquare, type Shape } from './a';",
    "import * as helpers from './a';",
    '',
    'export function total(shapes: Shape[]): number {',
    '  let sum = 0;',
    '  for (const s of shapes) sum += s.area();',
    '  return sum + helpers.UNIT + BUILD_ID.length;',
    '}',
    '// makeSquare(2) in a comment is no target',
    'const sq = makeSquare(2);',
    'export const twice = total([sq, sq]);',
  ].join('\n'),
  'src/c.ts': ["import { makeSquare } from './a.js';", 'const sq = makeSquare(2);', 'export { sq };', "import { combine } from './d';", 'export const both = combine(1, 2);'].join('\n'),
  'src/d.ts': ['export function combine(', '  left: number,', '  right: number,', '): number {', '  return left + right;', '}'].join('\n'),
  // A script (no import/export): its declaration is global, so b.ts uses it without ever naming it above.
  'src/globals.ts': 'declare const BUILD_ID: string;',
  'src/b.test.ts': "import { makeSquare } from './a';\nmakeSquare(3);",
  'types/a.d.ts': 'export declare function makeSquare(side: number): unknown;',
  'node_modules/dep/index.ts': 'export const x = 1;',
};

describe('ground truth sampler', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-gt-'));
    for (const [file, text] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('takes .ts sources only: no tests, declaration files or node_modules', () => {
    assert.deepEqual(corpusSources(dir), ['src/a.ts', 'src/b.ts', 'src/c.ts', 'src/d.ts', 'src/globals.ts']);
  });

  test('finds exactly the lines that use declarations of other files, with sites and categories', () => {
    const { positions } = sampleGroundTruth(dir, { maxPerFile: 100, minLineGap: 1 });
    const square = { file: 'src/a.ts', startLine: 1, endLine: 3, signatureLine: 1, signatureEndLine: 1 };
    assert.deepEqual(
      positions.map(p => ({ at: `${p.file}:${p.line}`, dup: p.dupElsewhere, gold: p.gold })),
      [
        { at: 'src/b.ts:3', dup: false, gold: [{ name: 'Shape', category: 'imported_or_seen', column: 30, sites: [{ file: 'src/a.ts', startLine: 0, endLine: 0, signatureLine: 0, signatureEndLine: 0 }] }] },
        { at: 'src/b.ts:5', dup: false, gold: [{ name: 'area', category: 'member', column: 35, sites: [{ file: 'src/a.ts', startLine: 0, endLine: 0, signatureLine: 0, signatureEndLine: 0 }] }] },
        {
          at: 'src/b.ts:6',
          dup: false,
          gold: [
            { name: 'UNIT', category: 'member', column: 23, sites: [{ file: 'src/a.ts', startLine: 4, endLine: 4, signatureLine: 4, signatureEndLine: 4 }] },
            { name: 'BUILD_ID', category: 'unseen', column: 30, sites: [{ file: 'src/globals.ts', startLine: 0, endLine: 0, signatureLine: 0, signatureEndLine: 0 }] },
          ],
        },
        { at: 'src/b.ts:9', dup: true, gold: [{ name: 'makeSquare', category: 'imported_or_seen', column: 11, sites: [square] }] },
        { at: 'src/c.ts:1', dup: true, gold: [{ name: 'makeSquare', category: 'imported_or_seen', column: 11, sites: [square] }] },
        {
          at: 'src/c.ts:4',
          dup: false,
          gold: [{ name: 'combine', category: 'imported_or_seen', column: 20, sites: [{ file: 'src/d.ts', startLine: 0, endLine: 5, signatureLine: 0, signatureEndLine: 3 }] }],
        },
      ],
    );
  });

  test('hole masking puts the cursor before the first gold name and counts the kept text as seen', () => {
    const { positions } = sampleGroundTruth(dir, { maxPerFile: 100, minLineGap: 1 });
    const lines = FILES['src/b.ts'].split('\n');
    const at = (line: number) => holePosition(positions.find(p => p.file === 'src/b.ts' && p.line === line)!, lines.slice(0, line).join('\n'));
    // `return sum + helpers.|UNIT + BUILD_ID.length;`: the cursor after `helpers.`, both names still gold.
    const hole = at(6);
    assert.equal(hole.column, 23);
    assert.equal(lines[6].slice(0, hole.column), '  return sum + helpers.');
    assert.deepEqual(hole.gold.map(g => [g.name, g.category]), [['UNIT', 'member'], ['BUILD_ID', 'unseen']]);
    // A name written in the kept part of the line (here an object key) is seen there, as if above the cursor.
    const lineText = '  const o = { BUILD_ID: BUILD_ID, unit: helpers.UNIT };';
    const sites = hole.gold[0].sites;
    const keyed = holePosition({ ...hole, lineText, gold: [{ name: 'BUILD_ID', category: 'unseen', column: 24, sites }, { name: 'UNIT', category: 'member', column: 48, sites }] }, lines.slice(0, 6).join('\n'));
    assert.equal(lineText.slice(keyed.column!, keyed.column! + 8), 'BUILD_ID');
    assert.deepEqual(keyed.gold.map(g => [g.name, g.category]), [['BUILD_ID', 'imported_or_seen'], ['UNIT', 'member']]);
  });

  test('the seeded sample is reproducible and respects the per-file cap and the line gap', () => {
    const options = { maxPerFile: 2, minLineGap: 3, seed: 7 };
    const first = sampleGroundTruth(dir, options).positions.map(p => `${p.file}:${p.line}`);
    assert.deepEqual(sampleGroundTruth(dir, options).positions.map(p => `${p.file}:${p.line}`), first);
    const bLines = first.filter(p => p.startsWith('src/b.ts:')).map(p => Number(p.split(':')[1]));
    assert.equal(bLines.length, 2);
    assert.ok(Math.abs(bLines[0] - bLines[1]) >= 3, `lines ${bLines} closer than the gap`);
    assert.equal(sampleGroundTruth(dir, { ...options, maxPositions: 1 }).positions.length, 1);
  });
});
