// Ranking mechanisms, each on a small project generated on disk and indexed for real: emitted declaration
// files are no candidates, a file's declarations are ordered by how much the workspace uses them,
// same-named members share one guess, names declared around the cursor are not looked up elsewhere, an
// imported variable's members are found through its declared type, what the whole file uses of a
// namespace import or a typed variable counts, and a long declaration offers its header alone.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { oursStrategy } from '../../src/core/rank';
import { declaredNearCursor } from '../../src/core/rank/nearby-declarations';
import type { EditorSignals, Ranking } from '../../src/core/types';
import { cursorFacts, typeOver, rankingStateOf, projectsOnDisk } from './rank-helpers';

const project = projectsOnDisk('rank-mechanisms');

/** Ranks with the cursor at the end of the line containing `marker` (the line kept as written). */
async function rankAt(index: WorkspaceIndex, file: string, marker: string, signals?: EditorSignals): Promise<Ranking> {
  const line = index.text(file)!.split('\n').find(l => l.includes(marker))!;
  const buffer = typeOver(index, file, marker, line);
  const cursor = await cursorFacts(index, file, buffer);
  return oursStrategy.rank({ index, state: rankingStateOf(index), cursor, text: buffer.text, ...(signals ? { signals } : {}) });
}

describe('declaration files that mirror the sources', () => {
  const files = {
    'src/shapes.ts': 'export function area(r: number): number {\n  return r * r;\n}\n\nexport class Circle {\n  radius = 1;\n}\n',
    'types/shapes.d.ts': 'export declare function area(r: number): number;\nexport declare class Circle {\n  radius: number;\n}\n',
    'types/globals.d.ts': 'declare function legacyArea(r: number): number;\n',
    // Compiled copies, next to the source and mirrored in lib/, and a hand-written script that stays.
    'src/shapes.js': 'export function area(r) {\n  return r * r;\n}\nexport class Circle {\n  radius = 1;\n}\n',
    'lib/shapes.cjs': 'function area(r) {\n  return r * r;\n}\nclass Circle {\n  radius = 1;\n}\nmodule.exports = { area, Circle };\n',
    'scripts/report.js': 'function printReport(rows) {\n  return rows.join(\'\\n\');\n}\n',
    'src/main.ts': "import { area } from './shapes';\n\nexport function total(): number {\n  return area(2) + legacyArea(3); // cursor\n}\n",
  };

  test('an emitted copy of a source (.d.ts, .js, .cjs) is no candidate; hand-written declarations and scripts stay', async () => {
    const index = await project(files);
    try {
      assert.deepEqual([...rankingStateOf(index).mirrors].sort(), ['lib/shapes.cjs', 'src/shapes.js', 'types/shapes.d.ts']);
      const ranked = (await rankAt(index, 'src/main.ts', '// cursor')).files.map(f => f.path);
      assert.ok(ranked.includes('src/shapes.ts'), ranked.join(', '));
      assert.ok(ranked.includes('types/globals.d.ts'), ranked.join(', '));
      assert.ok(!ranked.includes('types/shapes.d.ts'), ranked.join(', '));
      assert.ok(!ranked.some(p => p === 'src/shapes.js' || p === 'lib/shapes.cjs'), ranked.join(', '));
    } finally {
      await index.dispose();
    }
  });

  test('a mirror the user pins is included all the same', async () => {
    const index = await project(files);
    try {
      const ranking = await rankAt(index, 'src/main.ts', '// cursor', { pinned: ['types/shapes.d.ts'] });
      assert.equal(ranking.files[0].path, 'types/shapes.d.ts');
      assert.equal(ranking.files[0].pinned, true);
    } finally {
      await index.dispose();
    }
  });
});

