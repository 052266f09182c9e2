// `codebase-context <command>` through its entry (`main`), as every user's call begins: help and the
// numbers every command takes.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { main } from '../../src/cli/main';
import { runCaptured, type CliRun } from './cli-run';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-main-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

function run(...argv: string[]): Promise<CliRun> {
  return runCaptured(main, argv);
}

describe('codebase-context', () => {
  test('--help and -h of every command print its usage on stdout and exit 0, whatever else is on the line', async () => {
    for (const command of ['index', 'context', 'eval']) {
      for (const argv of [[command, '--help'], [command, '-h'], [command, '--root', root, '--bogus', '-h']]) {
        const r = await run(...argv);
        assert.equal(r.code, 0, `${argv.join(' ')}: ${r.stderr}`);
        assert.ok(r.stdout.startsWith(`usage: codebase-context ${command} `), r.stdout);
        assert.equal(r.stderr, '');
      }
    }
    const top = await run('--help');
    assert.equal(top.code, 0);
    assert.match(top.stdout, /codebase-context index --help/);
  });

  test('every numeric flag takes only plain positive decimals and says so, for negatives too', async () => {
    const flags: [string, string[]][] = [
      ['index', ['--root', root, '--max-file-bytes']],
      ['context', ['--root', root, '--file', 'a.ts', '--line', '1', '--budget']],
      ['context', ['--root', root, '--file', 'a.ts', '--budget', '100', '--line']],
      ['context', ['--root', root, '--file', 'a.ts', '--line', '1', '--budget', '100', '--col']],
      ['eval', ['--root', root, '--endpoint', 'http://127.0.0.1:9/v1', '--model', 'm', '--budget']],
      ['eval', ['--root', root, '--endpoint', 'http://127.0.0.1:9/v1', '--model', 'm', '--n']],
      ['eval', ['--root', root, '--endpoint', 'http://127.0.0.1:9/v1', '--model', 'm', '--timeout-ms']],
    ];
    for (const [command, argv] of flags) {
      const flag = argv[argv.length - 1];
      for (const value of ['0x10', '1e3', '-5', '+5', '0', '1.5']) {
        const r = await run(command, ...argv, value);
        assert.equal(r.code, 2, `${command} ${flag} '${value}'`);
        assert.ok(r.stderr.startsWith(`codebase-context ${command}: ${flag} takes a positive whole number written in decimal digits, not '${value}'`), r.stderr);
        assert.doesNotMatch(r.stderr, /ambiguous/);
      }
    }
  });
});
