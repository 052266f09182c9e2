// Where the built-in language servers are found (the packaged copies beside the bundle first, then node_modules)
// and how they are launched: pyright under VS Code's Electron needs ELECTRON_RUN_AS_NODE, plain Node nothing.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FactsError } from '../../src/core/facts/errors';
import { LspServer } from '../../src/core/facts/lsp-server';
import { currentHost, pyrightServer, typescriptNativeServer, type ServerHost } from '../../src/core/facts/server-binaries';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'server-binaries-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A fresh, empty folder under the scratch folder. */
function emptyDir(name: string): string {
  const dir = path.join(scratch, name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** This process as the host, with no packaged servers beside it (as when running from sources). */
const fromSources: ServerHost = { ...currentHost(), bundledDir: emptyDir('no-bundle') };
/** Neither packaged servers nor a node_modules above: the universal package installed in an editor. */
const universalPackage: ServerHost = { ...fromSources, resolveFrom: path.join(emptyDir('universal/dist'), 'engine-worker.js') };
const installedTsc = typescriptNativeServer(fromSources).command;

describe('typescript 7', () => {
  test('from node_modules when nothing is packaged: the native executable itself, which runs', () => {
    const { command, args } = typescriptNativeServer(fromSources);
    assert.match(command, /node_modules[\\/]@typescript[\\/]typescript-[\w-]+[\\/]lib[\\/]tsc(\.exe)?$/);
    assert.deepEqual(args, ['--lsp', '--stdio']);
    assert.match(execFileSync(command, ['--version'], { encoding: 'utf8' }), /Version 7\./);
  });

  test("the packaged copy for this platform comes first, another platform's never", () => {
    // As scripts/package.mjs lays it out: the platform package as npm installs it, its lib/ holding tsc and the
    // lib .d.ts files tsc reads beside itself.
    const bundledDir = emptyDir('bundle/node_modules');
    const installedPackage = path.dirname(path.dirname(installedTsc));
    const other = path.join(bundledDir, '@typescript', `typescript-${process.platform === 'darwin' ? 'linux' : 'darwin'}-${process.arch}`);
    fs.cpSync(installedPackage, other, { recursive: true });
    assert.equal(typescriptNativeServer({ ...fromSources, bundledDir }).command, installedTsc, 'a package for another platform is not used');

    const own = path.join(bundledDir, '@typescript', `typescript-${process.platform}-${process.arch}`);
    fs.cpSync(installedPackage, own, { recursive: true });
    const { command } = typescriptNativeServer({ ...fromSources, bundledDir });
    assert.equal(command, path.join(own, 'lib', path.basename(installedTsc)));
    assert.match(execFileSync(command, ['--version'], { encoding: 'utf8' }), /Version 7\./);
  });

  test('nowhere: a no-server error naming the platform and what to install', () => {
    const host: ServerHost = { ...universalPackage, platform: 'freebsd', arch: 'riscv64' };
    assert.throws(
      () => typescriptNativeServer(host),
      (error: unknown) =>
        error instanceof FactsError &&
        error.code === 'no-server' &&
        error.message.includes('No TypeScript 7 language server for freebsd-riscv64') &&
        error.message.includes('Install the Codebase Context package built for freebsd-riscv64'),
    );
    // The monitor says so once per distinct message: the same host gets the same words every time.
    assert.equal(messageOf(() => typescriptNativeServer(host)), messageOf(() => typescriptNativeServer(host)));
  });
});

describe('pyright', () => {
  test('under Node: our executable runs the script, with the environment unchanged', () => {
    const command = pyrightServer(fromSources);
    assert.equal(command.command, process.execPath);
    assert.match(command.args[0]!, /node_modules[\\/]pyright[\\/]langserver\.index\.js$/);
    assert.equal(command.args[1], '--stdio');
    assert.equal(command.env, undefined);
  });

  test("under Electron (VS Code's extension host): run as Node, without asar", () => {
    const electron: ServerHost = { ...fromSources, execPath: '/opt/VSCode/code', electronVersion: '37.2.3' };
    const command = pyrightServer(electron);
    assert.equal(command.command, '/opt/VSCode/code');
    assert.deepEqual(command.env, { ELECTRON_RUN_AS_NODE: '1', ELECTRON_NO_ASAR: '1' });
  });

  test('the packaged copy comes first', () => {
    const bundledDir = emptyDir('bundle-py/node_modules');
    fs.mkdirSync(path.join(bundledDir, 'pyright'));
    const script = path.join(bundledDir, 'pyright', 'langserver.index.js');
    fs.writeFileSync(script, '');
    assert.equal(pyrightServer({ ...fromSources, bundledDir }).args[0], script);
  });

  test('nowhere: a no-server error that says what to do', () => {
    assert.throws(() => pyrightServer(universalPackage), (error: unknown) => error instanceof FactsError && error.code === 'no-server' && /npm install/.test(error.message));
  });

  test('the launch an Electron host gets, spawned for real (Node ignores the variables): it initializes, and the child has them', { skip: process.platform !== 'linux' && 'reads /proc' }, async () => {
    const command = pyrightServer({ ...fromSources, electronVersion: '37.2.3' });
    const server = await LspServer.start(
      { id: 'python', name: 'pyright', command, readiness: 'initialize', readyTimeoutMs: 0, initializeTimeoutMs: 30_000 },
      emptyDir('py-workspace'),
    );
    try {
      const environ = fs.readFileSync(`/proc/${server.pid}/environ`, 'utf8').split('\0');
      assert.ok(environ.includes('ELECTRON_RUN_AS_NODE=1') && environ.includes('ELECTRON_NO_ASAR=1'), 'the variables reach the server');
      assert.ok(environ.some(entry => entry.startsWith('PATH=')), 'on top of our own environment');
    } finally {
      await server.shutdown();
    }
  });
});

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('it did not throw');
}
