// Runs inside the extension host with the installed .vsix: no mocha (the installed extension is all there
// is), a few checks, and the `N passed, N failed` line.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/vscode/extension-api';

const checks: [string, () => Promise<void>][] = [
  ['the installed copy is the one loaded', async () => {
    const extension = vscode.extensions.getExtension('codebase-context.codebase-context');
    assert.ok(extension, 'the extension is not installed');
    const installedIn = process.env.CODEBASE_CONTEXT_EXTENSIONS_DIR!;
    assert.ok(path.resolve(extension.extensionPath).startsWith(path.resolve(installedIn)), `loaded from ${extension.extensionPath}`);
  }],
  ['it activates and indexes the workspace with the bundled grammars', async () => {
    const api = await vscode.extensions.getExtension<ExtensionApi>('codebase-context.codebase-context')!.activate();
    const summary = await api.whenIndexed();
    assert.ok(summary, api.logLines().join('\n'));
    // Every TypeScript file of the fixture workspace, counted here so that a new fixture file needs no edit.
    const sources = await vscode.workspace.findFiles('**/*.ts');
    assert.ok(sources.length > 0, 'the fixture workspace has no TypeScript files');
    assert.equal(summary.filesIndexed, sources.length);
    assert.deepEqual(summary.grammarErrors, []);
  }],
  ['its commands are registered', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['buildContext', 'showLastPrompt', 'pin', 'exclude', 'reindex', 'setApiKey', 'toggleInlineCompletions']) {
      assert.ok(commands.includes(`codebaseContext.${id}`), `codebaseContext.${id} is missing`);
    }
  }],
];

export async function run(): Promise<void> {
  let failed = 0;
  for (const [name, check] of checks) {
    try {
      await check();
      console.log(`  ✔ ${name}`);
    } catch (error) {
      failed++;
      console.log(`  ✘ ${name}: ${error instanceof Error ? error.message : error}`);
    }
  }
  console.log(`${checks.length - failed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} .vsix check(s) failed.`);
}
