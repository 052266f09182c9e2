// The member hole on a receiver whose class the text names (`self.|`, `Cls(…).|`, `x.|` of a known type),
// without a language server: the class-hole signal offers the members of that class and of its bases.
// A small Python project written to disk, indexed and parsed for real; the cursor line is typed up to the hole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { candidateFilter } from '../../src/core/rank/candidates';
import type { Evidence } from '../../src/core/rank/evidence';
import { classHoleSignal } from '../../src/core/rank/signals/class-hole';
import { DEFAULT_WEIGHTS } from '../../src/core/rank/weights';
import { cursorFacts, rankingStateOf, typeOver, projectsOnDisk } from './rank-helpers';

const project = projectsOnDisk('class-hole');

/** The class-hole signal's evidence, best first, with the line containing `marker` typed as `typed`. */
async function evidenceAt(index: WorkspaceIndex, marker: string, typed: string): Promise<Evidence[]> {
  const buffer = typeOver(index, 'pkg/main.py', marker, typed);
  const cursor = await cursorFacts(index, 'pkg/main.py', buffer);
  const state = rankingStateOf(index);
  const isCandidate = candidateFilter(index, cursor, undefined, state.mirrors);
  const context = { index, state, cursor, text: buffer.text, weights: DEFAULT_WEIGHTS, workspace: state, isCandidate };
  return classHoleSignal.collect(context).sort((a, b) => b.score - a.score);
}

const FILES = {
  'pkg/__init__.py': '',
  'pkg/base.py': [
    'class Base:',
    '    def __init__(self, context):',
    '        self.context = context',
    '',
    '    def lookup(self, name):',
    '        return name',
    '',
    '    def rarely(self):',
    '        return 0',
    '',
  ].join('\n'),
  'pkg/middle.py': [
    'from pkg.base import Base',
    '',
    '',
    'class Middle(Base):',
    '    def describe(self):',
    '        return 1',
    '',
  ].join('\n'),
  'pkg/main.py': [
    'from pkg.middle import Middle',
    '',
    '',
    'class Leaf(Middle):',
    '    def own(self):',
    '        return 2',
    '',
    '    def run(self, factory):',
    '        self._middle = factory()',
    "        value = self.lookup('x')  # the hole",
    '        return value',
    '',
  ].join('\n'),
};

const named = (evidence: readonly Evidence[]) => evidence.map(e => `${e.path}:${e.definition?.name}`).sort();

test("at `self.|` the members of the enclosing class's bases in other files are candidates, shared with its own", async () => {
  const index = await project(FILES);
  const evidence = await evidenceAt(index, '# the hole', '        value = self.');
  assert.deepEqual(named(evidence), ['pkg/base.py:context', 'pkg/base.py:lookup', 'pkg/base.py:rarely', 'pkg/middle.py:describe']);
  assert.ok(evidence.filter(e => e.definition?.name !== 'context').every(e => e.headerOnly), 'methods show by their signatures');
  // The attribute `__init__` sets shows only by that body's lines.
  assert.equal(evidence.find(e => e.definition?.name === 'context')?.headerOnly, false);
  const total = evidence.reduce((sum, e) => sum + e.score, 0);
  assert.ok(total < DEFAULT_WEIGHTS.classHole.total - 1e-9, `Leaf's own members take their share: ${total}`);
});

test('at `Cls.|`, `Cls(…).|` and a field named after a class, the members of that class and its bases', async () => {
  const index = await project(FILES);
  const all = ['pkg/base.py:context', 'pkg/base.py:lookup', 'pkg/base.py:rarely', 'pkg/middle.py:describe'];
  for (const typed of ['        value = Middle.', '        value = Middle(factory).', '        value = self._middle.']) {
    const evidence = await evidenceAt(index, '# the hole', typed);
    assert.deepEqual(named(evidence), all, typed);
    const total = evidence.reduce((sum, e) => sum + e.score, 0);
    assert.ok(Math.abs(total - DEFAULT_WEIGHTS.classHole.total) < 1e-9, `${typed}: one share, all in other files: ${total}`);
  }
});

test('a member already being typed narrows the members to those it begins', async () => {
  const index = await project(FILES);
  assert.deepEqual(named(await evidenceAt(index, '# the hole', '        value = self.lo')), ['pkg/base.py:lookup']);
});

test('a receiver of unknown class, or no hole at all, adds nothing', async () => {
  const index = await project(FILES);
  for (const typed of ['        value = factory.', "        value = self.lookup('x')", '        value = ']) {
    assert.deepEqual(await evidenceAt(index, '# the hole', typed), [], typed);
  }
});

test('a class known only by the name of the variable means the nearest of its namesakes, and none when the nearest tie', async () => {
  const engine = (method: string) => ['class Engine:', `    def ${method}(self):`, '        return 1', ''].join('\n');
  const typed = '        value = engine.';
  const one = await project({ ...FILES, 'pkg/one.py': engine('start') });
  assert.deepEqual(named(await evidenceAt(one, '# the hole', typed)), ['pkg/one.py:start'], 'one `Engine`: its members');
  const near = await project({ ...FILES, 'pkg/one.py': engine('start'), 'vendor/stubs/two.py': engine('stop') });
  assert.deepEqual(named(await evidenceAt(near, '# the hole', typed)), ['pkg/one.py:start'], 'the `Engine` beside the cursor, not the far one');
  const tie = await project({ ...FILES, 'pkg/one.py': engine('start'), 'pkg/two.py': engine('stop') });
  assert.deepEqual(await evidenceAt(tie, '# the hole', typed), [], 'two `Engine`s as near, neither imported');
});

/** An untyped parameter used as a `Middle` (whose base declares `lookup`) and as no `Other` (which lacks it). */
const DUCK_FILES = {
  ...FILES,
  'pkg/other.py': [
    'class Other:',
    '    def describe(self):',
    '        return 3',
    '',
    '    def shape(self):',
    '        return 4',
    '',
  ].join('\n'),
  'pkg/main.py': [
    'def handle(node):',
    '    node.describe()',
    "    node.lookup('x')",
    '    value = node.rarely()  # the hole',
    '    return value',
    '',
  ].join('\n'),
};

test('at `x.|` of an untyped parameter, the members of the class offering most of what the file uses on x, with its bases', async () => {
  const index = await project(DUCK_FILES);
  const evidence = await evidenceAt(index, '# the hole', '    value = node.');
  // `Other` declares `describe` but not `lookup`; `Middle` declares one and inherits the other from `Base`.
  assert.deepEqual(named(evidence), ['pkg/base.py:context', 'pkg/base.py:lookup', 'pkg/base.py:rarely', 'pkg/middle.py:describe']);
  assert.match(evidence[0]!.reason, /used here as a `Middle`/);
  // What the file uses on a receiver no class declares says nothing.
  const unknown = { ...DUCK_FILES, 'pkg/main.py': DUCK_FILES['pkg/main.py'].replace(/node\.(describe|lookup)/g, 'node.unheard_of') };
  assert.deepEqual(await evidenceAt(await project(unknown), '# the hole', '    value = node.'), []);
});
