// What the tests against real language servers share: a private copy of a fixture project (test files run
// in parallel, and a server's working folder is how a test finds the processes it left behind), positions
// by marker, and a teardown that disposes every server the test started and checks none outlived it.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ContextEngine } from '../../src/core/engine';
import { HeadlessLanguageFacts, gatherFacts, type CursorFact, type FactsQuery, type HeadlessFactsOptions, type LanguageFacts } from '../../src/core/facts';
import { positionAt } from '../../src/core/facts/text-positions';
import type { Position } from '../../src/core/types';

export const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** Where `marker` is in `text`: the position just before it, or just after it. */
export function positionOf(text: string, marker: string, side: 'before' | 'after' = 'before'): Position {
  assert.ok(text.includes(marker), `marker ${marker} is in the fixture`);
  return positionAt(text, text.indexOf(marker) + (side === 'after' ? marker.length : 0));
}

/** The end of `text`'s last line: where a test's file that ends in the hole is being typed. */
export function endOf(text: string): Position {
  const lines = text.split('\n');
  return { line: lines.length - 1, character: lines.at(-1)!.length };
}

/**
 * The same server behind a provider of its own: answers are remembered per provider, and a test of what
 * the server answers (or fails to) must not be answered from what the earlier tests asked. `counts`
 * tells how many times each question reached the server; `asked`, which ones in what order
 * (`definition 7:5`, 1-based).
 */
export function countingProvider(facts: LanguageFacts, counts: Record<string, number> = {}, asked: string[] = []): LanguageFacts {
  const own = Object.create(facts) as LanguageFacts;
  for (const method of ['definition', 'typeDefinition', 'hover', 'signatureHelp', 'documentSymbols', 'workspaceSymbols'] as const) {
    own[method] = ((...args: never[]) => {
      counts[method] = (counts[method] ?? 0) + 1;
      const at = (args as unknown[]).find((arg): arg is Position => typeof arg === 'object' && arg !== null && 'line' in arg && 'character' in arg);
      asked.push(at ? `${method} ${at.line + 1}:${at.character + 1}` : method);
      return (facts[method] as (...a: never[]) => unknown).apply(facts, args);
    }) as never;
  }
  return own;
}

/** A complete gathering through a provider of its own: its facts (summary), expected type and how often each question was asked. */
export async function gatheredCounting(facts: LanguageFacts, query: FactsQuery): Promise<{ facts: string[]; expected: GatheredExpected; counts: Record<string, number> }> {
  const counts: Record<string, number> = {};
  const result = await gatherFacts(countingProvider(facts, counts), query);
  assert.equal(result.complete, true, JSON.stringify(result.missing));
  return { facts: summary(result.facts), expected: result.expectedType, counts };
}

type GatheredExpected = Awaited<ReturnType<typeof gatherFacts>>['expectedType'];

/** One line per fact, for assertions that show every fact when they fail. */
export function summary(facts: readonly CursorFact[]): string[] {
  return facts.map(f => `${f.kind} ${f.name} ${f.location.path}:${f.location.range.start.line} depth ${f.depth}`);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function waitUntil(condition: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!condition() && Date.now() < end) await new Promise(resolve => setTimeout(resolve, 20));
  return condition();
}

/** Processes whose working folder is `dir`: the servers run in the workspace root. */
export function processesIn(dir: string): number[] {
  const real = fs.realpathSync(dir);
  return fs
    .readdirSync('/proc')
    .filter(name => /^\d+$/.test(name))
    .filter(pid => {
      try {
        return fs.readlinkSync(`/proc/${pid}/cwd`) === real;
      } catch {
        return false; // gone, or not ours to read
      }
    })
    .map(Number);
}

export class FactsFixture {
  private readonly started: HeadlessLanguageFacts[] = [];
  private readonly engines: ContextEngine[] = [];

  private constructor(readonly root: string) {}

  /** A fresh copy of test/fixtures/`name`, in the system's temporary folder. */
  static copy(name: string): FactsFixture {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
    fs.cpSync(path.join(FIXTURES, name), root, { recursive: true });
    return new FactsFixture(root);
  }

