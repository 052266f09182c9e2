// `codebase-context context --lsp`, run as its own process like a user would, against the real TypeScript 7
// server on a copy of test/fixtures/facts-ts/: the JSON gains the facts and their time, the reasons name
// the facts, and no server process outlives the command.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
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

  /** A --lsp-servers file outside the workspace (a server configured inside an untrusted one is refused). */
  const serversFile = (config: unknown) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsp-servers-'));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'servers.json');
    fs.writeFileSync(file, typeof config === 'string' ? config : JSON.stringify(config));
    return file;
  };

  // With the next test, which shows the file's server is the one started (its missing command is named), this
  // shows a configured server carries a request end to end: typescript-language-server, JSONC and all.
  test('--lsp-servers with a working server: the configured typescript-language-server gives the expected type', async () => {
    // JSONC, like the editor's settings.json: comments are fine.
    const config = `{
      // typescript-language-server 5 on the typescript devDependency, started by this Node
      "typescript": ${JSON.stringify({
        command: process.execPath,
        args: [require.resolve('typescript-language-server/lib/cli.mjs'), '--stdio'],
        readiness: 'progress',
        initializationOptions: { tsserver: { path: path.dirname(require.resolve('typescript/lib/tsserver.js')) } },
      })}
    }`;
    const r = cli(['--root', root, '--no-cache', '--file', 'src/holes.ts', ...argumentHole(), '--budget', '2048', '--json', '--lsp', '--facts-budget', '60000', '--lsp-servers', serversFile(config)]);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.match(out.facts.expectedType, /RequestOptions/, JSON.stringify(out.facts));
    assert.deepEqual(processesIn(root), [], 'no process runs in the workspace after the command');
  });

  test('a configured server that cannot start is named in what is missing, and the tree-sitter context still comes', async () => {
    const r = cli(['--root', root, '--no-cache', '--file', 'src/holes.ts', ...argumentHole(), '--budget', '2048', '--json', '--lsp', '--lsp-servers', serversFile({ typescript: { command: '/nonexistent/bin/ts-server' } })]);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.facts.used, 0);
    assert.ok(out.facts.missing.some((m: { why: string }) => m.why.includes('/nonexistent/bin/ts-server')), JSON.stringify(out.facts.missing));
    assert.ok(out.items.length > 0, 'the context from tree-sitter alone');
  });

  test('a mistaken --lsp-servers file is a usage error that names each mistake', async () => {
    const mistakes = cli(['--root', root, '--file', 'src/holes.ts', '--line', '1', '--budget', '2048', '--lsp', '--lsp-servers', serversFile({ klingon: { command: 'kls' }, go: { args: ['serve'] }, python: { command: 'pyright-langserver', readiness: 'soon' } })]);
    assert.equal(mistakes.status, 2);
    assert.match(mistakes.stderr, /"klingon" is not a language Codebase Context indexes; use one of typescript, tsx/);
    assert.match(mistakes.stderr, /the go server needs "command"/);
    assert.match(mistakes.stderr, /the python server has "readiness" "soon"; use one of initialize, pull-diagnostics/);
    const broken = cli(['--root', root, '--file', 'src/holes.ts', '--line', '1', '--budget', '2048', '--lsp', '--lsp-servers', serversFile('{ "go": { "command": "gopls" ')]);
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /is not valid JSON: line 1,/);
    const alone = cli(['--root', root, '--file', 'src/holes.ts', '--line', '1', '--budget', '2048', '--lsp-servers', serversFile({})]);
    assert.equal(alone.status, 2);
    assert.match(alone.stderr, /--lsp-servers goes with --lsp/);
  });

  test('--lsp with a baseline strategy is refused with why', async () => {
    const r = cli(['--root', root, '--file', 'src/holes.ts', '--line', '1', '--budget', '2048', '--lsp', '--strategy', 'bm25']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--lsp feeds the ranking of --strategy ours only/);
  });
});