describe('the order of a file’s declarations', () => {
  test('with nothing near the cursor naming one, the declaration most files use comes first', async () => {
    const users = Object.fromEntries(
      ['a', 'b', 'c', 'd'].map(name => [`src/users/${name}.ts`, `import { joinAll } from '../util';\n\nexport const ${name} = joinAll(['${name}']);\n`]),
    );
    const index = await project({
      'src/util.ts': [
        'export function capitalize(s: string): string {\n  return s.toUpperCase();\n}',
        'export function trimAll(s: string[]): string[] {\n  return s.map(x => x.trim());\n}',
        "export function joinAll(s: string[]): string {\n  return s.join(', ');\n}",
      ].join('\n\n') + '\n',
      ...users,
      'src/main.ts': "import * as util from './util';\n\nexport function describe(): string {\n  const label = 'x'; // cursor\n  return label;\n}\n",
    });
    try {
      const util = (await rankAt(index, 'src/main.ts', '// cursor')).files.find(f => f.path === 'src/util.ts');
      assert.ok(util, 'the imported module is ranked');
      assert.equal(util.spans[0].definition?.name, 'joinAll', util.spans.map(s => `${s.definition?.name} ${s.score}`).join(', '));
    } finally {
      await index.dispose();
    }
  });

  test('many members named alike share one guess and do not bury a member named once', async () => {
    const kinds = ['TooBig', 'TooSmall', 'Invalid', 'Missing', 'Unknown', 'Custom'];
    const interfaces = kinds.map(kind => `export interface ${kind}Issue {\n  readonly code: '${kind}';\n}`);
    const index = await project({
      'src/issues.ts': [...interfaces, 'export interface Bounds {\n  readonly minimum: number;\n}'].join('\n\n') + '\n',
      'src/format.ts': "import * as issues from './issues';\n\nexport function format(issue: any): string {\n  return `${issue.code} ${issue.minimum}`; // cursor\n}\n",
    });
    try {
      const file = (await rankAt(index, 'src/format.ts', '// cursor')).files.find(f => f.path === 'src/issues.ts');
      assert.ok(file, 'the file declaring the members is ranked');
      const score = (name: string) => Math.max(...file.spans.filter(s => s.definition?.name === name).map(s => s.score));
      assert.ok(score('minimum') > score('code'), `minimum ${score('minimum')} vs code ${score('code')}`);
    } finally {
      await index.dispose();
    }
  });
});

describe('names declared around the cursor', () => {
  test('locals, destructured names and callback parameters are read from the text', () => {
    const text = [
      'export const handler = (issue, { path, code: status }) => {',
      '  const label = issue.message;',
      '  for (let i = 0; i < 3; i++) {}',
      '  items.forEach(item => send(item, label));',
      '  try { run(); } catch (error) { log(error); }',
      '  return [status, path]; // cursor',
      '};',
    ].join('\n');
    const cursor = { position: { line: 5, character: 2 }, enclosingScopes: [], lines: text.split('\n') } as unknown as Parameters<typeof declaredNearCursor>[0];
    const names = declaredNearCursor(cursor);
    for (const name of ['handler', 'issue', 'path', 'status', 'label', 'i', 'item', 'error']) assert.ok(names.has(name), `${name} in ${[...names].join(', ')}`);
    for (const name of ['code', 'message', 'items', 'send', 'run', 'log']) assert.ok(!names.has(name), `${name} is not declared here`);
  });

  test('a callback parameter is not taken for a declaration of the same name in another file', async () => {
    const index = await project({
      'src/fixtures.ts': 'export const issue = { code: 1 };\n',
      'src/report.ts': 'export function report(message: string): void {\n  console.log(message);\n}\n',
      'src/main.ts': "import { report } from './report';\n\nexport function check(items: unknown[]): void {\n  items.forEach(issue => {\n    report(String(issue)); // cursor\n  });\n}\n",
    });
    try {
      const ranking = await rankAt(index, 'src/main.ts', '// cursor');
      const fixtures = ranking.files.find(f => f.path === 'src/fixtures.ts');
      assert.ok(!fixtures?.reasons.some(r => r.includes('`issue`')), fixtures?.reasons.join(' | '));
      assert.equal(ranking.files[0].path, 'src/report.ts');
    } finally {
      await index.dispose();
    }
  });
});

