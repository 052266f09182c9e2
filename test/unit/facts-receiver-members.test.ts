// At `this.service.|` where the server names the receiver's type (a large class whose outline does not fit a
// small budget), the type's members are offered as signatures, the likelier first: those more files use
// (rank/signals/facts.ts, receiverMemberEvidence). On a blank line, the types of the receivers used around
// it offer their public members the same way, and the types of the enclosing class's fields, with or without
// the server (rank/signals/class-fields.ts). Real tsc --lsp, real index.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ContextEngine } from '../../src/core/engine';
import { endOf, FactsFixture } from './facts-fixture';

/** Far above the answers' times: the test checks what is found on a busy machine, not how fast. */
const FACTS_BUDGET_MS = 15_000;
const SERVICE = [
  'export class WorkspaceService {',
  ...Array.from({ length: 60 }, (_, i) => [
    `  /** Answers the ${i}th question about the workspace, after checking that the roots were read and are still valid. */`,
    `  describe${i}(root: string, options: { deep: boolean; limit: number }): string {`,
    `    return options.deep ? root.repeat(options.limit + ${i}) : root;`,
    '  }',
  ]).flat(),
  '  /** Reads the roots again; only the service itself decides when. */',
  '  protected refresh(): void {}',
  '  /** The roots of the workspace, when they are known. */',
  '  tryGetRoots(): string[] {',
  '    return [];',
  '  }',
  '}',
  '',
].join('\n');
/** 1-based, as manifest rows count. */
const serviceLine = (text: string) => SERVICE.split('\n').indexOf(text) + 1;
const TRY_GET_ROOTS = serviceLine('  tryGetRoots(): string[] {');
const USER = [
  "import { WorkspaceService } from './service';",
  '',
  'export class Breadcrumbs {',
  '  constructor(private readonly workspaceService: WorkspaceService) {}',
  '',
  '  count(): number {',
  '    return this.workspaceService.',
].join('\n');

/** A blank line between two uses of `this.workspaceService`: the line to be written is not begun. */
const TITLES = [
  "import { WorkspaceService } from './service';",
  '',
  'export class Titles {',
  '  constructor(private readonly workspaceService: WorkspaceService) {}',
  '',
  '  update(): string {',
  "    const first = this.workspaceService.describe0('a', { deep: true, limit: 1 });",
  '',
  "    return first + this.workspaceService.describe1('b', { deep: false, limit: 2 });",
  '  }',
  '}',
  '',
].join('\n');
const BLANK_LINE = 7;
/** The same, on a service another module declares and this one imports: its declaration only names its type. */
const STATUS = [
  "import { shared } from './shared';",
  '',
  'export function status(): string {',
  "  const first = shared.describe0('a', { deep: true, limit: 1 });",
  '',
  "  return first + shared.describe1('b', { deep: false, limit: 2 });",
  '}',
  '',
].join('\n');
const STATUS_BLANK_LINE = 4;

/** A blank line in a method that nothing near uses the class's field in: only its declaration names its type. */
const WINDOW = [
  "import { WorkspaceService } from './service';",
  '',
  'export class WindowTitle {',
  "  private readonly separator = ' - ';",
  '',
  '  constructor(private readonly workspaceService: WorkspaceService) {}',
  '',
  '  /** The window title for a widget, with the application name after the separator. */',
  '  label(name: string, application: string): string {',
  '    const words = name.split(/\\s+/).filter(word => word.length > 0);',
  "    const shortened = words.length > 3 ? [...words.slice(0, 3), '…'] : words;",
  '    return shortened.join(" ") + this.separator + application;',
  '  }',
  '',
  '  update(name: string): string {',
  '    const title = this.label(name, "Theia");',
  '',
  '    return title;',
  '  }',
  '}',
  '',
].join('\n');
const WINDOW_BLANK_LINE = 16;

const STREAMS = [
  'export interface Source {',
  '  /** Starts the flow of values to the sink, which it calls once per value and once at the end. */',
  '  subscribe(sink: (value: number) => void): () => void;',
  ...Array.from({ length: 40 }, (_, i) => `  /** Reads the ${i}th setting of the source, which the flow consults before each value. */\n  setting${i}(name: string, fallback: { value: number; strict: boolean }): number;`),
  '}',
  '',
  'export interface Stream extends Source {',
  ...Array.from({ length: 60 }, (_, i) => `  /** Transforms the stream, the ${i}th way, keeping its order and its end. */\n  step${i}(factor: number, options: { keepOrder: boolean; limit: number }): Stream;`),
  '}',
  '',
].join('\n');
const READER = ["import type { Stream } from './streams';", '', 'export function drain(source: Stream): void {', '  source.'].join('\n');

