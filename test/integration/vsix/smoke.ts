// Runs inside the extension host with the installed .vsix: no mocha (the installed extension is all there
// is), a few checks, and the `N passed, N failed` line. CODEBASE_CONTEXT_VSIX_TARGET says which package it is:
// a target's carries typescript 7's native server, and the monitor must check TypeScript with it; the
// universal one carries none, and must say so once. Both carry pyright.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/vscode/extension-api';
import { OpenAITestServer } from '../../servers/openai-server';
import { scriptedModel } from '../../servers/scripted-model';

const EXTENSION_ID = 'codebase-context.codebase-context';
const target = process.env.CODEBASE_CONTEXT_VSIX_TARGET ?? 'universal';
/** The first member check also waits for its server to start (pyright: seconds), on a shared machine. */
const CHECK_BUDGET_MS = 30_000;
const WAIT_MS = 120_000;
const FIM_MIDDLE = '<|fim_middle|>';
const model = new OpenAITestServer();

const extension = () => vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)!;
const api = () => extension().exports;
const logTail = () => api().logLines().slice(-15).join('\n');
/** Where the package keeps its servers, as an npm node_modules folder (scripts/package.mjs). */
const bundledServers = () => path.join(extension().extensionPath, 'dist', 'servers', 'node_modules');

/**
 * Asks for completions at `hole` in `file` (the hole's quotes taken out), the model meaning `invented`, until
 * one contains `expected` or the time is up; returns the last completion's text.
 */
async function completeAt(file: string, hole: string, invented: string, expected: string): Promise<string> {
  const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, ...file.split('/'));
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
  const at = editor.document.getText().indexOf(hole) + hole.indexOf("''");
  await editor.edit(b => b.delete(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 2))));
  const cursor = editor.document.positionAt(at);
  model.respondWith(request => {
    const prompt = String(request.body?.prompt ?? '');
    return scriptedModel(invented, prompt.slice(0, prompt.lastIndexOf(FIM_MIDDLE) + FIM_MIDDLE.length), { chunkChars: 2, chunkDelayMs: 5 })(request);
  });
  const deadline = Date.now() + WAIT_MS;
  try {
    // A fresh prefix each time (a marker line above), so that no answer comes from the completion cache.
    for (let attempt = 0; ; attempt++) {
      await editor.edit(b => b.insert(new vscode.Position(0, 0), `${file.endsWith('.py') ? '#' : '//'} attempt ${attempt}\n`));
      const items = await api().complete(editor.document, cursor.translate(1));
      await editor.edit(b => b.delete(new vscode.Range(0, 0, 1, 0)));
      const text = items?.map(item => String(item.insertText)).join('\n') ?? '';
      if (text.includes(expected) || Date.now() > deadline) return text;
    }
  } finally {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

/** The processes (Linux: from /proc) whose command line includes `file`. */
function processesRunning(file: string): number[] {
  return fs.readdirSync('/proc').filter(pid => /^\d+$/.test(pid)).filter(pid => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(file);
    } catch {
      return false; // gone meanwhile
    }
  }).map(Number);
}