describe('Python names that no import binds', () => {
  const stubs = 'def isinstance(obj, cls) -> bool: ...\ndef render(x) -> str: ...\n';
  const user = (header: string) => `${header}\n\ndef show(rows):\n    for row in rows:\n        if isinstance(row, str):\n            print(row)\n    return render(  # cursor\n`;

  test('are locals or builtins: a declaration of the name in another file is not looked up, except on the cursor line', async () => {
    const index = await project({ 'stubs/builtins.pyi': stubs, 'app/other.py': 'X = 1\n', 'app/main.py': user('from app import other') });
    try {
      const reasons = (await rankAt(index, 'app/main.py', '# cursor')).files.find(f => f.path === 'stubs/builtins.pyi')?.reasons ?? [];
      assert.ok(!reasons.some(r => r.includes('`isinstance`')), reasons.join(' | '));
      assert.ok(reasons.some(r => r.startsWith('defines `render`, used')), 'the name being typed may be one about to be imported');
    } finally {
      await index.dispose();
    }
  });

  test('`from m import *` can bind any name, so names are looked up again', async () => {
    const index = await project({ 'stubs/builtins.pyi': stubs, 'app/other.py': 'X = 1\n', 'app/main.py': user('from app.other import *') });
    try {
      const reasons = (await rankAt(index, 'app/main.py', '# cursor')).files.find(f => f.path === 'stubs/builtins.pyi')?.reasons ?? [];
      assert.ok(reasons.some(r => r.startsWith('defines `isinstance`, used')), reasons.join(' | '));
    } finally {
      await index.dispose();
    }
  });
});

describe('the import statement being written', () => {
  test('inside `from m import (…)`, the names m offers that the statement does not list yet are ranked', async () => {
    const index = await project({
      'pkg/clients/__init__.py': 'from .base import Client\nfrom .web import WebClient\nfrom .mobile import MobileClient\n',
      'pkg/clients/base.py': 'class Client:\n    pass\n',
      'pkg/clients/web.py': 'from .base import Client\n\n\nclass WebClient(Client):\n    pass\n',
      'pkg/clients/mobile.py': 'from .base import Client\n\n\nclass MobileClient(Client):\n    pass\n',
      'pkg/__init__.py': 'from .clients import (\n    Client,\n    WebClient,  # cursor\n)\n',
    });
    try {
      const buffer = typeOver(index, 'pkg/__init__.py', '# cursor', '    ');
      const cursor = await cursorFacts(index, 'pkg/__init__.py', buffer);
      const ranking = await oursStrategy.rank({ index, state: rankingStateOf(index), cursor, text: buffer.text });
      const offered = (path: string) => ranking.files.find(f => f.path === path)?.reasons.some(r => r.includes('offers to the import being written'));
      assert.ok(offered('pkg/clients/mobile.py') && offered('pkg/clients/web.py'), ranking.files.map(f => `${f.path}: ${f.reasons.join(' | ')}`).join('\n'));
      assert.ok(!offered('pkg/clients/base.py'), 'Client is listed already');
    } finally {
      await index.dispose();
    }
  });
});

describe('members of an imported variable', () => {
  test('`globals.x` ranks the members of the type the variable is declared with', async () => {
    const index = await project({
      'src/state.ts': 'export class Globals {\n  pending: number[] = [];\n  inBatch = 0;\n}\n\nexport let globals: Globals = new Globals();\n',
      'src/other.ts': 'export class Queue {\n  pending: string[] = [];\n}\n',
      'src/main.ts': "import { globals } from './state';\n\nexport function flush(): void {\n  globals.pending.length = 0; // cursor\n}\n",
    });
    try {
      const ranking = await rankAt(index, 'src/main.ts', '// cursor');
      const state = ranking.files.find(f => f.path === 'src/state.ts');
      assert.equal(ranking.files[0].path, 'src/state.ts', ranking.files.map(f => f.path).join(', '));
      assert.ok(state?.reasons.includes('defines `Globals.pending`, used on the cursor line'), state?.reasons.join(' | '));
      const other = ranking.files.find(f => f.path === 'src/other.ts');
      assert.ok(!other || other.score < state!.score / 2, `${other?.score} vs ${state?.score}`);
    } finally {
      await index.dispose();
    }
  });
});

