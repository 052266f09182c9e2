import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The VS Code executable the integration tests run: VSCODE_EXECUTABLE when set; else, where it exists,
 * the stand-in from ../shared/vscode-host/ (machines that cannot download VS Code), installed on demand
 * (its idempotent install script prints the launcher's path last); else undefined, and test-electron
 * downloads VS Code as usual.
 */
export function hostExecutable(root: string): string | undefined {
  if (process.env.VSCODE_EXECUTABLE) return process.env.VSCODE_EXECUTABLE;
  const install = path.join(root, '..', 'shared', 'vscode-host', 'install.sh');
  if (!fs.existsSync(install)) return undefined;
  const output = execFileSync('bash', [install], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return output.trim().split('\n').pop();
}
