// `codebase-context context --lsp`, run as its own process like a user would, against the real TypeScript 7
// server on a copy of test/fixtures/facts-ts/: the JSON gains the facts and their time, the reasons name
// the facts, and no server process outlives the command.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { FactsFixture, processesIn } from './facts-fixture';

const main = path.join(__dirname, '..', '..', 'src', 'cli', 'main.ts');

function cli(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', main, 'context', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('codebase-context context --lsp', () => {
  const fixture = FactsFixture.copy('facts-ts');
  const root = fixture.root;
  const holes = fixture.text('src/holes.ts');
  after(() => fixture.close());

  const argumentHole = () => {
    const lines = holes.slice(0, holes.indexOf('/*argument*/')).split('\n');
    return ['--line', String(lines.length), '--col', String(lines[lines.length - 1]!.length + 1)];
  };

  test('--json gains facts and timingsMs.facts; the expected type is ranked with its reason; no server is left', async () => {
    const r = cli(['--root', root, '--no-cache', '--file', 'src/holes.ts', ...argumentHole(), '--budget', '2048', '--json', '--lsp', '--facts-budget', '20000']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(typeof out.timingsMs.facts, 'number');
    assert.ok(out.facts.used > 0, JSON.stringify(out.facts));
    assert.match(out.facts.expectedType, /RequestOptions/);
    const reasons: string[] = out.items.flatMap((i: { reasons: string[] }) => i.reasons);
    assert.ok(reasons.some(reason => reason.startsWith('expected type `RequestOptions`')), reasons.join(' | '));
    assert.deepEqual(processesIn(root), [], 'no process runs in the workspace after the command');
  });

  test('without --lsp nothing changes: no facts, no facts timing', async () => {
    const r = cli(['--root', root, '--no-cache', '--file', 'src/holes.ts', ...argumentHole(), '--budget', '2048', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.facts, undefined);
    assert.equal(out.timingsMs.facts, undefined);
  });

  test('--lsp with a baseline strategy is refused with why', async () => {
    const r = cli(['--root', root, '--file', 'src/holes.ts', '--line', '1', '--budget', '2048', '--lsp', '--strategy', 'bm25']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--lsp feeds the ranking of --strategy ours only/);
  });
});