const checks: [string, () => Promise<void>][] = [
  ['the installed copy is the one loaded', async () => {
    assert.ok(extension(), 'the extension is not installed');
    const installedIn = process.env.CODEBASE_CONTEXT_EXTENSIONS_DIR!;
    assert.ok(path.resolve(extension().extensionPath).startsWith(path.resolve(installedIn)), `loaded from ${extension().extensionPath}`);
    // Nothing could come from a node_modules of its own: the servers below are the packaged ones.
    assert.ok(!fs.existsSync(path.join(extension().extensionPath, 'node_modules')), 'the package carries a node_modules folder');
  }],
  ['every file the manifest names is in the package', async () => {
    const manifest = extension().packageJSON;
    const named: string[] = [manifest.main, manifest.icon];
    for (const walkthrough of manifest.contributes?.walkthroughs ?? []) {
      for (const step of walkthrough.steps ?? []) named.push(...[step.media?.markdown, step.media?.image].filter(Boolean));
    }
    for (const group of Object.values<{ icon?: string }[]>(manifest.contributes?.viewsContainers ?? {})) named.push(...group.map(c => c.icon!).filter(Boolean));
    const missing = named.filter(file => !fs.existsSync(path.join(extension().extensionPath, file)));
    assert.deepEqual(missing, []);
  }],
  ['it activates and indexes the workspace with the bundled grammars', async () => {
    const api = await extension().activate();
    const summary = await api.whenIndexed();
    assert.ok(summary, api.logLines().join('\n'));
    // Every source file of the fixture workspace, counted here so that a new fixture file needs no edit.
    const sources = await vscode.workspace.findFiles('**/*.{ts,py}');
    assert.ok(sources.length > 0, 'the fixture workspace has no source files');
    assert.equal(summary.filesIndexed, sources.length);
    assert.deepEqual(summary.grammarErrors, []);
  }],
  ['its commands are registered', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['buildContext', 'showLastPrompt', 'pin', 'exclude', 'reindex', 'setApiKey', 'toggleInlineCompletions']) {
      assert.ok(commands.includes(`codebaseContext.${id}`), `codebaseContext.${id} is missing`);
    }
  }],
  target === 'universal'
    ? ['TypeScript: no native server in this package, said once in the log, and the completions stay raw', async () => {
        assert.ok(!fs.existsSync(path.join(bundledServers(), '@typescript')), 'the universal package carries a native server');
        for (let i = 0; i < 2; i++) {
          const text = await completeAt('src/shared/user.ts', "const name = '';", 'user.getUsername()', 'user.getUsername()');
          assert.ok(text.includes('user.getUsername()'), `completion ${i + 1}: '${text}'. Log:\n${logTail()}`);
        }
        const said = api().logLines().filter(line => line.includes(`No TypeScript 7 language server for ${process.platform}-${process.arch}`));
        assert.equal(said.length, 1, `said ${said.length} times. Log:\n${logTail()}`);
        assert.match(said[0]!, /Install the Codebase Context package built for/);
      }]
    : ['TypeScript: the packaged native server checks the completion (getUsername → getUserName)', async () => {
        const tsc = path.join(bundledServers(), '@typescript', `typescript-${process.platform}-${process.arch}`, 'lib', process.platform === 'win32' ? 'tsc.exe' : 'tsc');
        assert.ok(fs.existsSync(tsc), `${tsc} is not in the package`);
        const text = await completeAt('src/shared/user.ts', "const name = '';", 'user.getUsername()', 'user.getUserName()');
        assert.ok(text.includes('user.getUserName()'), `'${text}'. Log:\n${logTail()}`);
        assert.ok(processesRunning(tsc).length > 0, `no process runs ${tsc}`);
      }],
  ['Python: the packaged pyright checks the completion (getOwnerName → get_owner_name)', async () => {
    const langserver = path.join(bundledServers(), 'pyright', 'langserver.index.js');
    assert.ok(fs.existsSync(langserver), `${langserver} is not in the package`);
    const text = await completeAt('src/accounts.py', "name = ''", 'account.getOwnerName()', 'account.get_owner_name()');
    assert.ok(text.includes('account.get_owner_name()'), `'${text}'. Log:\n${logTail()}`);
    assert.ok(processesRunning(langserver).length > 0, `no process runs ${langserver}`);
  }],
];

export async function run(): Promise<void> {
  const { url } = await model.start();
  const config = vscode.workspace.getConfiguration('codebaseContext');
  const settings = { endpoint: url, model: 'qwen2.5-coder-1.5b', logLevel: 'info', debounceMs: 30, contextTimeBudgetMs: 10_000, requestTimeoutMs: 20_000, monitorBudgetMs: CHECK_BUDGET_MS };
  for (const [key, value] of Object.entries(settings)) await config.update(key, value, vscode.ConfigurationTarget.Global);
  let failed = 0;
  try {
    for (const [name, check] of checks) {
      try {
        await check();
        console.log(`  ✔ ${name}`);
      } catch (error) {
        failed++;
        console.log(`  ✘ ${name}: ${error instanceof Error ? error.message : error}`);
      }
    }
  } finally {
    await model.stop();
  }
  console.log(`${checks.length - failed} passed, ${failed} failed (${target} package)`);
  if (failed > 0) throw new Error(`${failed} .vsix check(s) failed.`);
}
