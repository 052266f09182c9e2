// The facts stage against the real TypeScript 7 server (tsc --lsp --stdio) on a copy of test/fixtures/facts-ts/.
// One server serves the file's tests; the crash, missing-server and exit tests start their own. Every server
// started on the copy is disposed at the end, and none may be left running (facts-fixture.ts).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { AnswerCache, NOTHING_HOLDS_MS, rememberingQuestions } from '../../src/core/facts/answer-cache';
import { FactsError, gatherFacts, type CursorFact, type FactsQuery, type GatheredFacts, type HeadlessLanguageFacts, type LanguageFacts } from '../../src/core/facts';
import { FactsFixture, countingProvider, gatheredCounting, isAlive, positionOf, summary, waitUntil } from './facts-fixture';
import { cursorFacts, openFixture, typeOver } from './rank-helpers';

const fixture = FactsFixture.copy('facts-ts');
const root = fixture.root;
after(() => fixture.close());
const HOLES = 'src/holes.ts';
const holesText = fixture.text(HOLES);
/** Generous for a shared 2-core machine: these tests check what is found, not how fast. */
const BUDGET_MS = 10_000;

describe('facts from the TypeScript 7 server', () => {
  let facts: HeadlessLanguageFacts;
  const gather = (marker: string, extra: Partial<Parameters<typeof gatherFacts>[1]> = {}): Promise<GatheredFacts> =>
    gatherFacts(facts, { file: HOLES, text: holesText, position: positionOf(holesText, marker), root, budgetMs: BUDGET_MS, ...extra });

  before(async () => {
    // Budgets far above the answers' times: the machine running the tests may be busy.
    facts = fixture.facts({ defaultBudgetMs: 20_000 });
    await facts.warmUp({ path: HOLES });
  });
  after(async () => {
    await facts.dispose();
  });
  const ownProvider = (counts: Record<string, number> = {}): LanguageFacts => countingProvider(facts, counts);

  test('definitions are exact: the callee, and identifiers near the cursor', async () => {
    const [callee] = await facts.definition({ path: HOLES }, positionOf(holesText, "fetchJson('/users'"));
    assert.equal(callee!.path, 'src/http.ts');
    assert.deepEqual(callee!.range.start, positionOf(fixture.text('src/http.ts'), 'fetchJson(url'));
    assert.equal(callee!.declarationRange!.start.line, fixture.line('src/http.ts', 'export async function fetchJson'));

    const cursor = positionOf(holesText, '/*argument*/');
    const result = await gather('/*argument*/', { identifiers: [{ name: 'openAccount', line: cursor.line - 1, distance: 1 }] });
    const definition = result.facts.find(f => f.kind === 'definition' && f.name === 'openAccount');
    assert.ok(definition, summary(result.facts).join('\n'));
    assert.equal(definition.location.path, 'src/user.ts');
    assert.equal(definition.location.range.start.line, fixture.line('src/user.ts', 'export function openAccount'));
    assert.equal(definition.reason, 'defines `openAccount`, used 1 line above the cursor');
  });

  test("the cursor stage's identifiers and the index's texts feed the gathering as they are", async () => {
    const index = await openFixture('facts-ts');
    try {
      const buffer = typeOver(index, HOLES, "fetchJson('/users', /*argument*/)", "  const response = await fetchJson('/users', ");
      const cursor = await cursorFacts(index, HOLES, buffer);
      const result = await gatherFacts(facts, {
        file: HOLES,
        text: buffer.text,
        position: buffer.position,
        identifiers: cursor.identifiers,
        readText: async file => index.text(file),
        budgetMs: BUDGET_MS,
      });
      assert.equal(result.complete, true, JSON.stringify(result.missing));
      assert.equal(result.expectedType?.typeText, 'RequestOptions');
      const fetchJson = result.facts.find(f => f.kind === 'definition' && f.name === 'fetchJson');
      assert.equal(fetchJson?.location.path, 'src/http.ts');
      assert.equal(fetchJson?.reason, 'defines `fetchJson`, used on the cursor line');
      assert.ok(result.facts.some(f => f.kind === 'binding-type' && f.name === 'account' && f.typeText === 'Account'), summary(result.facts).join('\n'));

      // The cursor stage's scopes say which function a `return` belongs to.
      const returning = typeOver(index, HOLES, 'return /*return*/;', '  return ');
      const scopes = (await cursorFacts(index, HOLES, returning)).enclosingScopes;
      assert.deepEqual(scopes.map(s => s.name), ['accountOf']);
      const returned = await gatherFacts(facts, { file: HOLES, text: returning.text, position: returning.position, enclosingScopes: scopes, budgetMs: BUDGET_MS, readText: async file => index.text(file) });
      assert.deepEqual(returned.expectedType, { hole: 'return', typeText: 'Account', of: 'the return of `accountOf`' });
    } finally {
      await index.dispose();
    }
  });

  test('a local binding near the cursor gives its type and the declaration of that type', async () => {
    const cursor = positionOf(holesText, '/*argument*/');
    const result = await gather('/*argument*/', { identifiers: [{ name: 'account', line: cursor.line - 1 }] });
    const binding = result.facts.find(f => f.kind === 'binding-type');
    assert.equal(binding?.typeText, 'Account');
    assert.equal(binding?.location.path, HOLES);
    const type = result.facts.find(f => f.kind === 'type-definition' && f.name === 'Account');
    assert.equal(type?.location.path, 'src/user.ts');
    assert.equal(type?.location.range.start.line, fixture.line('src/user.ts', 'export interface Account'));
  });

  test("a binding's type that the index declares once is read there, one it does not know is not followed, and typeDefinition is asked only without an index", async () => {
    const cursor = positionOf(holesText, '/*argument*/');
    const line = cursor.line - 1; // `const account = openAccount(user);`
    const accountAt = `${line + 1}:${holesText.split('\n')[line]!.indexOf('account') + 1}`;
    const index = await openFixture('facts-ts');
    try {
      const gathered = async (fromIndex: Pick<FactsQuery, 'declarationsNamed'>) => {
        const asked: string[] = [];
        const result = await gatherFacts(countingProvider(facts, {}, asked), {
          file: HOLES,
          text: holesText,
          position: cursor,
          readText: async file => index.text(file),
          budgetMs: BUDGET_MS,
          identifiers: [{ name: 'account', kind: 'identifier', line }],
          ...fromIndex,
        });
        assert.equal(result.complete, true, JSON.stringify(result.missing));
        assert.ok(result.facts.some(f => f.kind === 'binding-type' && f.name === 'account' && f.typeText === 'Account'), summary(result.facts).join('\n'));
        return { questions: asked.filter(question => question.endsWith(` ${accountAt}`)), type: result.facts.find(f => f.kind === 'type-definition' && f.name === 'Account') };
      };
      const expectAccount = (type: CursorFact | undefined) => {
        assert.equal(type?.location.path, 'src/user.ts');
        assert.equal(type.location.range.start.line, fixture.line('src/user.ts', 'export interface Account'));
        assert.equal(type.reason, 'type `Account` of `account`, used 1 line above the cursor');
      };
      const asked = await gathered({});
      assert.deepEqual(asked.questions, ['definition', 'hover', 'typeDefinition'].map(method => `${method} ${accountAt}`));
      expectAccount(asked.type);
      const named = await gathered({ declarationsNamed: name => index.symbols.definitionsOf(name) });
      assert.deepEqual(named.questions, ['definition', 'hover'].map(method => `${method} ${accountAt}`));
      expectAccount(named.type);
      // An index that declares no `Account`: the type is declared outside the workspace, where nothing can be packed.
      const unknown = await gathered({ declarationsNamed: () => [] });
      assert.deepEqual(unknown.questions, ['definition', 'hover'].map(method => `${method} ${accountAt}`));
      assert.equal(unknown.type, undefined);
    } finally {
      await index.dispose();
    }
  });

  test("a local function's hover gives no binding's type: its type definition is not asked", async () => {
    const line = fixture.line(HOLES, 'export function accountOf');
    const at = `${line + 1}:${holesText.split('\n')[line]!.indexOf('accountOf') + 1}`;
    const asked: string[] = [];
    const result = await gatherFacts(countingProvider(facts, {}, asked), {
      file: HOLES,
      text: holesText,
      position: positionOf(holesText, '/*argument*/'),
      root,
      budgetMs: BUDGET_MS,
      identifiers: [{ name: 'accountOf', kind: 'call', line }],
      importedNames: ['openAccount', 'fetchJson'],
    });
    assert.equal(result.complete, true, JSON.stringify(result.missing));
    assert.deepEqual(asked.filter(question => question.endsWith(` ${at}`)), ['definition', 'hover'].map(method => `${method} ${at}`));
    assert.ok(!result.facts.some(f => f.name === 'accountOf' && f.kind !== 'definition'), summary(result.facts).join('\n'));
  });

  test('a keyword the cursor stage read off a cut line is asked nothing; the names beside it are', async () => {
    const cursor = positionOf(holesText, '/*argument*/');
    const line = cursor.line - 1; // `const account = openAccount(user);`
    const asked: string[] = [];
    const result = await gatherFacts(countingProvider(facts, {}, asked), {
      file: HOLES,
      text: holesText,
      position: cursor,
      root,
      budgetMs: BUDGET_MS,
      identifiers: [
        { name: 'const', kind: 'identifier', line },
        { name: 'account', kind: 'identifier', line },
      ],
      importedNames: ['openAccount', 'fetchJson'],
    });
    const keywordAt = `${line + 1}:${holesText.split('\n')[line]!.indexOf('const') + 1}`;
    assert.deepEqual(asked.filter(question => question.endsWith(` ${keywordAt}`)), [], asked.join(' | '));
    assert.ok(result.facts.some(f => f.kind === 'binding-type' && f.name === 'account' && f.typeText === 'Account'), summary(result.facts).join('\n'));
  });

  test("a binding used near the cursor but declared in the previous statement's callback is not in scope there: its type is not asked; an in-scope parameter's is", async () => {
    const index = await openFixture('facts-ts');
    try {
      const cursor = await cursorFacts(index, HOLES, { text: holesText, position: positionOf(holesText, '/*scope*/') });
      const line = (marker: string) => holesText.split('\n').findIndex(text => text.includes(marker));
      const at = (name: string, marker: string) => `${line(marker) + 1}:${holesText.split('\n')[line(marker)]!.indexOf(name) + 1}`;
      const holder = [at('holder', 'holder => holder'), `${line('holder => holder') + 1}:${holesText.split('\n')[line('holder => holder')]!.lastIndexOf('holder') + 1}`];
      assert.ok(cursor.identifiers.some(id => id.name === 'holder'), 'the cursor stage offers `holder`');
      const asked: string[] = [];
      const result = await gatherFacts(countingProvider(facts, {}, asked), {
        file: HOLES,
        text: holesText,
        position: cursor.position,
        root,
        budgetMs: BUDGET_MS,
        identifiers: cursor.identifiers,
        importedNames: cursor.importedNamesNearCursor.map(use => use.localName),
        enclosingScopes: cursor.enclosingScopes,
        localDefinitions: cursor.localDefinitions,
      });
      const typeQuestions = asked.filter(question => question.startsWith('hover ') || question.startsWith('typeDefinition '));
      assert.deepEqual(typeQuestions.filter(question => holder.some(where => question.endsWith(` ${where}`))), [], asked.join(' | '));
      assert.ok(!result.facts.some(f => f.name === 'holder'), summary(result.facts).join('\n'));
      assert.ok(result.facts.some(f => f.kind === 'binding-type' && f.name === 'user' && f.typeText === 'User'), summary(result.facts).join('\n'));
      assert.ok(typeQuestions.some(question => question === `hover ${at('user', '/*scope*/')}`), asked.join(' | '));
    } finally {
      await index.dispose();
    }
  });

  test("a likely local's type is asked beside its definition, not a round trip after it; imported names are not asked it", async () => {
    const cursor = positionOf(holesText, '/*argument*/');
    const line = cursor.line - 1; // `const account = openAccount(user);`
    const identifiers = [
      { name: 'account', kind: 'identifier', line },
      { name: 'openAccount', kind: 'call', line },
    ];
    /** The order in which the types of `account` and `openAccount` were asked and their definitions answered. */
    const inOrder = async (importedNames?: readonly string[]) => {
      const events: string[] = [];
      const name = (position: { line: number; character: number }) => identifiers.find(id => id.line === position.line && holesText.split('\n')[line]!.indexOf(id.name) === position.character)?.name;
      const own = Object.create(facts) as LanguageFacts;
      own.definition = async (doc, position, options) => {
        const answer = await facts.definition(doc, position, options);
        if (name(position)) events.push(`definition of ${name(position)} answered`);
        return answer;
      };
      own.hover = (doc, position, options) => {
        if (name(position)) events.push(`type of ${name(position)} asked`);
        return facts.hover(doc, position, options);
      };
      const result = await gatherFacts(own, { file: HOLES, text: holesText, position: cursor, root, budgetMs: BUDGET_MS, identifiers, ...(importedNames ? { importedNames } : {}) });
      assert.ok(result.facts.some(f => f.kind === 'binding-type' && f.name === 'account' && f.typeText === 'Account'), summary(result.facts).join('\n'));
      assert.ok(result.facts.some(f => f.kind === 'type-definition' && f.name === 'Account' && f.location.path === 'src/user.ts'), summary(result.facts).join('\n'));
      return { events, result };
    };
    const early = await inOrder(['openAccount', 'fetchJson']);
    assert.ok(early.events.indexOf('type of account asked') < early.events.indexOf('definition of account answered'), early.events.join(' | '));
    assert.ok(!early.events.includes('type of openAccount asked'), `an imported name is declared elsewhere: ${early.events.join(' | ')}`);
    // Without the cursor stage's imported names the definition says first whether the name is local.
    const late = await inOrder();
    assert.ok(late.events.indexOf('type of account asked') > late.events.indexOf('definition of account answered'), late.events.join(' | '));
    assert.deepEqual(summary(early.result.facts).sort(), summary(late.result.facts).sort(), 'the same facts either way');
  });

  test('argument hole: the active parameter, its type declaration, and the types that one names', async () => {
    const result = await gather('/*argument*/');
    assert.deepEqual(result.expectedType, { hole: 'argument', typeText: 'RequestOptions', of: 'parameter `init` of `fetchJson`' });
    const expected = result.facts.find(f => f.kind === 'expected-type');
    assert.equal(expected?.name, 'RequestOptions');
    assert.equal(expected?.location.path, 'src/types.ts');
    assert.equal(expected?.location.range.start.line, fixture.line('src/types.ts', 'export interface RequestOptions'));
    assert.equal(expected?.reason, 'expected type `RequestOptions` of parameter `init` of `fetchJson`');
    const followed = summary(result.facts.filter(f => f.kind === 'type-definition'));
    // The default depth (2) stops before `Backoff`, which RetryPolicy names.
    assert.deepEqual(followed.sort(), [
      `type-definition Method src/types.ts:${fixture.line('src/types.ts', 'export type Method')} depth 2`,
      `type-definition RetryPolicy src/types.ts:${fixture.line('src/types.ts', 'export interface RetryPolicy')} depth 2`,
    ]);
    assert.equal(result.complete, true, JSON.stringify(result.missing));
  });

  test('answers are remembered while the texts they rest on are unchanged: an edit asks again what it may change', async () => {
    const counts: Record<string, number> = {};
    const provider = ownProvider(counts);
    const cursor = positionOf(holesText, '/*argument*/');
    const query = { file: HOLES, position: cursor, root, budgetMs: BUDGET_MS, identifiers: [{ name: 'openAccount', line: cursor.line - 1 }] };
    const asked = () => Object.values(counts).reduce((sum, n) => sum + n, 0);
    const first = await gatherFacts(provider, { ...query, text: holesText });
    const askedFirst = asked();
    assert.ok(askedFirst > 0);
    const again = await gatherFacts(provider, { ...query, text: holesText });
    assert.deepEqual(summary(again.facts), summary(first.facts));
    assert.equal(asked(), askedFirst, 'the same text asks nothing again');

    // A keystroke after the cursor: the current file's questions are asked anew, the followed types' are not.
    const typed = holesText.replace('/*argument*/', '/*argument*/ ');
    const beforeTyping = { ...counts };
    const afterKeystroke = await gatherFacts(provider, { ...query, text: typed });
    assert.deepEqual(summary(afterKeystroke.facts), summary(first.facts));
    assert.equal(counts.signatureHelp, beforeTyping.signatureHelp! + 1);
    const definitionsAsked = counts.definition! - beforeTyping.definition!;
    assert.ok(definitionsAsked > 0 && definitionsAsked < beforeTyping.definition!, `${definitionsAsked} of ${beforeTyping.definition} definitions asked again`);

    // An edit of the file the followed types point into: those are asked again.
    const types = fixture.text('src/types.ts');
    const beforeEdit = counts.definition!;
    const edited = await gatherFacts(provider, { ...query, text: typed, readText: async file => (file === 'src/types.ts' ? `${types}\n` : fixture.text(file)) });
    assert.deepEqual(summary(edited.facts), summary(first.facts));
    assert.ok(counts.definition! > beforeEdit, 'definitions pointing into the edited file are asked again');
  });

  test('an answer of nothing is asked again at the same text: a server still starting gives it, and it would hold until the text changed', async () => {
    const counts: Record<string, number> = {};
    const provider = ownProvider(counts);
    const text = ['export const total = notDeclared + 1;', ''].join('\n');
    const query = { file: 'src/scratch.ts', text, position: { line: 1, character: 0 }, root, budgetMs: BUDGET_MS, identifiers: [{ name: 'notDeclared', line: 0 }] };
    for (const gathering of [1, 2]) {
      const gathered = await gatherFacts(provider, query);
      assert.deepEqual(gathered.facts, []);
      assert.equal(counts.definition, gathering, `gathering ${gathering} asks where \`notDeclared\` is declared`);
    }
  });

  test('an answer of nothing about a file not being edited holds for a while, not until that file changes', async () => {
    const counts: Record<string, number> = {};
    let clock = 0;
    const cache = new AnswerCache(100, () => clock);
    const provider = ownProvider(counts);
    const user = { path: 'src/user.ts' };
    const userText = fixture.text('src/user.ts');
    const found = positionOf(userText, 'User');
    // A blank line of user.ts: nothing is declared there, as a server still starting answers everywhere.
    const blank = { line: userText.split('\n').indexOf(''), character: 0 };
    assert.ok(blank.line >= 0);
    // Each a gathering of its own: within one, a question is asked once whatever the cache says.
    const ask = async () => {
      const questions = rememberingQuestions(provider, cache, async file => fixture.text(file), 'src/scratch.ts');
      return { found: await questions.definition(user, found), nothing: await questions.definition(user, blank) };
    };
    const first = await ask();
    assert.ok(first.found.length > 0);
    assert.deepEqual(first.nothing, []);
    // Answers are remembered off their path, once the texts they point into are read.
    const remembered = () => new Promise(resolve => setImmediate(resolve));
    await remembered();
    clock += 1;
    await ask();
    assert.equal(counts.definition, 2, 'both answers are remembered at first');
    await remembered();
    clock += NOTHING_HOLDS_MS;
    await ask();
    assert.equal(counts.definition, 3, 'once it has held its time, only the answer of nothing is asked again');
  });

  test("a type found by workspace symbol, which comes without its declaration, is read in the index's declarations instead of asked", async () => {
    // The inferred return type `Account` is not written in this buffer: it is found by workspace symbol.
    const typed = '  return ';
    const text = [`import { openAccount, User } from './user';`, '', 'export function accountFor(user: User) {', '  if (user.name) return openAccount(user);', typed, '}', ''].join('\n');
    const index = await openFixture('facts-ts');
    try {
      const gathered = (fromIndex: Pick<FactsQuery, 'declarationsIn' | 'declarationsNamed'> = {}) =>
        gatheredCounting(facts, { file: 'src/scratch.ts', text, position: { line: 4, character: typed.length }, root, budgetMs: BUDGET_MS, ...fromIndex });
      const asked = await gathered();
      const indexed = await gathered({ declarationsIn: file => index.file(file)?.definitions });
      assert.equal(asked.expected?.typeText, 'Account | undefined');
      assert.equal(asked.counts.workspaceSymbols, 1);
      assert.deepEqual(asked.facts, [
        `expected-type Account src/user.ts:${fixture.line('src/user.ts', 'export interface Account')} depth 1`,
        `type-definition User src/user.ts:${fixture.line('src/user.ts', 'export class User')} depth 2`,
      ]);
      assert.deepEqual(indexed.facts, asked.facts, 'the same facts');
      assert.equal(indexed.counts.definition, asked.counts.definition! - 1, "one definition question fewer: the one at the symbol's name");
      // With the index's declarations by name, the symbol itself is not asked either.
      const named = await gathered({ declarationsIn: file => index.file(file)?.definitions, declarationsNamed: name => index.symbols.definitionsOf(name) });
      assert.deepEqual(named.facts, asked.facts, 'the same facts');
      assert.equal(named.counts.workspaceSymbols ?? 0, 0);
      assert.equal(named.counts.definition, indexed.counts.definition);
    } finally {
      await index.dispose();
    }
  });

  test('type depth is a parameter: depth 3 reaches the types of the types', async () => {
    const result = await gather('/*argument*/', { typeDepth: 3 });
    const backoff = result.facts.find(f => f.name === 'Backoff');
    assert.equal(backoff?.depth, 3);
    assert.match(backoff!.reason, /^type `Backoff` used by `RetryPolicy` \(type `RetryPolicy` used by `RequestOptions`/);
  });

  test('assignment hole: the declared type of the assigned name', async () => {
    const result = await gather('/*assignment*/');
    assert.deepEqual(result.expectedType, { hole: 'assignment', typeText: 'RetryPolicy', of: '`policy`, assigned at the cursor' });
    assert.deepEqual(summary(result.facts), [
      `expected-type RetryPolicy src/types.ts:${fixture.line('src/types.ts', 'export interface RetryPolicy')} depth 1`,
      `type-definition Backoff src/types.ts:${fixture.line('src/types.ts', 'export interface Backoff')} depth 2`,
    ]);
  });

  test('return hole: the declared return type of the enclosing function', async () => {
    const result = await gather('/*return*/');
    assert.deepEqual(result.expectedType, { hole: 'return', typeText: 'Account', of: 'the return of `accountOf`' });
    assert.equal(result.facts[0]?.location.range.start.line, fixture.line('src/user.ts', 'export interface Account'));
    assert.ok(result.facts.some(f => f.name === 'User' && f.depth === 2));
  });

  test('return hole of a function without annotation: the inferred return type', async () => {
    const text = holesText.replace('export function accountOf(user: User): Account {', 'export function accountOf(user: User) {\n  if (!user) return openAccount(user);');
    const position = positionOf(text, '/*return*/');
    const result = await gatherFacts(facts, { file: HOLES, text, position, root, budgetMs: BUDGET_MS });
    // The empty `return` being typed makes the inferred type optional.
    assert.deepEqual(result.expectedType, { hole: 'return', typeText: 'Account | undefined', of: 'the return of `accountOf`' });
    assert.equal(result.facts[0]?.location.path, 'src/user.ts');
    assert.equal(result.facts[0]?.location.range.start.line, fixture.line('src/user.ts', 'export interface Account'));
  });

  test('member hole: the type of the object before the dot', async () => {
    const result = await gather('/*member*/');
    assert.deepEqual(result.expectedType, { hole: 'member', typeText: 'User', of: "`owner`, the object before the cursor's `.`" });
    assert.deepEqual(summary(result.facts), [
      `expected-type User src/user.ts:${fixture.line('src/user.ts', 'export class User')} depth 1`,
      `type-definition Address src/user.ts:${fixture.line('src/user.ts', 'export class Address')} depth 2`,
    ]);
  });

  test('object literal property hole: the property type of the known object type', async () => {
    const result = await gather('/*property*/');
    assert.deepEqual(result.expectedType, { hole: 'property', typeText: 'Backoff', of: 'property `backoff` of `RetryPolicy`' });
    assert.equal(result.facts[0]?.location.range.start.line, fixture.line('src/types.ts', 'export interface Backoff'));
  });

  test('the other questions: hover, signature help, completions, symbols, diagnostics', async () => {
    const hover = await facts.hover({ path: HOLES }, positionOf(holesText, 'account.owner.'));
    assert.equal(hover?.text, '(parameter) account: Account');
    const signature = await facts.signatureHelp({ path: HOLES }, positionOf(holesText, '/*argument*/'));
    assert.deepEqual(signature?.activeParameter, { index: 1, label: 'init: RequestOptions', name: 'init', type: 'RequestOptions' });
    const completions = await facts.completions({ path: HOLES }, positionOf(holesText, '/*member*/'));
    assert.deepEqual(completions.filter(c => ['name', 'address', 'greet'].includes(c.label)).map(c => `${c.label} ${c.kind}`).sort(), ['address field', 'greet method', 'name field']);
    const symbols = await facts.documentSymbols({ path: 'src/user.ts' });
    assert.deepEqual(symbols.filter(s => s.name === 'greet').map(s => `${s.kind} ${s.container}`), ['method User']);
    const diagnostics = await facts.diagnostics({ path: HOLES });
    assert.ok(diagnostics.some(d => d.severity === 'error' && d.range.start.line === positionOf(holesText, '/*assignment*/').line), JSON.stringify(diagnostics));
  });

  test('a shadow edit is seen inside the shadow and never afterwards, nor by a question asked meanwhile', async () => {
    const userAt = positionOf(holesText, 'user: User) {\n  const account');
    const shadowText = holesText.replace('loadUser(user: User)', 'loadUser(user: Account)');
    let releaseShadow!: () => void;
    const held = new Promise<void>(resolve => (releaseShadow = resolve));
    const inShadow = facts.withShadowText({ path: HOLES }, shadowText, async shadow => {
      const hover = await shadow.hover(userAt);
      await held;
      return hover?.text;
    });
    // Asked while the shadow text is applied: waits for the real text.
    const meanwhile = facts.hover({ path: HOLES }, userAt);
    await new Promise(resolve => setTimeout(resolve, 50));
    releaseShadow();
    assert.equal(await inShadow, '(parameter) user: Account');
    assert.equal((await meanwhile)?.text, '(parameter) user: User');
    assert.equal((await facts.hover({ path: HOLES }, userAt))?.text, '(parameter) user: User');
  });

  test('a shadow edit whose query fails still gives the real text back', async () => {
    const userAt = positionOf(holesText, 'user: User) {\n  const account');
    const shadowText = holesText.replace('loadUser(user: User)', 'loadUser(user: Account)');
    await assert.rejects(facts.withShadowText({ path: HOLES }, shadowText, async () => Promise.reject(new Error('query failed'))), /query failed/);
    assert.equal((await facts.hover({ path: HOLES }, userAt))?.text, '(parameter) user: User');
  });

  test('a server slower than the budget: the facts come back at the budget, marked partial, and the server recovers', async () => {
    const pid = facts.status()[0]!.pid!;
    process.kill(pid, 'SIGSTOP');
    let result: GatheredFacts;
    try {
      const cursor = positionOf(holesText, '/*argument*/');
      result = await gatherFacts(ownProvider(), { file: HOLES, text: holesText, position: cursor, root, budgetMs: 150, identifiers: [{ name: 'openAccount', line: cursor.line - 1 }] });
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    assert.equal(result.complete, false);
    assert.deepEqual(result.facts, []);
    assert.ok(result.elapsedMs < 5000, `returned after ${result.elapsedMs} ms`);
    assert.ok(result.missing.some(m => m.what === 'definition of `openAccount`' && m.why === 'no answer within the 150 ms budget'), JSON.stringify(result.missing));
    const after = await gather('/*argument*/');
    assert.equal(after.complete, true, JSON.stringify(after.missing));
    assert.equal(facts.status()[0]!.pid, pid, 'the same server answers: cancelled requests did not break it');
  });

  test('partial facts: what was found before the budget ended is kept, and the rest is named', async () => {
    // Reading the file that declares the expected type never finishes: the budget ends the gathering.
    const readText = async (file: string) => (file === 'src/types.ts' ? new Promise<string>(() => {}) : fixture.text(file));
    const result = await gatherFacts(ownProvider(), { file: HOLES, text: holesText, position: positionOf(holesText, '/*argument*/'), root, budgetMs: 3000, readText });
    assert.equal(result.complete, false);
    assert.deepEqual(summary(result.facts), [`expected-type RequestOptions src/types.ts:${fixture.line('src/types.ts', 'export interface RequestOptions')} depth 1`]);
    assert.deepEqual(result.missing, [{ what: 'types named by `RequestOptions`', why: 'no answer within the 3000 ms budget' }]);
    assert.ok(result.elapsedMs < 6000, `returned after ${result.elapsedMs} ms`);
  });
});

describe('the TypeScript server when things go wrong', () => {
  test('a server killed mid-request fails that request cleanly and is restarted for the next one', async () => {
    const facts = fixture.facts({ defaultBudgetMs: 20_000, restartBackoff: { initialMs: 50, maxMs: 1000, stableMs: 60_000 } });
    try {
      await facts.warmUp({ path: HOLES });
      const pid = facts.status()[0]!.pid!;
      process.kill(pid, 'SIGSTOP'); // holds the answer back, so the kill lands mid-request
      const inFlight = facts.hover({ path: HOLES }, positionOf(holesText, 'account.owner.'), { budgetMs: 10_000 });
      await new Promise(resolve => setTimeout(resolve, 100));
      process.kill(pid, 'SIGKILL');
      await assert.rejects(inFlight, (error: unknown) => {
        assert.ok(error instanceof FactsError);
        assert.equal(error.code, 'crashed');
        assert.match(error.message, /the TypeScript 7 server \(tsc --lsp\) was killed \(SIGKILL\) while answering textDocument\/hover; it restarts on the next request/);
        return true;
      });
      assert.equal(facts.status()[0]!.state, 'waiting to restart');
      await new Promise(resolve => setTimeout(resolve, 100));
      const hover = await facts.hover({ path: HOLES }, positionOf(holesText, 'account.owner.'));
      assert.equal(hover?.text, '(parameter) account: Account');
      const status = facts.status()[0]!;
      assert.notEqual(status.pid, pid);
      assert.equal(status.crashes, 1);
    } finally {
      await facts.dispose();
    }
  });

  test('no server process is left after dispose', async () => {
    const facts = fixture.facts();
    await facts.warmUp({ path: HOLES });
    const pid = facts.status()[0]!.pid!;
    assert.ok(isAlive(pid));
    await facts.dispose();
    assert.equal(isAlive(pid), false);
    assert.equal(facts.status()[0]!.state, 'disposed');
    await assert.rejects(facts.hover({ path: HOLES }, { line: 0, character: 0 }), /disposed/);
  });

  /** Runs the command-line fixture; resolves with the server's pid and the command line's end. */
  async function commandLine(mode: 'wait' | 'return'): Promise<{ child: ReturnType<typeof spawn>; serverPid: number; ended: Promise<NodeJS.Signals | number | null> }> {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', 'fixtures', 'facts-cli', 'start-and-wait.ts'), mode], { stdio: ['ignore', 'pipe', 'inherit'] });
    const ended = new Promise<NodeJS.Signals | number | null>(resolve => child.once('exit', (code, signal) => resolve(signal ?? code)));
    const serverPid = await new Promise<number>((resolve, reject) => {
      child.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      void ended.then(end => reject(new Error(`the command line ended before starting a server (${end})`)));
    });
    return { child, serverPid, ended };
  }

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    test(`a command line stopped with ${signal} leaves no server behind`, async () => {
      const { child, serverPid, ended } = await commandLine('wait');
      assert.ok(isAlive(serverPid), 'the server runs while the command line does');
      child.kill(signal);
      assert.equal(await ended, signal, 'the command line still ends by the signal');
      assert.ok(await waitUntil(() => !isAlive(serverPid), 2000), `server ${serverPid} outlived the command line`);
    });
  }

  test('a command line that returns without dispose() still ends, and its server with it', async () => {
    const { serverPid, ended } = await commandLine('return');
    assert.equal(await ended, 0, 'the idle server does not keep the command line alive');
    assert.ok(await waitUntil(() => !isAlive(serverPid), 2000), `server ${serverPid} outlived the command line`);
  });

  test('a missing server command: a clear message, and gathering returns no facts with the reason', async () => {
    const facts = fixture.facts({ servers: { typescript: { command: '/nonexistent/bin/typescript-lsp', args: ['--stdio'] } } });
    try {
      await assert.rejects(facts.hover({ path: HOLES }, { line: 0, character: 0 }), (error: unknown) => {
        assert.ok(error instanceof FactsError);
        assert.equal(error.code, 'no-server');
        assert.match(error.message, /Could not start the typescript server \(\/nonexistent\/bin\/typescript-lsp\) \(`\/nonexistent\/bin\/typescript-lsp`\): spawn \/nonexistent\/bin\/typescript-lsp ENOENT\. Install it, or fix its command/);
        return true;
      });
      const result = await gatherFacts(facts, { file: HOLES, text: holesText, position: positionOf(holesText, '/*argument*/'), root, identifiers: [{ name: 'account', line: 7 }] });
      assert.deepEqual(result.facts, []);
      assert.equal(result.complete, false);
      assert.equal(result.missing.length, 1, JSON.stringify(result.missing));
      assert.equal(result.missing[0]!.what, 'language facts');
      assert.match(result.missing[0]!.why, /ENOENT/);
    } finally {
      await facts.dispose();
    }
  });

  test('an empty server command is refused with what to do', async () => {
    const facts = fixture.facts({ servers: { typescript: { command: ' ' } } });
    await assert.rejects(facts.hover({ path: HOLES }, { line: 0, character: 0 }), /The language server command for typescript is empty\. Set it to the server's executable, or remove the setting/);
    await facts.dispose();
  });

  test('no facts provider, or no server for a language: empty facts and the reason', async () => {
    const none = await gatherFacts(undefined, { file: HOLES, text: holesText, position: { line: 0, character: 0 } });
    assert.deepEqual(none.facts, []);
    assert.match(none.missing[0]!.why, /No language server is in use/);
    const facts = fixture.facts();
    try {
      const result = await gatherFacts(facts, { file: 'main.go', text: 'package main\n\nfunc main() {\n\tx.\n}\n', position: { line: 3, character: 3 }, root });
      assert.deepEqual(result.facts, []);
      assert.deepEqual(result.missing, [{ what: 'language facts', why: 'No language server is configured for go. Add a server command line for go to the language server settings.' }]);
    } finally {
      await facts.dispose();
    }
  });

  test('an untrusted workspace never runs a server from inside it; a trusted one does', async () => {
    const inWorkspace = { command: process.execPath, args: ['tools/server.js'] };
    const untrusted = fixture.facts({ servers: { typescript: inWorkspace } });
    await assert.rejects(untrusted.hover({ path: HOLES }, { line: 0, character: 0 }), (error: unknown) => {
      assert.ok(error instanceof FactsError);
      assert.equal(error.code, 'untrusted');
      assert.match(error.message, /tools\/server\.js is inside the workspace, which is not trusted\. Trust the workspace, or install the server outside it\./);
      return true;
    });
    await untrusted.dispose();
    const trusted = fixture.facts({ trustWorkspace: true, servers: { typescript: inWorkspace } });
    // The workspace's server runs, and dies at once: reported as such.
    await assert.rejects(trusted.hover({ path: HOLES }, { line: 0, character: 0 }), /did not initialize: .*exited with code 3/);
    await trusted.dispose();
  });
});
