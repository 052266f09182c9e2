// At a member hole whose receiver's type the server spells out instead of naming (a union member narrowed
// by a `switch`, through a mapped type), the declaration the members come from is found by the members it
// declares as spelled: the narrowed member's own interface, not the union's others (rank/signals/facts.ts,
// receiverTypeEvidence). Real tsc --lsp, real index.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ContextEngine } from '../../src/core/engine';
import { HeadlessLanguageFacts } from '../../src/core/facts';

/** Far above the answers' times: the test checks what is found on a busy machine, not how fast. */
const FACTS_BUDGET_MS = 15_000;
const ISSUES = [
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

describe('the receiver type of a member hole, spelled out by the server', () => {
  let root: string;
  let engine: ContextEngine;
  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'facts-receiver-'));
    fs.mkdirSync(path.join(root, 'src'));
    fs.writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true } }));
    fs.writeFileSync(path.join(root, 'src/issues.ts'), ISSUES);
    fs.writeFileSync(path.join(root, 'src/messages.ts'), `${MESSAGES}\n`);
    const facts = new HeadlessLanguageFacts({ root, defaultBudgetMs: FACTS_BUDGET_MS });
    await facts.warmUp({ path: 'src/messages.ts' });
    engine = await ContextEngine.open({ root, cacheDir: false, facts, factsBudgetMs: FACTS_BUDGET_MS });
  });
  after(async () => {
    await engine?.dispose();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  test('the narrowed member of the union ranks above its siblings, with the members it declares as the reason', async () => {
    const lines = MESSAGES.split('\n');
    const result = await engine.buildContext({ file: 'src/messages.ts', position: { line: lines.length - 1, character: lines.at(-1)!.length }, budgetTokens: 2048 });
    assert.match(result.manifest.facts?.expectedType ?? '', /^`\{[\s\S]*readonly origin: 'map' \| 'record';[\s\S]*\}` of `issue`, the object before the cursor's `\.`$/);
    const declaring = result.manifest.items.filter(item => item.reasons.some(reason => /^declares `.*` of the type of `issue`/.test(reason)));
    const invalidKey = declaring.find(item => item.level === 'snippet' && item.startLine === 13 && item.endLine === 17);
    assert.match(invalidKey?.reasons[0] ?? JSON.stringify(declaring), /^declares `code`, `origin`, `key` of the type of `issue`/);
    const tooBig = result.manifest.items.filter(item => item.level === 'snippet' && item.startLine === 7);
    assert.ok(tooBig.every(item => item.score < invalidKey!.score), JSON.stringify(tooBig));
    // The base declares `path` and `message` as spelled: its share. TooBig declares `code` otherwise and none of the rest.
    assert.match(declaring.find(item => item.level === 'snippet' && item.startLine === 1 && item.endLine === 5)?.reasons[0] ?? '', /^declares `path`, `message` of the type of `issue`/);
    assert.ok(!declaring.some(item => item.startLine === 7), JSON.stringify(declaring));
  });
});