  /** A project of `files` (path → text) written to a fresh folder in the system's temporary folder. */
  static write(name: string, files: Readonly<Record<string, string>>): FactsFixture {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    }
    return new FactsFixture(root);
  }

  /**
   * A Python package `svc` of `modules` (name → text, `svc/<name>.py`), with its `__init__.py` and a
   * pyrightconfig.json that checks it, written as `write` does.
   */
  static pythonPackage(name: string, modules: Readonly<Record<string, string>>): FactsFixture {
    const files: Record<string, string> = { 'pyrightconfig.json': JSON.stringify({ include: ['svc'], typeCheckingMode: 'basic' }), 'svc/__init__.py': '' };
    for (const [module, text] of Object.entries(modules)) files[`svc/${module}.py`] = text;
    return FactsFixture.write(name, files);
  }

  text(file: string): string {
    return fs.readFileSync(path.join(this.root, file), 'utf8');
  }

  /** The 0-based line of `fragment` in `file`. */
  line(file: string, fragment: string): number {
    return positionOf(this.text(file), fragment).line;
  }

  /** Language facts on the copy; disposed by `close()`. */
  facts(options: Omit<HeadlessFactsOptions, 'root'> = {}): HeadlessLanguageFacts {
    const facts = new HeadlessLanguageFacts({ root: this.root, ...options });
    this.started.push(facts);
    return facts;
  }

  /**
   * An engine on the copy with its language facts, the server warmed up on `warmPath` (the file the test
   * types in, as the editor has it open); both disposed by `close()`.
   */
  async engineWithFacts(warmPath: string, budgetMs: number): Promise<{ engine: ContextEngine; facts: HeadlessLanguageFacts }> {
    const facts = this.facts({ defaultBudgetMs: budgetMs });
    await facts.warmUp({ path: warmPath });
    const engine = await ContextEngine.open({ root: this.root, cacheDir: false, facts, factsBudgetMs: budgetMs });
    this.engines.push(engine);
    return { engine, facts };
  }

  /** Disposes every engine and server started on the copy, checks that none is left running, removes the copy. */
  async close(): Promise<void> {
    await Promise.all(this.engines.map(engine => engine.dispose()));
    const pids = this.started.flatMap(facts => facts.status().flatMap(status => (status.pid === undefined ? [] : [status.pid])));
    await Promise.all(this.started.map(facts => facts.dispose()));
    try {
      for (const pid of pids) assert.equal(isAlive(pid), false, `server ${pid} is gone after dispose`);
      assert.deepEqual(processesIn(this.root), [], 'no process runs in the workspace after dispose');
    } finally {
      fs.rmSync(this.root, { recursive: true, force: true });
    }
  }
}

/**
 * A suite's Python package with real pyright facts: registers the suite's `before`, which writes the package
 * (FactsFixture.pythonPackage) and opens an engine with facts warmed on `warmPath`, and its `after`, which closes
 * both. The engine and facts are read inside tests and later hooks, once the `before` has run.
 */
export function pythonPackageWithFacts(name: string, modules: Readonly<Record<string, string>>, warmPath: string, budgetMs: number): { readonly root: string; readonly engine: ContextEngine; readonly facts: HeadlessLanguageFacts } {
  let fixture: FactsFixture | undefined;
  let opened: { engine: ContextEngine; facts: HeadlessLanguageFacts } | undefined;
  before(async () => {
    fixture = FactsFixture.pythonPackage(name, modules);
    opened = await fixture.engineWithFacts(warmPath, budgetMs);
  });
  after(() => fixture?.close());
  const ready = () => {
    if (!fixture || !opened) throw new Error(`${name}: the suite's before hook has not opened the engine yet`);
    return { root: fixture.root, ...opened };
  };
  return {
    get root() {
      return ready().root;
    },
    get engine() {
      return ready().engine;
    },
    get facts() {
      return ready().facts;
    },
  };
}
