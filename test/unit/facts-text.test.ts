// The text-reading parts of the facts stage, without a server: the hole's shape from the text before the
// cursor, the type names in a type text, and types read out of hover text.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { holeShapes } from '../../src/core/facts/holes';
import { bindingType, containerOf, returnType } from '../../src/core/facts/hover-types';
import { namedTypes } from '../../src/core/facts/type-names';

/** The shapes at the end of `before` (the cursor), as `kind anchorName@line:character`. */
function shapes(before: string): string[] {
  return holeShapes(before, before.length).map(s => `${s.kind}${s.anchorName ? ` ${s.anchorName}@${s.anchor!.line}:${s.anchor!.character}` : ''}`);
}

describe('hole shapes', () => {
  test('member access: the object before the dot, also mid-word and in a chain', () => {
    assert.deepEqual(shapes('  return account.owner.'), ['member owner@0:17']);
    assert.deepEqual(shapes('x = this.client.fe'), ['member client@0:9']);
  });

  test('argument: the callee of the innermost open call, past nested calls and generic arguments', () => {
    assert.deepEqual(shapes("fetchJson('/users', "), ['argument fetchJson@0:0']);
    assert.deepEqual(shapes('run(a(b), parse<User>(c, '), ['argument parse@0:10']);
    assert.deepEqual(shapes('if (ready && '), []);
  });

  test('the text after the cursor changes nothing: every cursor of a file reads as that file cut there', () => {
    const text = [
      "import { fetchJson } from './http';",
      'export function load(user: User, options = { retries: 3, timeout: 10 }) {',
      '  const url = buildUrl(user.id, options);',
      '  if (options.retries > 0) return fetchJson(url, { method: "GET", headers: headersFor(user) });',
      '  total = count + 1;',
      '  return this.cache.get(url);',
      '}',
    ].join('\n');
    let shaped = 0;
    for (let at = 0; at <= text.length; at++) {
      const cut = text.slice(0, at);
      assert.deepEqual(holeShapes(text, at), holeShapes(cut, at), `cursor at ${at}: ${JSON.stringify(cut.slice(-20))}`);
      if (holeShapes(text, at).length > 0) shaped++;
    }
    assert.ok(shaped >= 100, `only ${shaped} cursors in a hole: the check would say little`);
  });

  test('an argument hole inside a return is tried before the return', () => {
    assert.deepEqual(shapes('function f() {\n  return make(1, '), ['argument make@1:9', 'return']);
  });

  test('object literal property: the key before the colon, not a typed declaration', () => {
    assert.deepEqual(shapes('  return { attempts: 3, backoff: '), ['property backoff@0:24', 'return']);
    assert.deepEqual(shapes('const policy: RetryPolicy = '), ['assignment policy@0:6']);
  });

  test('assignment: plain, declared, attribute; not comparisons or arrows', () => {
    assert.deepEqual(shapes('    self.total = '), ['assignment total@0:9']);
    assert.deepEqual(shapes('let n: number = 4 + '), []);
    assert.deepEqual(shapes('if (a == '), []);
    assert.deepEqual(shapes('const f = (x) => '), []);
  });

  test('return: with the word being typed', () => {
    assert.deepEqual(shapes('def f():\n    return acc'), ['return']);
    assert.deepEqual(shapes('  const returned = '), ['assignment returned@0:8']);
  });
});

describe('type names', () => {
  test('names the declarations a type refers to, not keys, primitives or standard wrappers', () => {
    assert.deepEqual(namedTypes('Promise<JsonResponse>').map(n => n.name), ['JsonResponse']);
    assert.deepEqual(namedTypes('{ owner: User; tags: string[]; meta?: Record<string, Meta> }').map(n => n.name), ['User', 'Meta']);
    assert.deepEqual(namedTypes('Optional[Customer] | list[Address]').map(n => n.name), ['Customer', 'Address']);
    assert.deepEqual(namedTypes('list[Unknown] | Customer').map(n => n.name), ['Customer']);
    assert.deepEqual(namedTypes("'GET' | 'POST'").map(n => n.name), []);
  });

  test('in a declaration, only the names that look like types, with their offsets', () => {
    const declaration = 'export interface RetryPolicy {\n  attempts: number;\n  backoff: Backoff;\n  next(): retryState;\n}';
    const names = namedTypes(declaration, true);
    assert.deepEqual(names.map(n => n.name), ['RetryPolicy', 'Backoff']);
    assert.equal(declaration.slice(names[1]!.offset, names[1]!.offset + 7), 'Backoff');
  });

  test('a qualified name names its last part, and `$`-prefixed types look like types', () => {
    const declaration = 'export interface $ZodCustomInternals<O>\n  extends $ZodTypeInternals<O>,\n    checks.$ZodCheckInternals<O> {\n  def: $ZodCustomDef;\n}';
    const names = namedTypes(declaration, true);
    assert.deepEqual(names.map(n => n.name), ['$ZodCustomInternals', '$ZodTypeInternals', '$ZodCheckInternals', '$ZodCustomDef']);
    assert.equal(declaration.slice(names[2]!.offset, names[2]!.offset + 18), '$ZodCheckInternals');
    assert.deepEqual(namedTypes('errors.$ZodIssue | undefined').map(n => n.name), ['$ZodIssue']);
  });
});

describe('types in hover text', () => {
  test("a binding's type", () => {
    assert.equal(bindingType('(property) Account.owner: User', 'owner'), 'User');
    assert.equal(bindingType('const policy: RetryPolicy', 'policy'), 'RetryPolicy');
    assert.equal(bindingType('(variable) customer: Customer', 'customer'), 'Customer');
    assert.equal(bindingType('(parameter) init?: RequestOptions | undefined', 'init'), 'RequestOptions | undefined');
    assert.equal(bindingType('(alias) let globalState: MobXGlobals\nimport globalState', 'globalState'), 'MobXGlobals');
    assert.equal(bindingType('class User', 'User'), undefined);
    assert.equal(bindingType('function openAccount(owner: User): Account', 'openAccount'), undefined);
  });

  test("a property's container", () => {
    assert.equal(containerOf('(property) RetryPolicy.backoff: Backoff', 'backoff'), 'RetryPolicy');
    assert.equal(containerOf('(variable) backoff: Backoff', 'backoff'), undefined);
  });

  test("a function's return type, past parameters that hold parentheses", () => {
    assert.equal(returnType('function accountOf(user: User): Account'), 'Account');
    assert.equal(returnType('(method) Api.get<T>(path: string, parse: (raw: unknown) => T): Promise<T>'), 'Promise<T>');
    assert.equal(returnType('(function) def city_of(order: Order) -> str'), 'str');
    assert.equal(returnType('function noAnnotation(a: A)'), undefined);
  });
});
