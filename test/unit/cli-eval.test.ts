import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runEvalCommand } from '../../src/cli/eval-command';
import type { EvalRecord } from '../../src/cli/eval-results';
import type { EvalSummary } from '../../src/cli/eval-summary';
import { OpenAITestServer, type RecordedRequest, type ScriptedAnswer } from '../servers/openai-server';
import { SHOP } from './pack-fixture';
import { runCaptured, type CliRun } from './cli-run';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-eval-'));
const server = new OpenAITestServer();
let endpoint = '';
before(async () => {
  endpoint = (await server.start()).url;
});
after(async () => {
  await server.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function run(argv: string[]): Promise<CliRun> {
  return runCaptured(runEvalCommand, argv);
}

/**
 * The line the engine masked, found from the request alone: with the `suffix` field (the format of an
 * unknown model name), the prompt ends with the lines above the masked one and the suffix is "\n" plus
 * the lines below it (cut short at the budget).
 */
const FIXTURE_LINES = [...walk(SHOP)].map(file => fs.readFileSync(file, 'utf8').split('\n'));
function maskedLineOf(request: RecordedRequest): string {
  const { prompt, suffix } = request.body as { prompt: string; suffix: string };
  for (const lines of FIXTURE_LINES) {
    for (let i = 1; i < lines.length; i++) {
      const above = `${lines.slice(Math.max(0, i - 3), i).join('\n')}\n`;
      if (prompt.endsWith(above) && `\n${lines.slice(i + 1).join('\n')}`.startsWith(suffix)) return lines[i];
    }
  }
  return 'no fixture line matches this request';
}

function* walk(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(child);
    else yield child;
  }
}

const answering = (make: (target: string) => string) => (request: RecordedRequest): ScriptedAnswer => ({ text: make(maskedLineOf(request)) });

const base = () => ['--root', SHOP, '--no-cache', '--endpoint', endpoint, '--model', 'test-model', '--n', '4', '--strategy', 'ours,none', '--budget', '1024,4096'];

const records = (file: string) => fs.readFileSync(file, 'utf8').trim().split('\n').map(line => JSON.parse(line) as EvalRecord);

describe('codebase-context eval', () => {
  test('a model that always answers the masked line scores 1 on every metric, side by side per strategy and budget', async () => {
    server.respondWith(answering(target => `${target}\nconst unrelated = 1;\n`));
    const out = path.join(tmp, 'exact.jsonl');
    const r = await run([...base(), '--out', out, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout) as EvalSummary;
    assert.equal(summary.format, 'suffix-field');
    assert.deepEqual(summary.rows.map(row => `${row.strategy}@${row.budget}`), ['ours@1024', 'ours@4096', 'none@1024', 'none@4096']);
    for (const row of summary.rows) {
      assert.equal(row.positions, summary.positions);
      assert.deepEqual([row.exactMatch, row.editSimilarity, row.identifierExactMatch, row.identifierF1], [1, 1, 1, 1]);
      assert.ok(row.promptTokensMean > 0 && row.modelMs.p95 >= row.modelMs.p50);
    }
    const lines = records(out);
    assert.equal(lines.length, summary.positions * 4);
    // `none` sends no cross-file context, so its prompts are the shorter ones at the same budget.
    const tokens = (strategy: string) => lines.filter(l => l.strategy === strategy && l.budget === 4096).reduce((s, l) => s + l.promptTokens, 0);
    assert.ok(tokens('none') < tokens('ours'));
  });

  test('an answer one known edit away gives the InDel similarity 2L/(2L+2) and the identifier F1 of one extra name', async () => {
    server.respondWith(answering(target => `${target.trim()}zz`));
    const out = path.join(tmp, 'edit.jsonl');
    const r = await run([...base(), '--out', out, '--json', '--strategy', 'none', '--budget', '2048']);
    assert.equal(r.code, 0, r.stderr);
    const lines = records(out);
    assert.ok(lines.length > 0);
    for (const line of lines) {
      const length = line.target.trim().length;
      assert.equal(line.exactMatch, 0);
      assert.equal(line.editSimilarity, (2 * length) / (2 * length + 2));
      const ids = new Set(line.target.replace(/(["'`])(?:\\.|(?!\1).)*\1/g, ' ').match(/[A-Za-z_$][\w$]*/g));
      const endsInWord = /[\w$]$/.test(line.target.trim());
      // "zz" is a new identifier unless it lengthens the line's last one (then one name is replaced).
      if (!endsInWord) assert.equal(line.identifierExactMatch, 0);
      assert.ok(line.identifierF1 < 1 || ids.size === 0);
    }
    const summary = JSON.parse(r.stdout) as EvalSummary;
    const mean = lines.reduce((s, l) => s + l.editSimilarity, 0) / lines.length;
    assert.equal(summary.rows[0].editSimilarity, mean);
  });

  test('an interrupted run keeps every finished result, says how to go on, and the rerun asks only the rest', async () => {
    const out = path.join(tmp, 'resume.jsonl');
    let answered = 0;
    server.respondWith(request => (answered++ < 3 ? { text: maskedLineOf(request) } : { status: 500, message: 'out of memory' }));
    const first = await run([...base(), '--out', out]);
    assert.equal(first.code, 1);
    assert.match(first.stderr, /failed \(500: .*out of memory\)/);
    assert.match(first.stderr, new RegExp(`3 of (\\d+) results are in ${out.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}; run the same command again`));
    const total = Number(/3 of (\d+) results/.exec(first.stderr)![1]);
    assert.equal(records(out).length, 3);
    // A crash in the middle of a write leaves a torn last line: it is dropped and asked again.
    fs.appendFileSync(out, '{"file":"src/app.ts","li');

    server.respondWith(answering(target => target));
    const before = server.requests.length;
    const second = await run([...base(), '--out', out, '--json']);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(server.requests.length - before, total - 3);
    const lines = records(out);
    assert.equal(lines.length, total);
    assert.equal(new Set(lines.map(l => `${l.file}:${l.line}:${l.strategy}:${l.budget}`)).size, total);

    const third = await run([...base(), '--out', out, '--json']);
    assert.equal(third.code, 0);
    assert.equal(server.requests.length - before, total - 3, 'a finished run asks nothing again');
    assert.deepEqual(JSON.parse(third.stdout), JSON.parse(second.stdout));
  });

  test('a results file that is not one is refused before anything is asked', async () => {
    const before = server.requests.length;
    const dir = await run([...base(), '--out', tmp]);
    assert.equal(dir.code, 1);
    assert.match(dir.stderr, /--out .* cannot be read \(EISDIR\); point --out at a file/);
    const foreign = path.join(tmp, 'foreign.jsonl');
    fs.writeFileSync(foreign, 'name,price\n{"ok":1}\n');
    const csv = await run([...base(), '--out', foreign]);
    assert.equal(csv.code, 1);
    assert.match(csv.stderr, /foreign\.jsonl:1 is not a JSON line of eval results/);
    assert.equal(server.requests.length, before);
    assert.equal(fs.readFileSync(foreign, 'utf8'), 'name,price\n{"ok":1}\n', 'a file that is not ours is left as it was');
  });

  test('an endpoint nobody listens on fails with what to fix, and no results are invented', async () => {
    const r = await run(['--root', SHOP, '--no-cache', '--endpoint', 'http://127.0.0.1:9/v1', '--model', 'm', '--n', '2', '--json']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Cannot reach the model endpoint http:\/\/127\.0\.0\.1:9\/v1/);
    assert.match(r.stderr, /On the command line: --endpoint\./);
    assert.match(r.stderr, /0 of \d+ results are summarised above; pass --out FILE/);
    assert.deepEqual(JSON.parse(r.stdout).rows, []);
  });

  test('a refused key points at the environment variable; a malformed endpoint is a usage error', async () => {
    const guarded = new OpenAITestServer({ apiKey: 'right', answer: { text: 'x' } });
    const url = (await guarded.start()).url;
    try {
      const r = await run(['--root', SHOP, '--no-cache', '--endpoint', url, '--model', 'm', '--n', '1']);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /requires an API key \(401\).*CODEBASE_CONTEXT_API_KEY/s);
    } finally {
      await guarded.stop();
    }
    const usage = await run(['--root', SHOP, '--endpoint', 'localhost:8080', '--model', 'm']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--endpoint: The endpoint 'localhost:8080' is not a URL/);
  });
});
