// At a member hole whose receiver's type the server spells out instead of naming (a union member narrowed
// by a `switch`, through a mapped type), the declaration the members come from is found by the members it
// declares as spelled: the narrowed member's own interface, not the union's others (rank/signals/facts.ts,
// receiverTypeEvidence). Real tsc --lsp, real index.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { ContextEngine } from '../../src/core/engine';
import { gatherFacts, type HeadlessLanguageFacts } from '../../src/core/facts';
import { endOf, FactsFixture } from './facts-fixture';

/** Far above the answers' times: the test checks what is found on a busy machine, not how fast. */
const FACTS_BUDGET_MS = 15_000;
const ISSUES = [
  "import type { Schema } from './schema';",
  '',
  'export interface IssueBase {',
  '  readonly code: string;',
  '  readonly path: string[];',
  '  readonly message?: string;',
  '}',
  '',
  'export interface TooBig extends IssueBase {',
  "  readonly code: 'too_big';",
  '  readonly maximum: number;',
  '  readonly inclusive: boolean;',
  '}',
  '',
  'export interface InvalidKey extends IssueBase {',
  "  readonly code: 'invalid_key';",
  "  readonly origin: 'map' | 'record';",
  '  readonly key: unknown;',
  '  readonly schema?: Schema;',
  '}',
  '',
  'export type Issue = TooBig | InvalidKey;',
  'type Identity<T> = T;',
  '// The identity makes the server spell the flattened type out, as zod\'s util.Flatten does.',
  'type Flatten<T> = Identity<{ [K in keyof T]: T[K] }>;',
  'export type RawIssue<T extends IssueBase = Issue> = T extends any ? Flatten<T & { readonly input: unknown }> : never;',
  '',
].join('\n');
const MESSAGES = ["import type { RawIssue } from './issues';", '', 'export function messageOf(issue: RawIssue): string {', '  switch (issue.code) {', "    case 'invalid_key':", '      return `bad key in ${issue.'].join('\n');

const SCHEMA = ['export interface Schema {', '  readonly name: string;', '}', '', 'export function makeSchema(name: string): Schema {', '  return { name };', '}', ''].join('\n');
const NAMES = ["import type { Schema } from './schema';", '', 'export function nameOf(schema: Schema): string {', '  return schema.'].join('\n');

describe('the receiver type of a member hole, spelled out by the server', () => {
  let fixture: FactsFixture;
  let engine: ContextEngine;
  let facts: HeadlessLanguageFacts;
  const hole = endOf(MESSAGES);
  before(async () => {
    fixture = FactsFixture.write('facts-receiver', {
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, noEmit: true } }),
      'src/issues.ts': ISSUES,
      'src/messages.ts': `${MESSAGES}\n`,
      'src/schema.ts': SCHEMA,
      'src/names.ts': NAMES,
    });
    ({ engine, facts } = await fixture.engineWithFacts('src/messages.ts', FACTS_BUDGET_MS));
  });
  after(() => fixture?.close());

  test('the narrowed member of the union ranks above its siblings, with the members it declares as the reason', async () => {
    const result = await engine.buildContext({ file: 'src/messages.ts', position: hole, budgetTokens: 2048 });
    assert.match(result.manifest.facts?.expectedType ?? '', /^`\{[\s\S]*readonly origin: 'map' \| 'record';[\s\S]*\}` of `issue`, the object before the cursor's `\.`$/);
    const declaring = result.manifest.items.filter(item => item.reasons.some(reason => /^declares `.*` of the type of `issue`/.test(reason)));
    const invalidKey = declaring.find(item => item.level === 'snippet' && item.startLine === 15 && item.endLine === 20);
    assert.match(invalidKey?.reasons[0] ?? JSON.stringify(declaring), /^declares `code`, `origin`, `key`, `schema` of the type of `issue`/);
    const tooBig = result.manifest.items.filter(item => item.level === 'snippet' && item.startLine === 9);
    assert.ok(tooBig.every(item => item.score < invalidKey!.score), JSON.stringify(tooBig));
    // The base declares `path` and `message` as spelled: its share. TooBig declares `code` otherwise and none of the rest.
    assert.match(declaring.find(item => item.level === 'snippet' && item.startLine === 3 && item.endLine === 7)?.reasons[0] ?? '', /^declares `path`, `message` of the type of `issue`/);
    assert.ok(!declaring.some(item => item.startLine === 9), JSON.stringify(declaring));
  });

  test("the types of a spelled-out receiver's members are not asked: they are not the type the hole picks from", async () => {
    const text = fixture.text('src/messages.ts');
    const gathered = await gatherFacts(facts, { file: 'src/messages.ts', text, position: hole, root: fixture.root, budgetMs: FACTS_BUDGET_MS });
    assert.match(gathered.expectedType?.typeText ?? '', /readonly schema\?: Schema/);
    const expected = gathered.facts.filter(fact => fact.kind === 'expected-type');
    assert.ok(expected.length > 0 && !expected.some(fact => fact.name === 'Schema'), JSON.stringify(expected.map(fact => fact.name)));
  });

  test("at a member hole the receiver type's producers and consumers are no evidence: they do not say which member comes next", async () => {
    const last = NAMES.split('\n');
    const result = await engine.buildContext({ file: 'src/names.ts', text: NAMES, position: { line: last.length - 1, character: last.at(-1)!.length }, budgetTokens: 2048 });
    const schema = result.manifest.items.find(item => item.level === 'snippet' && item.path === 'src/schema.ts' && item.startLine === 1);
    assert.match(schema?.reasons[0] ?? JSON.stringify(result.manifest.items), /^expected type `Schema` of `schema`, the object before the cursor's `\.`/);
    assert.ok(!result.manifest.items.some(item => item.reasons.some(reason => /^(returns|takes) `/.test(reason))), JSON.stringify(result.manifest.items));
  });
});
