import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { runContextCommand } from '../../src/cli/context-command';
import { SHOP } from './pack-fixture';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-context-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', chunk => out.push(String(chunk)));
  stderr.on('data', chunk => err.push(String(chunk)));
  const code = await runContextCommand(argv, { stdout, stderr });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const base = ['--root', SHOP, '--no-cache'];

describe('codebase-context context', () => {
  test('--json prints items, budget, usedTokens and timings', async () => {
    const r = await run([...base, '--file', 'src/app.ts', '--line', '11', '--col', '15', '--budget', '1024', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.budget, 1024);
    assert.ok(out.usedTokens > 0 && out.usedTokens <= 1024);
    for (const key of ['cursor', 'rank', 'pack', 'total']) assert.equal(typeof out.timingsMs[key], 'number');
    const item = out.items.find((i: { path: string; included: boolean }) => i.path === 'src/geometry/shapes.ts' && i.included);
    assert.ok(item && item.startLine >= 1 && item.endLine >= item.startLine && typeof item.tokens === 'number' && Array.isArray(item.reasons) && item.source);
  });

  test('--prompt prints the context, the current file header and its prefix; --text-file is the buffer', async () => {
    const buffer = path.join(tmp, 'buffer.ts');
    fs.writeFileSync(buffer, 'import { distance } from "./geometry/point";\nconst d = distance(\n');
    const r = await run([...base, '--file', 'src/app.ts', '--line', '2', '--col', '20', '--budget', '2048', '--text-file', buffer, '--prompt']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.includes('// path: src/geometry/point.ts\n'));
    assert.ok(r.stdout.endsWith('// path: src/app.ts\nimport { distance } from "./geometry/point";\nconst d = distance('));
  });

  test('without --json or --prompt prints a table', async () => {
    const r = await run([...base, '--file', 'pkg/service.py', '--line', '5', '--col', '5', '--budget', '512']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^pkg\/service\.py:5:5 {2}strategy ours {2}budget 512/);
    assert.match(r.stdout, /\+ \w+ +pkg\/models\.py:/);
  });

  test('batch: one line per position and budget, with masks and prompts', async () => {
    const positions = path.join(tmp, 'positions.jsonl');
    fs.writeFileSync(
      positions,
      [
        { id: 'a', file: 'src/app.ts', line: 12 , mask: 'line' },
        { id: 'b', file: 'src/app.ts', line: 12, mask: 'rest' },
        { id: 'c', file: 'pkg/service.py', line: 5, col: 5, budget: 700 },
      ].map(p => JSON.stringify(p)).join('\n') + '\n',
    );
    const r = await run([...base, '--positions', positions, '--budget', '1024,4096', '--strategy', 'bm25', '--prompt']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n').map(line => JSON.parse(line));
    assert.deepEqual(lines.map(l => `${l.id}@${l.budget}`), ['a@1024', 'a@4096', 'b@1024', 'b@4096', 'c@700']);
    for (const l of lines) assert.ok(l.usedTokens <= l.budget && Array.isArray(l.items) && typeof l.timingsMs.total === 'number' && typeof l.prompt === 'string');
    const masked = 'const area = box.area();';
    assert.ok(!lines[0].prompt.includes(masked) && lines[0].prompt.endsWith('const box = new Rect(origin, 4, 3);\n'), 'mask line: prefix is everything above');
    assert.ok(!lines[2].prompt.includes(masked));
  });

  test('usage mistakes exit 2 with the usage; a missing root exits 1 with a clear message', async () => {
    for (const argv of [[...base, '--file', 'src/app.ts', '--line', '1'], [...base, '--budget', 'lots', '--file', 'a.ts', '--line', '1'], [...base, '--budget', '10', '--bogus'], [...base, '--budget', '10', '--file', 'src/app.ts', '--line', '1', '--strategy', 'magic']]) {
      const r = await run(argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.stderr, /usage: codebase-context context/);
    }
    const missing = await run(['--root', path.join(tmp, 'nope'), '--file', 'a.ts', '--line', '1', '--budget', '100']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /does not exist/);
  });

  test('runs end to end through the command line', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'context', ...base, '--file', 'src/app.ts', '--line', '11', '--budget', '800', '--json'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(JSON.parse(r.stdout).usedTokens <= 800);
  });
});
