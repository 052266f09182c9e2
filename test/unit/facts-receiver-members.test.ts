// At `this.service.|` where the server names the receiver's type (a large class whose outline does not fit a
// small budget), the type's members are offered as signatures, the likelier first: those more files use
// (rank/signals/facts.ts, receiverMemberEvidence). Real tsc --lsp, real index.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { ContextEngine } from '../../src/core/engine';
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
  '  /** The roots of the workspace, when they are known. */',
  '  tryGetRoots(): string[] {',
  '    return [];',
  '  }',
  '}',
  '',
].join('\n');
const USER = [
  "import { WorkspaceService } from './service';",
  '',
  'export class Breadcrumbs {',
  '  constructor(private readonly workspaceService: WorkspaceService) {}',
  '',
  '  count(): number {',
  '    return this.workspaceService.',
].join('\n');

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
      'src/streams.ts': STREAMS,
      'src/reader.ts': `${READER}\n`,
      ...Object.fromEntries(['d', 'e'].map(name => [`src/${name}.ts`, `import type { Source } from './streams';\nexport const ${name} = (s: Source) => s.subscribe(() => {});\n`])),
      ...Object.fromEntries(['a', 'b', 'c'].map(name => [`src/${name}.ts`, `import type { WorkspaceService } from './service';\nexport const ${name} = (s: WorkspaceService) => s.tryGetRoots();\n`])),
    });
    ({ engine } = await fixture.engineWithFacts('src/user.ts', FACTS_BUDGET_MS));
  });
  after(() => fixture?.close());

  test('at `this.workspaceService.|` the member the workspace uses is shown, as its signature, though nothing near the cursor names it', async () => {
    const result = await engine.buildContext({ file: 'src/user.ts', position: endOf(USER), budgetTokens: 1024 });
    assert.match(result.manifest.facts?.expectedType ?? '', /WorkspaceService/);
    const service = result.manifest.items.filter(item => item.path === 'src/service.ts');
    const tryGetRoots = service.find(item => item.included && item.startLine <= 243 && item.endLine >= 243);
    assert.ok(tryGetRoots, JSON.stringify(service));
    assert.ok(tryGetRoots.reasons.some(r => r.startsWith('a member of `WorkspaceService`')), JSON.stringify(tryGetRoots.reasons));
    assert.ok(!service.some(item => item.included && item.level === 'file'), 'the class is too large to be shown whole at this budget');
  });

  test('at `source.|` on an interface, the members of the interface it extends are offered too', async () => {
    const result = await engine.buildContext({ file: 'src/reader.ts', position: endOf(READER), budgetTokens: 1024 });
    const streams = result.manifest.items.filter(item => item.path === 'src/streams.ts');
    const subscribe = streams.find(item => item.included && item.startLine <= 3 && item.endLine >= 3 && item.level !== 'outline');
    assert.ok(subscribe, JSON.stringify(streams));
    assert.ok(subscribe.reasons.some(r => r.startsWith('a member of `Source`')), JSON.stringify(subscribe.reasons));
  });
});
