// A line not yet begun near uses of a namespace import: the nearby-namespaces signal offers that module's
// likeliest exports' signatures, as the namespace-hole signal does at `util.|`. A small project written to disk,
// indexed and parsed for real; the cursor is at the start of a blank line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { candidateFilter } from '../../src/core/rank/candidates';
import type { Evidence } from '../../src/core/rank/evidence';
import { NEARBY_NAMESPACES, nearbyNamespacesSignal } from '../../src/core/rank/signals/nearby-namespaces';
import { DEFAULT_WEIGHTS } from '../../src/core/rank/weights';
import { cursorFacts, rankingStateOf, typeOver, projectsOnDisk, type EditedBuffer } from './rank-helpers';

const project = projectsOnDisk('nearby-namespaces');

/** The signal's evidence, best first, with the cursor at the start of `buffer`'s position line. */
async function evidenceAt(index: WorkspaceIndex, file: string, buffer: EditedBuffer): Promise<Evidence[]> {
  const cursor = await cursorFacts(index, file, buffer);
  const state = rankingStateOf(index);
  const isCandidate = candidateFilter(index, cursor, undefined, state.mirrors);
  const context = { index, state, cursor, text: buffer.text, weights: DEFAULT_WEIGHTS, workspace: state, isCandidate };
  return nearbyNamespacesSignal.collect(context).sort((a, b) => b.score - a.score);
}

/** The line containing `marker` emptied (as a line not yet begun), the cursor at its start. */
function blankLine(index: WorkspaceIndex, file: string, marker: string): EditedBuffer {
  return typeOver(index, file, marker, '');
}

const UTIL = [
  'export function parsedType(data: unknown): string { return typeof data }',
  'export function joinValues(values: unknown[]): string { return values.join(", ") }',
  'export function rarelyUsed(): number { return 0 }',
  'function internalOnly(): number { return 1 }',
  '',
].join('\n');

const ERRORS = 'export interface IssueBase { code: string }\nexport type ErrorMap = (issue: IssueBase) => string\n';

const FAR = Array.from({ length: NEARBY_NAMESPACES.lines + 2 }, (_, i) => `  const pad${i} = ${i}`);

const MAIN = [
  "import * as util from './util'",
  "import type * as errors from './errors'",
  '',
  'export function describe(values: unknown[], map: errors.ErrorMap): string {',
  ...FAR,
  '  const joined = util.joinValues(values)',
  '  const kind = util.parsedType(values) // the blank line',
  '  return joined + kind',
  '}',
  '',
].join('\n');

const FILES = {
  'src/util.ts': UTIL,
  'src/errors.ts': ERRORS,
  'src/main.ts': MAIN,
  // `parsedType` is referenced by two other files, `rarelyUsed` by none.
  'src/a.ts': "import { parsedType } from './util'\nexport const a = parsedType(1)\n",
  'src/b.ts': "import { parsedType } from './util'\nexport const b = parsedType(2)\n",
};

test('on a blank line, the exports of a namespace used just above that this file does not write yet are candidates by their signatures, the likeliest first', async () => {
  const index = await project(FILES);
  const evidence = await evidenceAt(index, 'src/main.ts', blankLine(index, 'src/main.ts', '// the blank line'));
  assert.ok(evidence.length > 0 && evidence.every(e => e.path === 'src/util.ts' && e.headerOnly), 'only util, whose `util.joinValues` is a line above');
  const names = evidence.map(e => e.definition?.name);
  assert.deepEqual([...names].sort(), ['parsedType', 'rarelyUsed'], 'the exports, not `internalOnly`, nor `joinValues` written already');
  assert.ok(names.indexOf('parsedType') < names.indexOf('rarelyUsed'), `referenced by two files beats none: ${names.join(', ')}`);
  const total = evidence.reduce((sum, e) => sum + e.score, 0);
  assert.ok(Math.abs(total - DEFAULT_WEIGHTS.nearbyNamespaces.total) < 1e-9, `the namespace's whole share: ${total}`);
});

test('a namespace used only farther away, or a line already begun, adds nothing', async () => {
  const index = await project(FILES);
  const far = MAIN.replace('  const joined = util.joinValues(values)\n', '');
  const farIndex = await project({ ...FILES, 'src/main.ts': far });
  assert.deepEqual(await evidenceAt(farIndex, 'src/main.ts', blankLine(farIndex, 'src/main.ts', '// the blank line')), [], '`errors.ErrorMap` is farther than the lines that count');
  const begun = typeOver(index, 'src/main.ts', '// the blank line', '  const kind = ');
  assert.deepEqual(await evidenceAt(index, 'src/main.ts', begun), [], 'after text the line says more');
});

test("the cursor's own line is never read: a namespace used only there adds nothing", async () => {
  const index = await project({ ...FILES, 'src/main.ts': MAIN.replace('  const joined = util.joinValues(values)\n', '') });
  const text = index.text('src/main.ts')!;
  const line = text.split('\n').findIndex(l => l.includes('// the blank line'));
  assert.deepEqual(await evidenceAt(index, 'src/main.ts', { text, position: { line, character: 0 } }), []);
});
