// The mocha entry point the extension host loads (extensionTestsPath). Prints `N passed, N failed` for CI.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** Per test; the suite's own waits are shorter, this only stops a hung test from hanging the host. */
const TEST_TIMEOUT_MS = 60_000;

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: TEST_TIMEOUT_MS });
  for (const file of fs.readdirSync(__dirname).filter(f => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(__dirname, file));
  return new Promise((resolve, reject) => {
    const runner = mocha.run(failures => {
      const { passes = 0, failures: failed = 0 } = runner.stats ?? {};
      console.log(`${passes} passed, ${failed} failed`);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed.`));
      else resolve();
    });
  });
}