describe('what the whole current file uses', () => {
  const util = [
    'export function capitalize(s: string): string {\n  return s.toUpperCase();\n}',
    'export function trimAll(s: string[]): string[] {\n  return s.map(x => x.trim());\n}',
    "export function joinValues(s: string[]): string {\n  return s.join(', ');\n}",
  ].join('\n\n');
  const filler = Array.from({ length: 40 }, (_, i) => `const filler${i} = ${i};`).join('\n');

  test('a namespace member used far from the cursor ranks that declaration in the module', async () => {
    const index = await project({
      'src/lib/util.ts': `${util}\n`,
      'src/main.ts': `import * as util from './lib/util';\n\nexport const header = util.joinValues(['a', 'b']);\n${filler}\nexport function body(): string {\n  return 'x'; // cursor\n}\n`,
    });
    try {
      const file = (await rankAt(index, 'src/main.ts', '// cursor')).files.find(f => f.path === 'src/lib/util.ts');
      assert.equal(file?.spans[0].definition?.name, 'joinValues', file?.spans.map(s => s.definition?.name).join(', '));
      assert.ok(file?.spans[0].reasons.includes('defines `util.joinValues`, used once in this file'), file?.spans[0].reasons.join(' | '));
    } finally {
      await index.dispose();
    }
  });

  test('members used elsewhere on a typed variable near the cursor rank among that type\'s members', async () => {
    const index = await project({
      'src/admin.ts': 'export class Admin {\n  values = new Map<string, number>();\n  keys: string[] = [];\n  size(): number {\n    return 0;\n  }\n}\n',
      'src/main.ts': `import { Admin } from './admin';\n\nexport function seed(adm: Admin): void {\n  adm.values.clear();\n}\n${filler}\nexport function touch(adm: Admin): number {\n  return adm.size(); // cursor\n}\n`,
    });
    try {
      const file = (await rankAt(index, 'src/main.ts', '// cursor')).files.find(f => f.path === 'src/admin.ts');
      const values = file?.spans.find(s => s.definition?.name === 'values');
      assert.ok(values, file?.spans.map(s => s.definition?.name).join(', '));
      assert.ok(values.reasons.includes('defines `adm.values`, used once in this file'), values.reasons.join(' | '));
      assert.ok(!file?.spans.some(s => s.definition?.name === 'keys'), 'a member the file never uses gets no span of its own');
    } finally {
      await index.dispose();
    }
  });
});

describe('long declarations', () => {
  test('a long class the cursor points at also offers its header; a short one does not', async () => {
    const body = Array.from({ length: 40 }, (_, i) => `  field${i} = ${i};`).join('\n');
    const index = await project({
      'src/big.ts': `export class Big extends Array<number> {\n${body}\n}\n\nexport class Small {\n  one = 1;\n}\n`,
      'src/main.ts': "import { Big, Small } from './big';\n\nexport const made = [new Big(), new Small()]; // cursor\n",
    });
    try {
      const file = (await rankAt(index, 'src/main.ts', '// cursor')).files.find(f => f.path === 'src/big.ts');
      const header = file?.spans.find(s => s.reasons[0] === 'the header of `Big`');
      assert.deepEqual(header && [header.startLine, header.endLine, header.definition], [0, 0, undefined]);
      const whole = file?.spans.find(s => s.definition?.name === 'Big');
      assert.ok(whole && header!.score < whole.score, 'the whole declaration says more than its header');
      assert.ok(!file?.spans.some(s => s.reasons[0] === 'the header of `Small`'));
    } finally {
      await index.dispose();
    }
  });
});
