// The engine with language facts from the real TypeScript 7 server (tsc --lsp) on a copy of
// test/fixtures/facts-ts/: facts are gathered before ranking, become evidence with their own reasons,
// are redacted, and a missing server leaves the tree-sitter context with the reason in the manifest.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ContextEngine } from '../../src/core/engine';
import { HeadlessLanguageFacts, gatherFacts } from '../../src/core/facts';
import type { ContextResult, ManifestItem, Position } from '../../src/core/types';
import { cursorFacts, openFixture } from './rank-helpers';

const fixture = path.join(__dirname, '..', 'fixtures', 'facts-ts');
/** Far above the answers' times: the tests check what is found on a busy machine, not how fast. */
const FACTS_BUDGET_MS = 15_000;
const HOLES = 'src/holes.ts';
/** An AWS key id of the right shape and variety: redaction must recognize it. */
const SECRET = 'AKIAQ7RBW3ZKD5TJ2MXV';

function at(text: string, marker: string): Position {
  const lines = text.slice(0, text.indexOf(marker)).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1]!.length };
}

/** The best-scored item showing `line` (0-based) of `file`. */
/** The best-scored snippet showing `line` of `file`: a fact is evidence for a declaration (its file gets a share). */
function snippetAt(result: ContextResult, file: string, line: number): ManifestItem | undefined {
  return snippets(result).filter(i => i.path === file && i.startLine <= line + 1 && line + 1 <= i.endLine)[0];
}

/** 0-based position of `item` among the manifest's snippets by score: lower is better. */
function rankOf(result: ContextResult, item: ManifestItem | undefined): number {
  return item ? snippets(result).indexOf(item) : Infinity;
}

function snippets(result: ContextResult): ManifestItem[] {
  return result.manifest.items.filter(i => i.level === 'snippet').sort((a, b) => b.score - a.score);
}

