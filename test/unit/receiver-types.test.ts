// The variable types read from the text (rank/receiver-types.ts): what they find, and that searching for the
// name first finds exactly what running the patterns over the whole text found.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { inferVariableType } from '../../src/core/rank/receiver-types';
// Seeded (the sampler's mulberry32), so that a failure replays.
import { mulberry32 as random } from '../../src/core/eval/sample';

/** The patterns run from every position of the text: the definition the name-first search must agree with. */
function byScanningEverywhere(text: string, variable: string, beforeOffset: number): string | undefined {
  const TYPE_NAME = '([A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*)';
  const name = variable.replace(/[$]/g, '\\$');
  const annotation = new RegExp(`(?<![\\w$.])${name}\\s*[?!]?\\s*:\\s*(?:readonly\\s+)?${TYPE_NAME}`, 'g');
  const construction = new RegExp(`(?<![\\w$.])${name}\\s*(?::[^=\\n]*)?=\\s*(?:await\\s+)?(?:new\\s+${TYPE_NAME}|([A-Z][\\w$]*)\\s*\\()`, 'g');
  let best: { offset: number; type: string } | undefined;
  const consider = (offset: number, type: string | undefined): void => {
    if (!type) return;
    const better = !best || (offset <= beforeOffset ? best.offset > beforeOffset || offset > best.offset : best.offset > beforeOffset && offset < best.offset);
    if (better) best = { offset, type };
  };
  for (const match of text.matchAll(annotation)) consider(match.index, match[1]);
  for (const match of text.matchAll(construction)) consider(match.index, match[1] ?? match[2]);
  return best?.type.split('.').pop();
}

describe('inferVariableType', () => {
  test('reads annotations, constructions and capitalised calls; the nearest above the offset wins, else the first below', () => {
    const text = [
      'let svc: Service;', // 0
      'svc = new ns.Other();', // 18
      'const $store = Store(config);', // 40
      'this.svc: Member;', // a member, not the variable
      'svcs: Plural;', // a longer name
      'svc?: readonly Later;',
    ].join('\n');
    assert.equal(inferVariableType(text, 'svc', 0), 'Service');
    assert.equal(inferVariableType(text, 'svc', 30), 'Other');
    assert.equal(inferVariableType(text, 'svc', text.length), 'Later');
    assert.equal(inferVariableType(text, '$store', 0), 'Store');
    assert.equal(inferVariableType(text, 'config', text.length), undefined);
    assert.equal(inferVariableType(text, '', 0), undefined);
  });

  test('agrees with the patterns run over the whole text, on random texts', () => {
    const next = random(20261204);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const pieces = ['a', 'ab', '$a', 'a$', 'x.a', 'b', ': ', ':', '?', '!', ' = ', '=', 'new ', 'await ', 'readonly ', 'Type', 'ns.T',
      'Call(', '(', ' ', '\n', ';', 'a: a: T', 'a = a = New(', 'a: X = new Y('];
    for (let round = 0; round < 3000; round++) {
      const text = Array.from({ length: 5 + Math.floor(next() * 30) }, () => pick(pieces)).join('');
      const variable = pick(['a', 'ab', '$a', 'a$', 'b']);
      const offset = Math.floor(next() * (text.length + 1));
      assert.equal(inferVariableType(text, variable, offset), byScanningEverywhere(text, variable, offset), `${JSON.stringify(text)} ${variable} @${offset}`);
    }
  });
});
