// The member hole after a namespace import (`util.|`): the namespace-hole signal offers the module's exports,
// the likelier first by how many workspace files reference each and how often this file writes `util.name`.
// A small project written to disk, indexed and parsed for real; the cursor line is typed up to the hole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { candidateFilter } from '../../src/core/rank/candidates';
import type { Evidence } from '../../src/core/rank/evidence';
import { namespaceHoleSignal } from '../../src/core/rank/signals/namespace-hole';
import { DEFAULT_WEIGHTS } from '../../src/core/rank/weights';
import { cursorFacts, rankingStateOf, typeOver, projectsOnDisk } from './rank-helpers';

const project = projectsOnDisk('namespace-hole');

/** The namespace-hole signal's evidence, best first, with the line containing `marker` typed as `typed`. */
async function evidenceAt(index: WorkspaceIndex, file: string, marker: string, typed: string): Promise<Evidence[]> {
  const buffer = typeOver(index, file, marker, typed);
  const cursor = await cursorFacts(index, file, buffer);
  const state = rankingStateOf(index);
  const isCandidate = candidateFilter(index, cursor, undefined, state.mirrors);
  const context = { index, state, cursor, text: buffer.text, weights: DEFAULT_WEIGHTS, workspace: state, isCandidate };
  return namespaceHoleSignal.collect(context).sort((a, b) => b.score - a.score);
}

const UTIL = [
  'export function parsedType(data: unknown): string { return typeof data }',
  'export function joinValues(values: unknown[]): string { return values.join(", ") }',
  'export function rarelyUsed(): number { return 0 }',
  'function internalOnly(): number { return 1 }',
  'export const half = internalOnly() / 2',
  '',
].join('\n');

const MAIN = [
  "import * as util from './util'",
  "import { Box } from './box'",
  '',
  'export function describe(values: unknown[], box: Box): string {',
  '  const joined = util.joinValues(values) + util.joinValues([box])',
  '  const kind = util.parsedType(values) // the hole',
  '  return joined + kind',
  '}',
  '',
].join('\n');

const FILES = {
  'src/util.ts': UTIL,
  'src/box.ts': 'export class Box { size = 0 }\n',
  'src/main.ts': MAIN,
  // `parsedType` is referenced by three other files, `rarelyUsed` by none.
  'src/a.ts': "import { parsedType } from './util'\nexport const a = parsedType(1)\n",
  'src/b.ts': "import { parsedType } from './util'\nexport const b = parsedType(2)\n",
  'src/c.ts': "import { parsedType } from './util'\nexport const c = parsedType(3)\n",
};

test('at `util.|` the exports of the namespace are candidates, the referenced and the used here first; unexported ones are not', async () => {
  const index = await project(FILES);
  const evidence = await evidenceAt(index, 'src/main.ts', '// the hole', '  const kind = util.');
  assert.ok(evidence.every(e => e.path === 'src/util.ts' && e.headerOnly));
  const names = evidence.map(e => e.definition?.name);
  assert.deepEqual([...names].sort(), ['half', 'joinValues', 'parsedType', 'rarelyUsed'], 'the exports, not `internalOnly`');
  assert.ok(names.indexOf('joinValues') < names.indexOf('rarelyUsed'), `used twice in this file beats never used: ${names.join(', ')}`);
  assert.ok(names.indexOf('parsedType') < names.indexOf('rarelyUsed'), `referenced by three files beats none: ${names.join(', ')}`);
  const total = evidence.reduce((sum, e) => sum + e.score, 0);
  assert.ok(Math.abs(total - DEFAULT_WEIGHTS.namespaceHole.total) < 1e-9, `one share, however many exports: ${total}`);
});

test('a member already being typed narrows the exports to those it begins', async () => {
  const index = await project(FILES);
  const evidence = await evidenceAt(index, 'src/main.ts', '// the hole', '  const kind = util.ra');
  assert.deepEqual(evidence.map(e => e.definition?.name), ['rarelyUsed']);
});

test('a receiver that is not a namespace import, or no hole at all, adds nothing', async () => {
  const index = await project(FILES);
  for (const typed of ['  const kind = box.', '  const kind = util.parsedType(values)', '  const kind = ']) {
    assert.deepEqual(await evidenceAt(index, 'src/main.ts', '// the hole', typed), [], typed);
  }
});

test("at `pkg.|` on a Python package, the names its `__init__` imports are candidates where they are declared", async () => {
  const index = await project({
    'app/__init__.py': '',
    'app/compiled/__init__.py': 'from app.compiled.value import create_value, CompiledValue\n\n\ndef builtin_from_name(name):\n    return name\n',
    'app/compiled/value.py': 'class CompiledValue:\n    pass\n\n\ndef create_value(access):\n    return CompiledValue()\n\n\ndef not_forwarded():\n    return 0\n',
    'app/main.py': 'from app import compiled\n\n\ndef run(access):\n    return compiled.create_value(access)  # the hole\n',
  });
  const evidence = await evidenceAt(index, 'app/main.py', '# the hole', '    return compiled.');
  assert.deepEqual(evidence.map(e => `${e.path}:${e.definition?.name}`).sort(), [
    'app/compiled/__init__.py:builtin_from_name',
    'app/compiled/value.py:CompiledValue',
    'app/compiled/value.py:create_value',
  ]);
  assert.ok(evidence.every(e => e.headerOnly));
});

test('a module that also forwards everything of another (`export * from`) offers none of its names forwarded by name', async () => {
  const index = await project({
    'src/core/index.ts': "export * from './schemas'\nexport { toJson } from './json'\n",
    'src/core/schemas.ts': 'export function string(): string { return "" }\n',
    'src/core/json.ts': 'export function toJson(value: unknown): string { return String(value) }\n',
    'src/main.ts': "import * as core from './core/index'\n\nexport const s = core.string() // the hole\n",
  });
  assert.deepEqual(await evidenceAt(index, 'src/main.ts', '// the hole', 'export const s = core.'), []);
});
