// Runs the integration suite in a real extension host (see host-executable.ts for which one).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { hostExecutable } from './host-executable';

async function main(): Promise<void> {
  // out/test/integration/run-tests.js -> the repository root.
  const root = path.resolve(__dirname, '..', '..', '..');
  const executable = hostExecutable(root);
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
