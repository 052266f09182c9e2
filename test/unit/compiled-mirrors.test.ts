// A compiled copy of a source (`x.js` beside `x.ts`, a `lib/x.cjs` mirroring it) spends the budget twice on
// the same code: the engine keeps it out of the candidates while the source is indexed, and says so.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ContextEngine } from '../../src/core/engine';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'compiled-mirrors-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

const FILES: Record<string, string> = {
  'src/money.ts': 'export function applyDiscount(cents: number, percentOff: number): number {\n  return Math.round(cents * (1 - percentOff / 100));\n}\n',
  'src/money.js': 'export function applyDiscount(cents, percentOff) {\n  return Math.round(cents * (1 - percentOff / 100));\n}\n',
  'lib/money.cjs': 'function applyDiscount(cents, percentOff) {\n  return Math.round(cents * (1 - percentOff / 100));\n}\nmodule.exports = { applyDiscount };\n',
  'src/checkout.ts': "import { applyDiscount } from './money';\n\nexport function total(cents: number): number {\n  return applyDiscount(cents, 10);\n}\n",
};

test('compiled copies are no candidates, the manifest counts them, and the source still comes in', async () => {
  for (const [file, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  const engine = await ContextEngine.open({ root, cacheDir: false });
  try {
    const { manifest } = await engine.buildContext({ file: 'src/checkout.ts', position: { line: 3, character: 9 }, budgetTokens: 2048 });
    const paths = manifest.items.map(i => i.path);
    assert.ok(paths.includes('src/money.ts'), paths.join(', '));
    assert.ok(!paths.includes('src/money.js') && !paths.includes('lib/money.cjs'), paths.join(', '));
    assert.equal(manifest.mirrorsLeftOut, 2);
  } finally {
    await engine.dispose();
  }
});
