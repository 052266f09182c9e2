import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runContextCommand } from '../../src/cli/context-command';
import { SHOP } from './pack-fixture';
import { runCaptured, type CliRun } from './cli-run';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-context-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function run(argv: string[]): Promise<CliRun> {
  return runCaptured(runContextCommand, argv);
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

  test('a line past the end of the file or a column past the end of the line is refused with the real sizes', async () => {
    const line = await run([...base, '--file', 'src/app.ts', '--line', '22', '--budget', '1024', '--json']);
    assert.equal(line.code, 2);
    assert.match(line.stderr, /line 22 is past the end of src\/app\.ts, which has 21 lines \(the last is the empty line after the final newline\)/);
    assert.equal(line.stdout, '');
    const col = await run([...base, '--file', 'src/app.ts', '--line', '12', '--col', '28', '--budget', '1024', '--json']);
    assert.equal(col.code, 2);
    assert.match(col.stderr, /column 28 is past the end of line 12 of src\/app\.ts, which has 26 characters \(columns 1 to 27\)/);
    const lineEnd = await run([...base, '--file', 'src/app.ts', '--line', '12', '--col', '27', '--budget', '1024', '--json']);
    assert.equal(lineEnd.code, 0, lineEnd.stderr);
  });

  test('--after puts the cursor just after a text found once in the file, and says what to fix otherwise', async () => {
    const found = await run([...base, '--file', 'src/app.ts', '--after', 'const box = new ', '--budget', '512']);
    assert.equal(found.code, 0, found.stderr);
    assert.match(found.stdout, /^src\/app\.ts:11:19 {2}strategy ours/);
    const missing = await run([...base, '--file', 'src/app.ts', '--after', 'new Square(', '--budget', '512']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--after: "new Square\(" does not occur in src\/app\.ts; give text copied from the line/);
    const twice = await run([...base, '--file', 'src/app.ts', '--after', 'const ', '--budget', '512']);
    assert.equal(twice.code, 2);
    assert.match(twice.stderr, /"const " occurs more than once in src\/app\.ts; give a longer text that occurs once/);
    const both = await run([...base, '--file', 'src/app.ts', '--after', 'box', '--line', '3', '--budget', '512']);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--after places the cursor itself: give it without --line and --col/);
  });

  test('a budget below the smallest prompt is refused with the minimum, which then works', async () => {
    const small = await run([...base, '--file', 'src/app.ts', '--line', '11', '--budget', '1', '--json']);
    assert.equal(small.code, 2);
    assert.equal(small.stdout, '');
    const minimum = Number(/budget 1 is smaller than the smallest prompt for src\/app\.ts: .* at least (\d+)/.exec(small.stderr)?.[1]);
    assert.ok(minimum > 1, small.stderr);
    const enough = await run([...base, '--file', 'src/app.ts', '--line', '11', '--budget', String(minimum), '--json']);
    assert.equal(enough.code, 0, enough.stderr);
    assert.ok(JSON.parse(enough.stdout).usedTokens <= minimum);
  });

  test('numbers are plain positive decimals: hex, exponents, fractions and negatives get our message', async () => {
    for (const [flag, value] of [['--budget', '0x10'], ['--budget', '1e3'], ['--budget', '-5'], ['--budget', '2.5'], ['--budget', '1024,'], ['--line', '-1'], ['--line', '0'], ['--col', '0x2']]) {
      const argv = [...base, '--file', 'src/app.ts', '--line', '11', '--budget', '1024', flag, value];
      const r = await run(argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.ok(r.stderr.startsWith(`codebase-context context: ${flag} takes a positive whole number written in decimal digits, not '`), r.stderr);
    }
  });

  test('batch: a position that cannot be answered is an error line for its id; the rest are answered; exit non-zero', async () => {
    const positions = path.join(tmp, 'bad-positions.jsonl');
    fs.writeFileSync(
      positions,
      [
        { id: 'good', file: 'src/app.ts', line: 11, col: 15 },
        { id: 'unknown', file: 'src/nope.ts', line: 1 },
        { id: 'past-end', file: 'src/app.ts', line: 40 },
        { id: 'past-end-masked', file: 'src/app.ts', line: 40, mask: 'line' },
        { id: 'col', file: 'src/app.ts', line: 12, col: 60 },
        { id: 'tiny', file: 'src/app.ts', line: 11, budget: 1 },
        { id: 'last', file: 'pkg/service.py', line: 5 },
      ].map(p => JSON.stringify(p)).join('\n') + '\n',
    );
    const r = await run([...base, '--positions', positions, '--budget', '1024']);
    assert.equal(r.code, 2, r.stderr);
    const lines = r.stdout.trim().split('\n').map(line => JSON.parse(line));
    assert.deepEqual(lines.map(l => `${l.id}@${l.budget}`), ['good@1024', 'unknown@1024', 'past-end@1024', 'past-end-masked@1024', 'col@1024', 'tiny@1', 'last@1024']);
    for (const l of [lines[0], lines[6]]) assert.ok(Array.isArray(l.items) && l.usedTokens <= 1024 && !('error' in l));
    const errors = Object.fromEntries(lines.filter(l => 'error' in l).map(l => [l.id, l.error]));
    assert.match(errors.unknown, /src\/nope\.ts is not in the index/);
    assert.match(errors['past-end'], /line 40 is past the end of src\/app\.ts, which has 21 lines/);
    assert.match(errors['past-end-masked'], /line 40 is past the end of src\/app\.ts, which has 21 lines/);
    assert.match(errors.col, /column 60 is past the end of line 12 .* 26 characters/);
    assert.match(errors.tiny, /budget 1 is smaller than the smallest prompt .* at least \d+/);
    assert.match(r.stderr, /5 of 7 answers could not be given/);
    assert.equal(Object.keys(errors).length, 5);
    const onlyUnknown = path.join(tmp, 'unknown-positions.jsonl');
    fs.writeFileSync(onlyUnknown, `${JSON.stringify({ id: 1, file: 'src/nope.ts', line: 1 })}\n`);
    assert.equal((await run([...base, '--positions', onlyUnknown, '--budget', '1024'])).code, 1, 'an unknown file fails as it does for a single position');
  });

  test('after `index` wrote the cache, `context` starts from it and still shows the other files (the npm start demo)', () => {
    const env = { ...process.env, XDG_CACHE_HOME: path.join(tmp, 'xdg-cache') };
    const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8', env });
    assert.equal(cli('index', '--root', SHOP).status, 0);
    const r = cli('context', '--root', SHOP, '--file', 'src/app.ts', '--line', '11', '--col', '15', '--budget', '1024', '--json');
    assert.equal(r.status, 0, r.stderr);
    const items: { path: string; included: boolean; dropped?: string }[] = JSON.parse(r.stdout).items;
    assert.ok(items.some(i => i.path === 'src/geometry/shapes.ts' && i.included), 'the definition of Rect is in the context');
    assert.deepEqual(items.filter(i => /no longer be read/.test(i.dropped ?? '')), []);
  });

  test('the npm start demo shows the product at its best: the context of its cursor line leads with definitions from other source files', async () => {
    const repo = path.join(__dirname, '..', '..');
    const start: string = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')).scripts.start;
    // The script's arguments as the shell splits them: words, or "double-quoted" text.
    const demo = /dist\/cli\.js context (--root \. .*)$/.exec(start)?.[1].match(/"[^"]*"|\S+/g)?.map(arg => arg.replace(/^"(.*)"$/, '$1'));
    assert.ok(demo, start);
    assert.ok(demo.includes('--after') && !demo.includes('--line'), 'the demo finds its cursor by content, so edits above it do not move it');
    const file = demo[demo.indexOf('--file') + 1];
    const r = await run([...demo.map(arg => (arg === '.' ? repo : arg)), '--json', '--no-cache']);
    assert.equal(r.code, 0, r.stderr);
    const items: { path: string; included: boolean; score: number; reasons: string[] }[] = JSON.parse(r.stdout).items;
    const top = items.filter(i => i.included).sort((a, b) => b.score - a.score).slice(0, 4);
    assert.ok(top.every(i => i.path.startsWith('src/') && i.path !== file), top.map(i => i.path).join(', '));
    assert.ok(top.every(i => i.reasons.some(reason => reason.includes('on the cursor line'))), 'each is used on the cursor line');
    assert.ok(new Set(top.map(i => i.path)).size >= 3, 'from several files');
  });

  test('runs end to end through the command line', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'context', ...base, '--file', 'src/app.ts', '--line', '11', '--budget', '800', '--json'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(JSON.parse(r.stdout).usedTokens <= 800);
  });
});
