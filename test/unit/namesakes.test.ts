// The declaration being written and what it mirrors: the cursor stage names the declaration whose code the
// cursor writes (from the parse, or from the text when the parse loses it), and the namesakes signal ranks
// the same-named export of each namespace the file imports. Small projects written to disk, indexed and
// parsed for real; the cursor line is emptied as the context benchmark masks it.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { declarationAtCursor } from '../../src/core/cursor';
import type { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { oursStrategy } from '../../src/core/rank';
import { importBindings } from '../../src/core/rank/import-bindings';
import type { CursorFacts, Ranking, RankedSpan } from '../../src/core/types';
import { cursorFacts, rankingStateOf, typeOver, projectsOnDisk } from './rank-helpers';

const project = projectsOnDisk('namesakes');

/** Cursor facts with the line containing `marker` emptied and the cursor at its start. */
async function masked(index: WorkspaceIndex, file: string, marker: string): Promise<{ cursor: CursorFacts; text: string }> {
  const buffer = typeOver(index, file, marker, '');
  return { cursor: await cursorFacts(index, file, buffer), text: buffer.text };
}

async function rankMasked(index: WorkspaceIndex, file: string, marker: string): Promise<Ranking> {
  const { cursor, text } = await masked(index, file, marker);
  return oursStrategy.rank({ index, state: rankingStateOf(index), cursor, text });
}

/** Every ranked span with its file, best first. */
function spans(ranking: Ranking): (RankedSpan & { path: string })[] {
  return ranking.files.flatMap(f => f.spans.map(s => ({ ...s, path: f.path }))).sort((a, b) => b.score - a.score);
}

/** The functions of the namespace's module, best first: `Box` is left out, since the lines around the cursor name it. */
function namespaceFunctions(ranking: Ranking): (string | undefined)[] {
  return spans(ranking).filter(s => s.path === 'src/internal/map.ts' && s.definition?.name !== 'Box').map(s => s.definition?.name);
}

const MAP_INTERNAL = [
  'export interface Box<A> { readonly value: A }',
  'export const make = <A>(value: A): Box<A> => ({ value })',
  'export const mapWithIndex = <A, B>(self: Box<A>, f: (a: A, i: number) => B): Box<B> => make(f(self.value, 0))',
  'export const filter = <A>(self: Box<A>, p: (a: A) => boolean): Box<A> | undefined => (p(self.value) ? self : undefined)',
  'export const size = <A>(self: Box<A>): number => (self ? 1 : 0)',
  '',
].join('\n');

const MAP_PUBLIC = [
  "import * as M from './internal/map'",
  "import type { Box } from './internal/map'",
  '',
  '/** Maps with the index. */',
  'export const mapWithIndex: {',
  '  <A, B>(f: (a: A, i: number) => B): (self: Box<A>) => Box<B>',
  '  <A, B>(self: Box<A>, f: (a: A, i: number) => B): Box<B>',
  '} = M.mapWithIndex // masked',
  '',
  'export function filter<A>(self: Box<A>, p: (a: A) => boolean): Box<A> | undefined {',
  '  return M.filter(self, p) // body',
  '}',
  'export const size = M.size',
  'export const count = M.size // after a complete declaration',
  '',
].join('\n');

describe('the declaration at the cursor', () => {
  test('an open overload list the parse loses is read from its header line', async () => {
    const index = await project({ 'src/internal/map.ts': MAP_INTERNAL, 'src/map.ts': MAP_PUBLIC });
    const { cursor } = await masked(index, 'src/map.ts', '// masked');
    // Why the text fallback exists: the unclosed `{` of the type swallows the declaration into an ERROR node.
    assert.ok(!cursor.enclosingScopes.some(s => s.name === 'mapWithIndex'));
    const declaration = declarationAtCursor(cursor);
    assert.deepEqual(declaration && { name: declaration.name, kind: declaration.kind, line: declaration.range.start.line }, { name: 'mapWithIndex', kind: 'variable', line: 4 });
  });

  test('a function body is its function; a line after a complete declaration belongs to none', async () => {
    const index = await project({ 'src/internal/map.ts': MAP_INTERNAL, 'src/map.ts': MAP_PUBLIC });
    assert.equal(declarationAtCursor((await masked(index, 'src/map.ts', '// body')).cursor)?.name, 'filter');
    assert.equal(declarationAtCursor((await masked(index, 'src/map.ts', '// after a complete declaration')).cursor), undefined);
  });

  test('in Python a blank line right after a method is still in it; one after a blank line is not', async () => {
    const index = await project({
      'pkg/__init__.py': '',
      'pkg/text.py': 'def size(x):\n    return len(x)\n',
      'pkg/user.py': 'from . import text\n\n\nclass Box:\n    def size(self):\n        return text.size(self)  # masked\n\n    other = 1  # after a blank line\n',
    });
    const method = declarationAtCursor((await masked(index, 'pkg/user.py', '# masked')).cursor);
    assert.deepEqual(method && { name: method.name, kind: method.kind }, { name: 'size', kind: 'method' });
    assert.equal(declarationAtCursor((await masked(index, 'pkg/user.py', '# after a blank line')).cursor), undefined);
  });
});

describe('namesakes in the namespaces a file imports', () => {
  test("the masked `} = M.mapWithIndex` ranks the namespace's `mapWithIndex` above its other functions, not a namesake the file does not import", async () => {
    const index = await project({
      'src/internal/map.ts': MAP_INTERNAL,
      'src/map.ts': MAP_PUBLIC,
      'src/other.ts': 'export const mapWithIndex = (xs: number[]) => xs.map((x, i) => x + i)\n',
    });
    const ranking = await rankMasked(index, 'src/map.ts', '// masked');
    // Without the namesake, `size` and `filter` (used elsewhere in the file) would come first.
    assert.equal(namespaceFunctions(ranking)[0], 'mapWithIndex');
    const ranked = spans(ranking);
    const namesake = ranked.find(s => s.path === 'src/internal/map.ts' && s.definition?.name === 'mapWithIndex');
    assert.ok(namesake?.reasons.some(r => r.includes('namesake of the enclosing `mapWithIndex`')), namesake?.reasons.join('; '));
    const other = ranked.find(s => s.path === 'src/other.ts' && s.definition?.name === 'mapWithIndex');
    assert.ok(!other?.reasons.some(r => r.includes('namesake')));
  });

  test('a wrapper function ranks the namesake it delegates to', async () => {
    const index = await project({ 'src/internal/map.ts': MAP_INTERNAL, 'src/map.ts': MAP_PUBLIC });
    // Without the namesake, `size` (used twice elsewhere in the file) would come first.
    assert.equal(namespaceFunctions(await rankMasked(index, 'src/map.ts', '// body'))[0], 'filter');
  });

  test("Python: `from . import text` binds the submodule, so a method `size` ranks `text.size`", async () => {
    const index = await project({
      'pkg/__init__.py': '',
      'pkg/text.py': 'def render(x):\n    return str(x)\n\n\ndef size(x):\n    return len(x)\n',
      'pkg/other.py': 'def size(x):\n    return 0\n',
      'pkg/user.py': 'from . import text\n\n\nclass Box:\n    def size(self):\n        return text.size(self)  # masked\n',
    });
    const ranked = spans(await rankMasked(index, 'pkg/user.py', '# masked'));
    assert.deepEqual({ path: ranked[0].path, name: ranked[0].definition?.name }, { path: 'pkg/text.py', name: 'size' });
  });
});

describe('namesakes of a method, by name', () => {
  const files = {
    'pkg/__init__.py': '',
    'pkg/grants.py': 'class CodeGrant:\n    def validate(self, request):\n        return request.ok\n\n\nclass TokenGrant:\n    def validate(self, request):\n        return request.token\n\n    def unrelated(self):\n        return 0\n',
    'pkg/dispatch.py': [
      'class Dispatcher:',
      '    def __init__(self, default, other):',
      '        self.default = default',
      '        self.other = other',
      '',
      '    def unrelated(self):',
      '        return None',
      '',
      '    def validate(self, request):',
      '        return (self.other if request.special else self.default).validate(request)  # masked',
      '',
    ].join('\n'),
  };

  test('a method that forwards to an object of unknown class ranks the same-named methods of other classes', async () => {
    const index = await project(files);
    const ranked = spans(await rankMasked(index, 'pkg/dispatch.py', '# masked')).filter(s => s.path === 'pkg/grants.py');
    assert.deepEqual(ranked.slice(0, 2).map(s => s.definition?.name), ['validate', 'validate']);
    assert.ok(ranked[0].reasons.some(r => r.includes('namesake of the enclosing method')), ranked[0].reasons.join('; '));
  });
});

describe('import bindings of Python submodules', () => {
  test('`from pkg import mod` is a namespace of the module file unless the package binds that name itself', async () => {
    const index = await project({
      'pkg/__init__.py': 'from .shapes import area\n\nversion = 1\n',
      'pkg/text.py': 'def size(x):\n    return len(x)\n',
      'pkg/area.py': 'def unused():\n    return 0\n',
      'pkg/version.py': 'MAJOR = 1\n',
      'pkg/shapes.py': 'def area(r):\n    return r * r\n',
      'pkg/user.py': 'from . import text\nfrom pkg import area, version\nimport pkg.text as t\n\nprint(text, area, version, t)\n',
    });
    const { cursor } = await masked(index, 'pkg/user.py', 'print(');
    const bindings = importBindings(cursor, index);
    assert.deepEqual(bindings.get('text'), { importedName: '*', source: '.', resolvedPath: 'pkg/text.py' });
    assert.deepEqual(bindings.get('t'), { importedName: '*', source: 'pkg.text', resolvedPath: 'pkg/text.py' });
    // The package imports `area` and declares `version`: those names are the package's, not its submodules.
    assert.deepEqual(bindings.get('area'), { importedName: 'area', source: 'pkg', resolvedPath: 'pkg/__init__.py' });
    assert.deepEqual(bindings.get('version'), { importedName: 'version', source: 'pkg', resolvedPath: 'pkg/__init__.py' });
  });

  test("a package's __init__ importing its own submodule (from . import mod) still leaves `from pkg import mod` the submodule", async () => {
    const index = await project({
      'pkg/__init__.py': 'from . import settings\nfrom pkg import debug\n',
      'pkg/settings.py': 'LIMIT = 1\n',
      'pkg/debug.py': 'def warning(message):\n    print(message)\n',
      'pkg/user.py': 'from pkg import settings, debug\n\nprint(settings, debug)\n',
    });
    const { cursor } = await masked(index, 'pkg/user.py', 'print(');
    const bindings = importBindings(cursor, index);
    assert.deepEqual(bindings.get('settings'), { importedName: '*', source: 'pkg', resolvedPath: 'pkg/settings.py' });
    assert.deepEqual(bindings.get('debug'), { importedName: '*', source: 'pkg', resolvedPath: 'pkg/debug.py' });
  });

  test('a submodule imported by name is a file this file imports, as `import pkg.mod` makes it', async () => {
    const index = await project({
      'pkg/__init__.py': 'version = 1\n',
      'pkg/debug.py': 'def warning(message):\n    print(message)\n',
      'pkg/version.py': 'MAJOR = 1\n',
      'pkg/user.py': 'from pkg import debug, version\n\n\ndef run():\n    debug.warning(version)  # masked\n',
    });
    const ranking = await rankMasked(index, 'pkg/user.py', '# masked');
    const reasons = (path: string) => ranking.files.find(f => f.path === path)?.reasons ?? [];
    assert.ok(reasons('pkg/debug.py').includes('imported by this file'), reasons('pkg/debug.py').join(' | '));
    // The package declares `version` itself: its submodule of that name is not what the file imports.
    assert.ok(!reasons('pkg/version.py').includes('imported by this file'), reasons('pkg/version.py').join(' | '));
  });
});
