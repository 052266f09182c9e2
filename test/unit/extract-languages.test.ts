import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { SymbolExtractor } from '../../src/core/index/extract';
import type { LanguageId } from '../../src/core/types';
import { definitionRow, extractFixture, importRows, referenceRow } from '../fixtures/extract-support/helpers';

// The languages that run through the same query machinery as the first-class ones, each with a small
// fixture: exact definitions (kind, name, container, exported, range, signature), imports and exports.
// Expected rows were checked by hand against the fixture sources.
type Row = ReturnType<typeof definitionRow>;
interface Expectation {
  readonly file: string;
  readonly definitions: readonly Row[];
  readonly imports: readonly ReturnType<typeof importRows>[number][];
  readonly exports: readonly string[];
}

const EXPECTED: Partial<Record<LanguageId, Expectation>> = {
  go: {
    file: 'extract-go/store.go',
    definitions: [
      ['class', 'Store', '', true, '7:0-10:1', 'type Store struct'],
      ['property', 'Name', 'Store', true, '8:1-8:13', 'Name  string'],
      ['property', 'cache', 'Store', false, '9:1-9:21', 'cache map[string]int'],
      ['interface', 'Reader', '', true, '12:0-14:1', 'type Reader'],
      ['method', 'Read', 'Reader', true, '13:1-13:30', 'Read(key string) (int, error)'],
      ['variable', 'Limit', '', true, '16:0-16:16', 'const Limit = 10'],
      ['function', 'New', '', true, '18:0-20:1', 'func New(name string) *Store'],
      ['method', 'Get', 'Store', true, '22:0-25:1', 'func (s *Store) Get(key string) int'],
    ],
    imports: [
      { source: 'fmt', names: [{ name: '*', alias: 'fmt' }], reexport: false, line: 3 },
      { source: 'example.com/app/database', names: [{ name: '*', alias: 'db' }], reexport: false, line: 4 },
    ],
    exports: ['Store', 'Reader', 'Limit', 'New'],
  },
  java: {
    file: 'extract-java/Cart.java',
    definitions: [
      ['class', 'Cart', '', true, '5:0-20:1', 'public class Cart'],
      ['property', 'items', 'Cart', false, '6:4-6:35', 'private final List<Item> items;'],
      ['property', 'MAX', 'Cart', true, '7:4-7:37', 'public static final int MAX = 10;'],
      ['method', 'Cart', 'Cart', true, '9:4-11:5', 'public Cart(List<Item> items)'],
      ['method', 'total', 'Cart', true, '13:4-15:5', 'public int total()'],
      ['method', 'clear', 'Cart', false, '17:4-19:5', 'void clear()'],
      ['interface', 'Discount', '', false, '22:0-24:1', 'interface Discount'],
      ['method', 'apply', 'Discount', false, '23:4-23:25', 'int apply(int price);'],
    ],
    imports: [
      { source: 'java.util.List', names: [{ name: 'List' }], reexport: false, line: 2 },
      { source: 'shop.model', names: [{ name: '*' }], reexport: false, line: 3 },
    ],
    exports: ['Cart'],
  },
  rust: {
    file: 'extract-rust/lib.rs',
    definitions: [
      ['class', 'Cache', '', true, '4:0-7:1', 'pub struct Cache'],
      ['property', 'size', 'Cache', true, '5:4-5:19', 'pub size: usize'],
      ['property', 'entries', 'Cache', false, '6:4-6:33', 'entries: HashMap<String, u32>'],
      ['method', 'new', 'Cache', true, '10:4-12:5', 'pub fn new(size: usize) -> Self'],
      ['method', 'evict', 'Cache', false, '14:4-16:5', 'fn evict(&mut self)'],
      ['interface', 'Store', '', true, '19:0-21:1', 'pub trait Store'],
      ['method', 'load', 'Store', false, '20:4-20:26', 'fn load(&self) -> u32;'],
      ['function', 'helper', '', false, '23:0-25:1', 'fn helper() -> u32'],
    ],
    imports: [
      { source: 'std::collections', names: [{ name: 'HashMap' }, { name: 'HashSet', alias: 'Set' }], reexport: false, line: 0 },
      { source: 'crate::config', names: [{ name: '*' }], reexport: false, line: 1 },
      { source: 'self::error', names: [{ name: 'Error' }], reexport: true, line: 2 },
    ],
    exports: ['Cache', 'Store'],
  },
  csharp: {
    file: 'extract-csharp/Billing.cs',
    definitions: [
      ['module', 'Shop.Billing', '', false, '3:0-25:1', 'namespace Shop.Billing'],
      ['class', 'Invoice', 'Shop.Billing', true, '5:4-19:5', 'public class Invoice : IPayable'],
      ['property', 'Total', 'Invoice', true, '7:8-7:42', 'public decimal Total { get; set; }'],
      ['property', 'lines', 'Invoice', false, '8:8-8:41', 'private List<Line> lines = new();'],
      ['method', 'Invoice', 'Invoice', true, '10:8-13:9', 'public Invoice(decimal total)'],
      ['method', 'Pay', 'Invoice', true, '15:8-18:9', 'public void Pay()'],
      ['interface', 'IPayable', 'Shop.Billing', false, '21:4-24:5', 'interface IPayable'],
      ['method', 'Pay', 'IPayable', false, '23:8-23:19', 'void Pay();'],
    ],
    imports: [
      { source: 'System.Collections.Generic', names: [{ name: '*' }], reexport: false, line: 0 },
      { source: 'Newtonsoft.Json', names: [{ name: '*', alias: 'Json' }], reexport: false, line: 1 },
    ],
    exports: ['Invoice'],
  },
  cpp: {
    file: 'extract-cpp/shape.cpp',
    definitions: [
      ['module', 'geo', '', true, '3:0-15:1', 'namespace geo'],
      ['class', 'Shape', 'geo', true, '5:0-9:1', 'class Shape'],
      ['method', 'area', 'Shape', false, '7:4-7:24', 'double area() const;'],
      ['property', 'sides', 'Shape', false, '8:4-8:14', 'int sides;'],
      ['method', 'area', 'Shape', false, '11:0-13:1', 'double Shape::area() const'],
      ['variable', 'count', '', true, '17:0-17:14', 'int count = 0;'],
      ['function', 'helper', '', true, '19:0-21:1', 'static int helper(int x)'],
    ],
    imports: [
      { source: 'shape.h', names: [], reexport: false, line: 0 },
      { source: '<vector>', names: [], reexport: false, line: 1 },
    ],
    exports: ['geo', 'Shape', 'count', 'helper'],
  },
  ruby: {
    file: 'extract-ruby/account.rb',
    definitions: [
      ['module', 'Billing', '', true, '3:0-15:3', 'module Billing'],
      ['class', 'Account', 'Billing', true, '4:2-14:5', 'class Account < Base'],
      ['variable', 'LIMIT', 'Account', false, '5:4-5:13', 'LIMIT = 5'],
      ['method', 'initialize', 'Account', false, '7:4-9:7', 'def initialize(owner)'],
      ['method', 'load', 'Account', false, '11:4-13:7', 'def self.load(id)'],
      ['function', 'helper', '', true, '17:0-19:3', 'def helper'],
    ],
    imports: [
      { source: 'json', names: [], reexport: false, line: 0 },
      { source: './models/user', names: [], reexport: false, line: 1 },
    ],
    exports: ['Billing', 'Account', 'helper'],
  },
  php: {
    file: 'extract-php/Order.php',
    definitions: [
      ['interface', 'Payable', '', true, '5:0-8:1', 'interface Payable'],
      ['method', 'pay', 'Payable', false, '7:4-7:32', 'public function pay(): void;'],
      ['class', 'Order', '', true, '10:0-18:1', 'class Order implements Payable'],
      ['property', 'total', 'Order', false, '12:4-12:23', 'private $total = 0;'],
      ['method', 'pay', 'Order', false, '14:4-17:5', 'public function pay(): void'],
      ['function', 'make_order', '', true, '20:0-23:1', 'function make_order(User $user)'],
    ],
    imports: [
      { source: 'App\\Models\\User', names: [{ name: 'User' }], reexport: false, line: 1 },
      { source: 'App\\Support\\Money', names: [{ name: 'Money', alias: 'Cash' }], reexport: false, line: 2 },
      { source: 'helpers.php', names: [], reexport: false, line: 3 },
    ],
    exports: ['Payable', 'Order', 'make_order'],
  },
  bash: {
    file: 'extract-bash/deploy.sh',
    definitions: [
      ['variable', 'TARGET', '', true, '4:0-4:11', 'TARGET=prod'],
      ['variable', 'REGION', '', true, '5:0-5:16', 'export REGION=eu'],
      ['function', 'deploy', '', true, '7:0-10:1', 'deploy()'],
      ['function', 'rollback', '', true, '12:0-14:1', 'function rollback'],
    ],
    imports: [
      { source: './lib/common.sh', names: [], reexport: false, line: 1 },
      { source: './env.sh', names: [], reexport: false, line: 2 },
    ],
    exports: ['TARGET', 'REGION', 'deploy', 'rollback'],
  },
};