describe('engine with language facts (tsc --lsp)', () => {
  let root: string;
  let withFacts: ContextEngine;
  let without: ContextEngine;
  let facts: HeadlessLanguageFacts;
  const holes = () => fs.readFileSync(path.join(root, HOLES), 'utf8');

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'facts-engine-'));
    fs.cpSync(fixture, root, { recursive: true });
    // A constant whose hover quotes a secret: `const key: "AKIA…"`.
    fs.writeFileSync(path.join(root, 'src', 'config.ts'), `export const ACCESS_KEY_ID = '${SECRET}';\n`);
    fs.appendFileSync(path.join(root, HOLES), `\nimport { ACCESS_KEY_ID } from './config';\nexport function signed() {\n  const key = ACCESS_KEY_ID;\n  return key./*secret*/;\n}\n`);
    facts = new HeadlessLanguageFacts({ root, defaultBudgetMs: FACTS_BUDGET_MS });
    await facts.warmUp({ path: HOLES });
    withFacts = await ContextEngine.open({ root, cacheDir: false, facts, factsBudgetMs: FACTS_BUDGET_MS });
    without = await ContextEngine.open({ root, cacheDir: false });
  });
  after(async () => {
    await Promise.all([withFacts?.dispose(), without?.dispose()]);
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('the expected type declared in another file ranks higher with facts, with the fact as its reason', async () => {
    const request = { file: HOLES, position: at(holes(), '/*argument*/'), budgetTokens: 8192 };
    const [plain, informed] = [await without.buildContext(request), await withFacts.buildContext(request)];
    const line = fs.readFileSync(path.join(root, 'src/types.ts'), 'utf8').split('\n').findIndex(l => l.includes('interface RequestOptions'));
    const before = snippetAt(plain, 'src/types.ts', line);
    const after = snippetAt(informed, 'src/types.ts', line);
    assert.ok(after, `RequestOptions is a candidate with facts: ${JSON.stringify(informed.manifest.items.map(i => [i.path, i.startLine, i.score]))}`);
    assert.ok(rankOf(informed, after) < rankOf(plain, before), `rank with facts ${rankOf(informed, after)} < without ${rankOf(plain, before)}`);
    assert.ok(after.score > (before?.score ?? 0));
    assert.ok(after.reasons.some(r => r.includes('expected type `RequestOptions`') && r.includes('`fetchJson`')), after.reasons.join(' | '));
    assert.match(after.reasons[0]!, /^expected type `RequestOptions`/, 'the fact is what ranks it');
    assert.match(informed.manifest.facts?.expectedType ?? '', /RequestOptions/);
    assert.equal(typeof informed.manifest.timingsMs.facts, 'number');
    assert.equal(plain.manifest.facts, undefined, 'no provider: the manifest says nothing of facts');
    assert.equal(plain.manifest.timingsMs.facts, undefined);
  });

  test('a definition fact for an imported name is left out: the import resolves it exactly already', async () => {
    // A budget no other test uses: the context is built, not kept from an earlier request.
    const result = await withFacts.buildContext({ file: HOLES, position: at(holes(), '/*argument*/'), budgetTokens: 6144 });
    const line = fs.readFileSync(path.join(root, 'src/http.ts'), 'utf8').split('\n').findIndex(l => l.includes('function fetchJson('));
    const fetchJson = snippetAt(result, 'src/http.ts', line);
    assert.ok(fetchJson?.reasons.includes('defines `fetchJson`, imported and used on the cursor line'), JSON.stringify(fetchJson));
    // tsc resolves `fetchJson` to the same declaration: counted again, it would weigh as much as the hole's own type.
    assert.ok(!result.manifest.items.some(i => i.reasons.includes('defines `fetchJson`, used on the cursor line')), JSON.stringify(fetchJson));
  });

  test('the functions returning or taking the expected type are candidates by their headers, with the expected type as the reason', async () => {
    // A budget too small for whole files: what is shown of src/policies.ts is chosen span by span.
    const result = await withFacts.buildContext({ file: HOLES, position: at(holes(), '/*assignment*/'), budgetTokens: 700 });
    const policies = fs.readFileSync(path.join(root, 'src/policies.ts'), 'utf8').split('\n');
    const lineOf = (name: string) => policies.findIndex(l => l.includes(`function ${name}(`));
    const rows = (name: string) => result.manifest.items.filter(i => i.path === 'src/policies.ts' && i.startLine === lineOf(name) + 1);
    const producer = rows('defaultRetry').find(i => i.reasons.some(r => r.startsWith('returns `RetryPolicy`')));
    assert.ok(producer, JSON.stringify(result.manifest.items.filter(i => i.path === 'src/policies.ts')));
    assert.equal(producer.endLine, producer.startLine, 'the header only, not the body');
    assert.ok(producer.included, JSON.stringify(result.manifest.items.filter(i => i.path === 'src/policies.ts'), null, 1));
    assert.ok(!result.context.includes("case 'billing':"), `the producer's body is not in the context:\n${result.context}`);
    assert.match(producer.reasons[0]!, /^returns `RetryPolicy`, the expected type of `policy`, assigned at the cursor/);
    const consumer = rows('describeRetry').find(i => i.reasons.some(r => r.startsWith('takes `RetryPolicy`')));
    assert.ok(consumer && consumer.endLine === consumer.startLine, JSON.stringify(rows('describeRetry')));
    assert.ok(producer.score > consumer.score, 'a producer builds what the hole needs: it ranks above a consumer');
    assert.ok(!result.manifest.items.some(i => i.reasons.some(r => r.includes('`unrelated`') || (i.startLine === lineOf('unrelated') + 1 && i.path === 'src/policies.ts' && r.includes('RetryPolicy')))));
  });

  test('the object before a `.` is asked about before nearer names, and standard library names not at all', async () => {
    const text = holes();
    const position = at(text, '/*member*/');
    // `account.owner.` on the cursor line: `owner` is a member of receiver `account`; `Promise` is the standard library's.
    const identifiers = [
      { name: 'Promise', kind: 'type', line: position.line, distance: 0 },
      { name: 'owner', kind: 'member', receiver: 'account', line: position.line, distance: 0 },
      { name: 'account', kind: 'identifier', line: position.line, distance: 0 },
    ];
    const gathered = await gatherFacts(facts, { file: HOLES, text, position, identifiers, maxIdentifiers: 1, budgetMs: FACTS_BUDGET_MS, root });
    const asked = gathered.facts.filter(f => f.depth === 0 && f.kind !== 'expected-type').map(f => f.name);
    assert.ok(asked.length > 0 && asked.every(name => name === 'account'), `with room for one name, the receiver's: ${asked.join(', ')}`);
    assert.ok(gathered.facts.some(f => f.kind === 'type-definition' && f.name === 'Account' && f.reason.includes('of `account`')), JSON.stringify(gathered.facts));
  });

  test("a link of a chain the cursor stage reports brings its type: `account.owner.address` gives `User` and `Address`", async () => {
    const text = holes();
    const position = at(text, '/*chain*/');
    const index = await openFixture('facts-ts');
    const cursor = await cursorFacts(index, HOLES, { text, position }).finally(() => index.dispose());
    const line = position.line - 1;
    assert.deepEqual(
      cursor.identifiers.filter(i => i.line === line && i.kind === 'member').map(i => `${i.name}${i.memberAfter ? ` → ${i.memberAfter}` : ''}`),
      ['owner → address', 'address → street', 'street'],
    );
    const gather = (identifiers: typeof cursor.identifiers) => gatherFacts(facts, { file: HOLES, text, position, identifiers, budgetMs: FACTS_BUDGET_MS, root });
    const types = (await gather(cursor.identifiers)).facts.filter(f => f.kind === 'type-definition').map(f => `${f.name} ${f.reason}`);
    assert.ok(types.includes('User type `User` of `account.owner`, used 1 line above the cursor'), types.join(' | '));
    assert.ok(types.includes('Address type `Address` of `address`, used 1 line above the cursor'), types.join(' | '));
    assert.ok(!types.some(t => t.includes('of `street`')), '`street` ends the chain: its type is not asked');
    // The chain is the cursor stage's word: without it, no link's type is asked.
    const unlinked = (await gather(cursor.identifiers.map(({ memberAfter: _, ...id }) => id))).facts.map(f => f.reason);
    assert.ok(!unlinked.some(reason => reason.includes('of `account.owner`')), unlinked.join(' | '));
  });

  test('hover text quoting a secret is redacted before it reaches the manifest', async () => {
    const result = await withFacts.buildContext({ file: HOLES, position: at(holes(), '/*secret*/'), budgetTokens: 8192 });
    const everything = JSON.stringify(result);
    assert.ok(!everything.includes(SECRET), 'the secret appears nowhere in the result');
    const reasons = result.manifest.items.flatMap(i => i.reasons);
    assert.ok(result.manifest.facts && result.manifest.facts.used > 0, JSON.stringify(result.manifest.facts));
    assert.ok(reasons.some(r => r.includes('ACCESS_KEY_ID')), `the constant's definition is a fact: ${reasons.join(' | ')}`);
  });

  test('a missing server: the tree-sitter context, and the reason in the manifest', async () => {
    const facts = new HeadlessLanguageFacts({ root, servers: { typescript: { command: '/nonexistent/bin/typescript-lsp', args: ['--stdio'] } } });
    const engine = await ContextEngine.open({ root, cacheDir: false, facts, factsBudgetMs: FACTS_BUDGET_MS });
    try {
      // A budget no earlier test used: neither engine offers a context kept from an earlier request.
      const request = { file: HOLES, position: at(holes(), '/*argument*/'), budgetTokens: 4096 };
      const [plain, missing] = [await without.buildContext(request), await engine.buildContext(request)];
      assert.deepEqual(missing.manifest.items, plain.manifest.items);
      assert.equal(missing.context, plain.context);
      assert.equal(missing.manifest.facts?.used, 0);
      assert.equal(missing.manifest.facts?.complete, false);
      assert.match(missing.manifest.facts?.missing.map(m => m.why).join('\n') ?? '', /typescript-lsp/);
    } finally {
      await engine.dispose();
    }
  });
});
