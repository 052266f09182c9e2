// npm run test:vsix: makes the universal package and this machine's target's, installs each into the test
// host and checks it there (test/integration/vsix/). With --all-targets it makes every target's package (each
// checked by scripts/package.mjs as it is made: the executable's format and processor); only this machine's
// can be installed and run here.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPackages, hostTarget, TARGETS } from './package.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const unknown = process.argv.slice(2).filter(arg => arg !== '--all-targets');
if (unknown.length > 0) {
  console.error(`Unknown argument(s) ${unknown.join(' ')}. Usage: node scripts/test-vsix.mjs [--all-targets]`);
  process.exit(1);
}
const host = hostTarget();
const targets = process.argv.includes('--all-targets') ? Object.keys(TARGETS) : [host];

execFileSync(process.execPath, [path.join(root, 'scripts', 'build-integration.mjs')], { stdio: 'inherit' });
const made = buildPackages([undefined, ...targets]);
const smoke = path.join(root, 'out', 'test', 'integration', 'vsix', 'run-smoke.js');
let failed = 0;
for (const { target, file, bytes } of made) {
  const name = `${target ?? 'universal'} (${path.basename(file)}, ${(bytes / 1024 / 1024).toFixed(2)} MB)`;
  if (target !== undefined && target !== host) {
    console.log(`${name}: made; not installed (this machine is ${host})`);
    continue;
  }
  try {
    execFileSync(process.execPath, [smoke, file, ...(target ? [target] : [])], { cwd: root, stdio: 'inherit' });
    console.log(`${name}: passed`);
  } catch {
    failed++;
    console.log(`${name}: FAILED`);
  }
}
if (failed > 0) process.exit(1);