describe('the members of a receiver type the server names', () => {
  let fixture: FactsFixture;
  let engine: ContextEngine;
  before(async () => {
    fixture = FactsFixture.write('facts-receiver-members', {
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, noEmit: true } }),
      'src/service.ts': SERVICE,
      'src/user.ts': `${USER}\n`,
      'src/titles.ts': TITLES,
      'src/shared.ts': "import { WorkspaceService } from './service';\nexport const shared: WorkspaceService = new WorkspaceService();\n",
      'src/status.ts': STATUS,
      'src/window.ts': WINDOW,
      'src/streams.ts': STREAMS,
      'src/reader.ts': `${READER}\n`,
      ...Object.fromEntries(['d', 'e'].map(name => [`src/${name}.ts`, `import type { Source } from './streams';\nexport const ${name} = (s: Source) => s.subscribe(() => {});\n`])),
      ...Object.fromEntries(['a', 'b', 'c'].map(name => [`src/${name}.ts`, `import type { WorkspaceService } from './service';\nexport const ${name} = (s: WorkspaceService) => s.tryGetRoots();\n`])),
      // Files that call another type's `refresh`: by its name alone the service's protected one is likely.
      ...Object.fromEntries(['f', 'g', 'h', 'i'].map(name => [`src/${name}.ts`, `export const ${name} = (o: { refresh(): void }) => o.refresh();\n`])),
    });
    ({ engine } = await fixture.engineWithFacts('src/user.ts', FACTS_BUDGET_MS));
  });
  after(() => fixture?.close());

  test('at `this.workspaceService.|` the member the workspace uses is shown, as its signature, though nothing near the cursor names it', async () => {
    const result = await engine.buildContext({ file: 'src/user.ts', position: endOf(USER), budgetTokens: 1024 });
    assert.match(result.manifest.facts?.expectedType ?? '', /WorkspaceService/);
    const service = result.manifest.items.filter(item => item.path === 'src/service.ts');
    const tryGetRoots = service.find(item => item.included && item.startLine <= TRY_GET_ROOTS && item.endLine >= TRY_GET_ROOTS);
    assert.ok(tryGetRoots, JSON.stringify(service));
    assert.ok(tryGetRoots.reasons.some(r => r.startsWith('a member of `WorkspaceService`')), JSON.stringify(tryGetRoots.reasons));
    assert.ok(!service.some(item => item.included && item.level === 'file'), 'the class is too large to be shown whole at this budget');
  });

  test('on a blank line between uses of `this.workspaceService`, the public member the workspace uses is shown as its signature, the protected one not offered', async () => {
    const result = await engine.buildContext({ file: 'src/titles.ts', position: { line: BLANK_LINE, character: 0 }, budgetTokens: 1024 });
    assert.equal(result.manifest.facts?.expectedType, undefined, 'a blank line expects nothing');
    const service = result.manifest.items.filter(item => item.path === 'src/service.ts');
    const tryGetRoots = service.find(item => item.included && item.startLine <= TRY_GET_ROOTS && item.endLine >= TRY_GET_ROOTS);
    assert.ok(tryGetRoots, JSON.stringify(service));
    assert.ok(tryGetRoots.reasons.includes('a member of `WorkspaceService`, the type of `this.workspaceService` used near the cursor'), JSON.stringify(tryGetRoots.reasons));
    const refresh = serviceLine('  protected refresh(): void {}');
    assert.ok(!service.some(item => item.startLine === refresh && item.reasons.some(r => r.startsWith('a member of'))), JSON.stringify(service));
    assert.ok(!service.some(item => item.included && item.level === 'file'), 'the class is too large to be shown whole at this budget');
  });

  test('on a blank line between uses of an imported `shared`, its type is followed to the member the workspace uses', async () => {
    const result = await engine.buildContext({ file: 'src/status.ts', position: { line: STATUS_BLANK_LINE, character: 0 }, budgetTokens: 1024 });
    const service = result.manifest.items.filter(item => item.path === 'src/service.ts');
    const tryGetRoots = service.find(item => item.included && item.startLine <= TRY_GET_ROOTS && item.endLine >= TRY_GET_ROOTS);
    assert.ok(tryGetRoots, JSON.stringify(service));
    assert.ok(tryGetRoots.reasons.includes('a member of `WorkspaceService`, the type of `shared` used near the cursor'), JSON.stringify(tryGetRoots.reasons));
  });

  test("on a blank line in a method, the public member the workspace uses of the type of a class's field is shown, though no line near uses the field", async () => {
    const plain = await ContextEngine.open({ root: fixture.root, cacheDir: false });
    try {
      for (const [run, strategy] of [[engine, 'with facts'], [plain, 'without']] as const) {
        const result = await run.buildContext({ file: 'src/window.ts', position: { line: WINDOW_BLANK_LINE, character: 0 }, budgetTokens: 1024 });
        const service = result.manifest.items.filter(item => item.path === 'src/service.ts');
        const tryGetRoots = service.find(item => item.included && item.startLine <= TRY_GET_ROOTS && item.endLine >= TRY_GET_ROOTS);
        assert.ok(tryGetRoots, `${strategy}: ${JSON.stringify(service)}`);
        assert.ok(tryGetRoots.reasons.includes('a member of `WorkspaceService`, the type of the field `workspaceService` of the enclosing class'), JSON.stringify(tryGetRoots.reasons));
        assert.ok(!tryGetRoots.reasons.some(r => r.endsWith('used near the cursor')), `${strategy}: no line near the cursor uses the field: ${JSON.stringify(tryGetRoots.reasons)}`);
        const refresh = serviceLine('  protected refresh(): void {}');
        assert.ok(!service.some(item => item.startLine === refresh && item.reasons.some(r => r.startsWith('a member of'))), `${strategy}: ${JSON.stringify(service)}`);
      }
    } finally {
      await plain.dispose();
    }
  });

  test('at `source.|` on an interface, the members of the interface it extends are offered too', async () => {
    const result = await engine.buildContext({ file: 'src/reader.ts', position: endOf(READER), budgetTokens: 1024 });
    const streams = result.manifest.items.filter(item => item.path === 'src/streams.ts');
    const subscribe = streams.find(item => item.included && item.startLine <= 3 && item.endLine >= 3 && item.level !== 'outline');
    assert.ok(subscribe, JSON.stringify(streams));
    assert.ok(subscribe.reasons.some(r => r.startsWith('a member of `Source`')), JSON.stringify(subscribe.reasons));
  });
});
