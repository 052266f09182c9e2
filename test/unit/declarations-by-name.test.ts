// A file's declarations by name must answer as the Map of each name to its declarations in file order did.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DeclarationsByName } from '../../src/core/rank/declarations-by-name';
// Seeded (the sampler's mulberry32), so that a failure replays.
import { mulberry32 as random } from '../../src/core/eval/sample';
import type { Definition } from '../../src/core/types';

const NAMES = ['a', 'B', 'b', 'ab', 'Ab', '', 'constructor', 'toString', '__proto__', 'héllo', 'z9', '$x', '_', 'length', 'map'];

function definition(name: string, line: number): Definition {
  const range = { start: { line, character: 0 }, end: { line, character: 1 } };
  return { name, kind: 'function', range, signatureRange: range, exported: false };
}

test('no declarations: every name has none', () => {
  const byName = new DeclarationsByName([]);
  for (const name of NAMES) assert.equal(byName.get(name), undefined);
});

test('DeclarationsByName answers as the Map of each name to its declarations, in the order given', () => {
  const next = random(20261202);
  for (let round = 0; round < 200; round++) {
    const declarations = Array.from({ length: Math.floor(next() * 40) }, (_, line) => definition(NAMES[Math.floor(next() * NAMES.length)], line));
    const expected = new Map<string, Definition[]>();
    for (const d of declarations) expected.set(d.name, [...(expected.get(d.name) ?? []), d]);
    const byName = new DeclarationsByName(declarations);
    for (const name of [...NAMES, 'absent', 'a0', 'zz', '\u0000']) assert.deepEqual(byName.get(name), expected.get(name), `round ${round}, '${name}'`);
    // The very objects, not copies: callers compare declarations by identity.
    for (const [name, list] of expected) byName.get(name)!.forEach((d, i) => assert.equal(d, list[i]));
  }
});
