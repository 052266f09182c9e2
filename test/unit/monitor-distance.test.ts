// Which allowed member the model meant: identifier-aware distance, and the scripted model's constrained
// decoding that stands in for llama.cpp and vLLM in the tests and the benchmark.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { closestMember, identifierDistance, identifierWords } from '../../src/core/monitor/identifier-distance';
import { memberGrammar } from '../../src/core/monitor';
import { allowedByConstraint, continuation, decodeUnder } from '../servers/scripted-model';

const MEMBERS = ['getUserName', 'getEmail', 'setEmail', 'items', 'entry', 'length', 'removeItem', 'user_id', 'isValid'];

describe('identifier distance', () => {
  test('words of camelCase, PascalCase, snake_case and acronyms', () => {
    assert.deepEqual(identifierWords('getHTTPUserName_v2'), ['get', 'http', 'user', 'name', 'v2']);
  });

  test('a near miss is closer than a different name, and never as close as the same name', () => {
    assert.equal(identifierDistance('getUserName', 'getUserName'), 0);
    assert.ok(identifierDistance('getUsername', 'getUserName') > 0);
    assert.ok(identifierDistance('getUsername', 'getUserName') < identifierDistance('getUsername', 'getEmail'));
  });

  for (const [attempt, meant] of [
    ['getUsername', 'getUserName'], // case
    ['get_user_name', 'getUserName'], // separators
    ['item', 'items'], // plural
    ['entries', 'entry'],
    ['fetchEmail', 'getEmail'], // near-synonym
    ['deleteItem', 'removeItem'],
    ['size', 'length'],
    ['userId', 'user_id'],
    ['valid', 'isValid'], // affix
    ['emailValue', 'getEmail'],
  ] as const) {
    test(`${attempt} → ${meant}`, () => assert.equal(closestMember(attempt, MEMBERS, false), meant));
  }

  test('an unfinished name is compared by the members’ starts', () => {
    assert.equal(closestMember('getUsern', MEMBERS, true), 'getUserName');
  });

  test("the model's top logprobs break a tie", () => {
    const members = ['getFirstName', 'getLastName'];
    assert.equal(closestMember('getName', members, false, { getLast: -1 }), 'getLastName');
    assert.equal(closestMember('getName', members, false, { getFirst: -1 }), 'getFirstName');
  });
});

describe('the scripted model under a constraint', () => {
  test('reads the allowed names of a GBNF grammar and of vLLM choices', () => {
    assert.deepEqual(allowedByConstraint({ grammar: memberGrammar(['a', 'b"c']) }), ['a', 'b"c']);
    assert.deepEqual(allowedByConstraint({ structured_outputs: { choice: ['x'] } }), ['x']);
    assert.deepEqual(allowedByConstraint({ guided_choice: ['y'] }), ['y']);
    assert.equal(allowedByConstraint({ prompt: 'p' }), undefined);
  });

  test('follows the meant name while allowed names start that way, then ends with the shortest', () => {
    assert.equal(decodeUnder('getUsername()', MEMBERS), 'getUserName');
    assert.equal(decodeUnder('itemss', MEMBERS), 'items');
    assert.equal(decodeUnder('fetchEmail', ['getEmail', 'fetchAll', 'fetchAllPages']), 'fetchAll');
  });

  test('continues after a name put right with what it meant after its own name', () => {
    assert.equal(continuation('user.getUsername().trim()', 'user.'), 'getUsername().trim()');
    assert.equal(continuation('user.getUsername().trim()', 'user.getUserName'), '().trim()');
  });
});