/** A few references per language: calls by callee name, member accesses, types. */
const REFERENCES: Partial<Record<LanguageId, readonly string[]>> = {
  go: ['call Println@23:5', 'call Lookup@24:11', 'member cache@23:15', 'type Store@22:9', 'identifier db@24:8'],
  java: ['call sum@14:23', 'call clear@18:14', 'type Item@6:23', 'member items@10:13', 'identifier Pricing@14:15'],
  rust: ['call new@11:40', 'call clear@15:21', 'call compute@24:4', 'member entries@15:13', 'type HashMap@6:13'],
  csharp: ['call Charge@17:20', 'type IPayable@5:27', 'identifier Gateway@17:12'],
  cpp: ['call compute@12:11', 'identifier sides@12:19'],
  ruby: ['call find@12:6', 'call new@18:19', 'type Base@4:18', 'type Account@18:11'],
  php: ['call charge@16:8', 'call Order@22:15', 'member total@16:22', 'type User@20:20'],
  bash: ['call build_image@8:2', 'call push@9:2', 'identifier TARGET@8:16', 'identifier REGION@13:22'],
};

for (const [language, expected] of Object.entries(EXPECTED) as [LanguageId, Expectation][]) {
  describe(`${language} extraction`, async () => {
    const { text, symbols } = await extractFixture(language, expected.file);

    test('definitions', () => {
      assert.deepEqual(symbols.definitions.map(d => definitionRow(text, d)), expected.definitions);
    });

    test('imports and exports', () => {
      assert.deepEqual(importRows(symbols), expected.imports);
      assert.deepEqual(symbols.exports, expected.exports);
    });

    test('references', () => {
      const rows = new Set(symbols.references.map(referenceRow));
      for (const reference of REFERENCES[language] ?? []) assert.ok(rows.has(reference), `missing ${reference}`);
    });

    test('defining names are not references', () => {
      for (const d of symbols.definitions) {
        const onHeader = symbols.references.filter(r =>
          r.name === d.name && r.range.start.line === d.signatureRange.start.line && r.range.start.character >= d.range.start.character);
        assert.deepEqual(onHeader.map(referenceRow), [], `${d.kind} ${d.name}`);
      }
    });

    test('hasErrors is false for valid source', () => {
      assert.equal(symbols.hasErrors, false);
    });
  });
}

