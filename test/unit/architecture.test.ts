import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.join(__dirname, '..', '..');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = path.join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string };
  readonly cycle?: readonly { readonly name: string }[];
}

/** dependency-cruiser over `src` of `cwd` with the project's rules: the violations it finds. */
async function violationsIn(cwd: string): Promise<Violation[]> {
  const { stdout } = await promisify(execFile)(process.execPath, [DEPCRUISE, 'src', '--config', CONFIG, '--output-type', 'json'], { cwd, maxBuffer: 64 * 2 ** 20 }).catch(
    // It exits non-zero when it finds violations; the JSON on stdout still says which.
    (error: { stdout?: string }) => {
      if (!error.stdout) throw error;
      return { stdout: error.stdout };
    },
  );
  return (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

const describeViolation = (v: Violation) => `${v.rule.name}: ${v.from} -> ${v.to}${v.cycle ? ` (cycle ${v.cycle.map(c => c.name).join(' -> ')})` : ''}`;

describe('architecture', () => {
  test('src/ keeps the dependency rules of ARCHITECTURE.md (stage order, no vscode in core, adapters through the public surface, no cycles)', async () => {
    const violations = await violationsIn(ROOT);
    assert.deepEqual(violations.map(describeViolation), []);
  });

  test('the rules catch each kind of violation', async () => {
    const fixture = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-architecture-'));
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(fixture, rel)), { recursive: true });
      fs.writeFileSync(path.join(fixture, rel), text);
    };
    try {
      write('tsconfig.json', JSON.stringify({ compilerOptions: { strict: true, module: 'commonjs' } }));
      write('src/core/rank/score.ts', 'export const score = 1;\n');
      write('src/core/workspace/discover.ts', "import { score } from '../rank/score';\nexport const discovered = score;\n");
      write('src/core/cursor/editor.ts', "import * as vscode from 'vscode';\nexport const editor = vscode;\n");
      write('src/core/index/workspace-index.ts', 'export class WorkspaceIndex {}\n');
      write('src/vscode/index-sync.ts', "import { WorkspaceIndex } from '../core/index/workspace-index';\nexport const sync = WorkspaceIndex;\n");
      write('src/core/pack/a.ts', "import { b } from './b';\nexport const a = () => b;\n");
      write('src/core/pack/b.ts', "import { a } from './a';\nexport const b = () => a;\n");
      write('src/core/types.ts', "import { score } from './rank/score';\nexport const base = score;\n");
      const found = (await violationsIn(fixture)).map(describeViolation);
      for (const expected of [
        /^stage-order-workspace: src\/core\/workspace\/discover\.ts -> src\/core\/rank\/score\.ts$/,
        /^no-vscode-in-core: src\/core\/cursor\/editor\.ts -> vscode$/,
        /^adapters-use-public-surface: src\/vscode\/index-sync\.ts -> src\/core\/index\/workspace-index\.ts$/,
        /^no-cycles: src\/core\/pack\/[ab]\.ts -> src\/core\/pack\/[ab]\.ts/,
        /^base-below-stages: src\/core\/types\.ts -> src\/core\/rank\/score\.ts$/,
      ]) {
        assert.ok(found.some(v => expected.test(v)), `${expected} in:\n${found.join('\n')}`);
      }
    } finally {
      fs.rmSync(fixture, { recursive: true, force: true });
    }
  });
});
