// Bundles the extension-host integration tests into out/test/integration/: the runner (launches the host),
// the mocha entry point and each *.test.ts, and the .vsix smoke check (its runner and in-host checks).
// `vscode` is provided by the host; mocha and test-electron are loaded from node_modules.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.join(root, 'out', 'test', 'integration');
const suiteDir = path.join(root, 'test', 'integration', 'suite');

fs.rmSync(out, { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: root,
  entryPoints: {
    'run-tests': 'test/integration/run-tests.ts',
    'suite/index': 'test/integration/suite/index.ts',
    'vsix/run-smoke': 'test/integration/vsix/run-smoke.ts',
    'vsix/smoke': 'test/integration/vsix/smoke.ts',
    ...Object.fromEntries(
      fs.readdirSync(suiteDir).filter(f => f.endsWith('.test.ts')).map(f => [`suite/${f.replace(/\.ts$/, '')}`, `test/integration/suite/${f}`]),
    ),
  },
  outdir: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode', 'mocha', '@vscode/test-electron'],
  logLevel: 'warning',
});