describe('import forms beyond the fixtures', async () => {
  const extractor = await SymbolExtractor.create();
  const cases: readonly [LanguageId, string, ReturnType<typeof importRows>][] = [
    ['php', '<?php\nuse App\\{Cart, Order as O};\n', [
      { source: 'App\\Cart', names: [{ name: 'Cart' }], reexport: false, line: 1 },
      { source: 'App\\Order', names: [{ name: 'Order', alias: 'O' }], reexport: false, line: 1 },
    ]],
    ['rust', 'use a::{b::{c, d}, e as f};\n', [
      { source: 'a::b', names: [{ name: 'c' }, { name: 'd' }], reexport: false, line: 0 },
      { source: 'a', names: [{ name: 'e', alias: 'f' }], reexport: false, line: 0 },
    ]],
    ['go', 'package main\nimport "net/http"\n', [
      { source: 'net/http', names: [{ name: '*', alias: 'http' }], reexport: false, line: 1 },
    ]],
    ['typescript', "import fs = require('fs');\n", [
      { source: 'fs', names: [{ name: '*', alias: 'fs' }], reexport: false, line: 0 },
    ]],
  ];
  for (const [language, source, expected] of cases) {
    test(`${language}: ${source.trim().split('\n').pop()}`, async () => {
      assert.ok(await extractor.ensureLanguage(language));
      assert.deepEqual(importRows(extractor.extract(language, source)), expected);
    });
  }
});
