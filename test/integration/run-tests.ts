// Runs the integration suite in a real extension host. VSCODE_EXECUTABLE chooses the executable; unset, the
// stand-in from ../shared/vscode-host/ is installed and used where it exists (machines that cannot download
// VS Code), and elsewhere test-electron downloads VS Code as usual.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

/** The launcher's path is the last line that the idempotent install script prints. */
function sharedHostExecutable(root: string): string | undefined {
  const install = path.join(root, '..', 'shared', 'vscode-host', 'install.sh');
  if (!fs.existsSync(install)) return undefined;
  const output = execFileSync('bash', [install], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return output.trim().split('\n').pop();
}

async function main(): Promise<void> {
  // out/test/integration/run-tests.js -> the repository root.
  const root = path.resolve(__dirname, '..', '..', '..');
  const executable = process.env.VSCODE_EXECUTABLE || sharedHostExecutable(root);
  // A fresh copy per run: settings, workspace state and the index cache never touch the checked-in fixture.
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'codebase-context-it-'));
  fs.cpSync(path.join(root, 'test', 'integration', 'fixtures', 'workspace'), workspace, { recursive: true });
  try {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
      launchArgs: [workspace, '--disable-extensions'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error('Integration tests failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
