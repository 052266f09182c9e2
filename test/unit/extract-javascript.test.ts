import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { definitionRow, extractFixture, importRows, referenceRow } from '../fixtures/extract-support/helpers';

describe('JavaScript extraction (CommonJS, JSX)', async () => {
  const { text, symbols } = await extractFixture('javascript', 'extract-javascript/server.js');

  test('definitions, with CommonJS exports marking them exported', () => {
    assert.deepEqual(symbols.definitions.map(d => definitionRow(text, d)), [
      ['variable', 'http', '', false, '0:0-0:29', "const http = require('http');"],
      ['class', 'Server', '', true, '4:0-11:1', 'class Server extends EventEmitter'],
      ['property', 'port', 'Server', false, '5:2-5:13', 'port = 8080'],
      ['method', 'listen', 'Server', false, '7:2-10:3', 'listen(callback)'],
      ['function', 'handler', '', true, '13:0-15:1', 'function handler(req, res)'],
      ['function', 'render', '', true, '17:0-19:2', 'const render = function (view)'],
      ['function', 'lazy', '', true, '21:0-24:1', 'async function lazy()'],
    ]);
    assert.deepEqual([...symbols.exports].sort(), ['Server', 'handler', 'lazy', 'render']);
  });

  test('require, destructured require, bare require and dynamic import', () => {
    assert.deepEqual(importRows(symbols), [
      { source: 'http', names: [{ name: '*', alias: 'http' }], reexport: false, line: 0 },
      { source: './paths', names: [{ name: 'join' }, { name: 'resolve', alias: 'resolvePath' }], reexport: false, line: 1 },
      { source: './register', names: [], reexport: false, line: 2 },
      { source: './lazy.js', names: [], reexport: false, line: 22 },
    ]);
  });

  test('references: calls, members, JSX components as calls', () => {
    const rows = new Set(symbols.references.map(referenceRow));
    for (const expected of [
      'call createServer@8:23',
      'identifier http@8:18',
      'identifier handler@8:36',
      'member socket@8:9',
      'call listen@9:23',
      'call join@14:10',
      'call Layout@18:10',
      'call Body@18:42',
      'member title@18:29',
    ]) assert.ok(rows.has(expected), `missing ${expected}`);
    // An intrinsic element is not a component call.
    assert.ok(!rows.has('call div@18:50'));
  });
});

describe('TSX extraction', async () => {
  const { text, symbols } = await extractFixture('tsx', 'extract-tsx/Button.tsx');

  test('definitions and exports', () => {
    assert.deepEqual(symbols.definitions.map(d => definitionRow(text, d)), [
      ['interface', 'ButtonProps', '', true, '4:7-6:1', 'interface ButtonProps'],
      ['property', 'label', 'ButtonProps', false, '5:2-5:15', 'label: string'],
      ['function', 'Button', '', true, '8:7-11:2', 'const Button = ({ label }: ButtonProps) =>'],
      ['function', 'App', '', true, '13:15-15:1', 'function App(): JSX.Element'],
    ]);
    assert.deepEqual([...symbols.exports].sort(), ['Button', 'ButtonProps', 'default']);
  });

  test('imports and references, JSX included', () => {
    assert.deepEqual(importRows(symbols), [
      { source: 'react', names: [{ name: 'default', alias: 'React' }, { name: 'useState' }], reexport: false, line: 1 },
      { source: './theme', names: [{ name: 'Theme' }], reexport: false, line: 2 },
    ]);
    const rows = new Set(symbols.references.map(referenceRow));
    for (const expected of ['call useState@9:28', 'call Frame@10:10', 'call Star@10:43', 'call Button@14:10', 'type ButtonProps@8:34', 'type Element@13:35', 'identifier defaultTheme@10:23']) {
      assert.ok(rows.has(expected), `missing ${expected}`);
    }
  });
});
