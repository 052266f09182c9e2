// No secret of the generated corpus (every quoting style of the 12 languages) reaches any prompt of any
// strategy, while the rest of each file does: the real engine over real files, the real worker and grammars.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ContextEngine, STRATEGY_NAMES } from '../../src/core/engine';
import { secretCorpus, type CorpusFile } from './secret-corpus';

const corpus = secretCorpus(7);
const BUDGET = 200_000;

/** Every random part of every planted secret that appears in `text`. */
function leaks(text: string, files: readonly CorpusFile[]): string[] {
  return files.flatMap(file => file.secrets.flatMap(secret => secret.cores.filter(core => text.includes(core)).map(core => `${file.path} ${secret.kind} (${secret.style}): ${core.slice(0, 6)}…`)));
}

describe('secrets never reach a prompt', () => {
  let root: string;
  let engine: ContextEngine;

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-secrets-'));
    for (const file of corpus) {
      fs.mkdirSync(path.dirname(path.join(root, file.path)), { recursive: true });
      fs.writeFileSync(path.join(root, file.path), file.text);
    }
    fs.writeFileSync(path.join(root, 'src/main.ts'), "import { keep_ts_first } from './settings_ts';\n\nexport const doubled = keep_ts_first(2);\n");
    engine = await ContextEngine.open({ root, cacheDir: false });
  });
  after(async () => {
    await engine?.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('every file with secrets is indexed (none dropped) and its redactions are recorded by kind and line', () => {
    for (const file of corpus) {
      const indexed = engine.indexView.file(file.path);
      assert.ok(indexed, `${file.path} is indexed`);
      assert.ok((indexed.redactions?.length ?? 0) >= file.secrets.length / 2, `${file.path}: ${indexed.redactions?.length} redactions`);
      for (const finding of indexed.redactions ?? []) {
        assert.match(file.text.split('\n')[finding.line - 1] ?? '', /\S/, `${file.path}:${finding.line} is a real line`);
        assert.ok(!('value' in finding));
      }
    }
    assert.equal(engine.summary.filesIndexed, corpus.length + 1, 'every corpus file and main.ts');
  });

  for (const strategy of STRATEGY_NAMES) {
    test(`strategy ${strategy}: pinned secret files give their code and none of their secrets`, async () => {
      const pinned = corpus.map(file => file.path);
      const result = await engine.buildContext({ file: 'src/main.ts', position: { line: 2, character: 0 }, budgetTokens: BUDGET, strategy, signals: { pinned } });
      const prompt = result.context + result.prefix + result.suffix;
      assert.deepEqual(leaks(prompt, corpus), []);
      for (const file of corpus) for (const code of file.keep) assert.ok(result.context.includes(code), `${strategy}: ${file.path} lost ${code}`);
      const shown = new Set(result.manifest.redactions?.map(r => r.path));
      for (const file of corpus) assert.ok(shown.has(file.path), `${strategy}: the manifest names the redactions in ${file.path}`);
      assert.ok(!JSON.stringify(result.manifest).includes(corpus[0].secrets[1].cores[0]));
    });
  }

  test('the current buffer is redacted too: an unsaved buffer full of secrets gives its code, not its secrets', async () => {
    for (const file of corpus) {
      const lines = file.text.split('\n');
      const line = lines.length - 2;
      for (const strategy of STRATEGY_NAMES) {
        const result = await engine.buildContext({ file: file.path, text: file.text, position: { line, character: 0 }, budgetTokens: BUDGET, strategy });
        assert.deepEqual(leaks(result.context + result.prefix + result.suffix, [file]), [], `${strategy} ${file.path}`);
        assert.ok(result.prefix.includes(file.keep[0]), `${strategy} ${file.path} keeps its code`);
        assert.ok(result.manifest.redactions?.some(r => r.path === file.path));
      }
    }
  });

  test('an unsaved buffer given to the index is redacted in what the index hands out', async () => {
    const file = corpus.find(f => f.language === 'python')!;
    await engine.updateFile('src/unsaved.py', file.text);
    const text = engine.indexView.text('src/unsaved.py')!;
    assert.deepEqual(leaks(text, [file]), []);
    assert.ok(text.includes(file.keep[0]));
    assert.ok((engine.indexView.file('src/unsaved.py')?.redactions?.length ?? 0) > 0);
  });
});
