// Pyright's answers after an edit, raw: `node --import tsx bench/pyright-edit-latency.ts [--corpus python3-oauthlib]
// [--corpus python3-jedi] [--files 12] [--variants push,pull,off,nolib,full,pull-off,pull-nolib] [--pause 400]`. Speaks to
// `pyright-langserver --stdio` directly (no gathering, no cache), one server per variant, side by side
// (`push`: pyright checks each open file on its own and publishes diagnostics; `pull`: it checks only when asked):
// for each position, in turn for each variant (the order rotates), the file is opened and analysed, one
// hover answered (not measured), then the edit (the line cut after the cursor) is sent with three questions
// at once: hover and definition of the receiver before `.`/`(`, and signature help at the hole. Three cases:
// `open` (the questions come with the file's opening), `quiet` (the server had nothing left to do when the
// edit came) and `typing` (an edit `--pause` ms earlier let a pushing pyright begin checking the file, and
// the question's edit arrives meanwhile, as the user types on). `off`, `nolib` (typeCheckingMode off, no
// library code for types) and `full` (whole-text didChange) are variants of `push`; `pull-off` and `pull-nolib`
// the same settings with `pull`, as the engine runs pyright.
// Prints per variant and case the median and p90 of the first answer and of all three, and the load.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { rangeChange } from '../src/core/facts/lsp-server';
import { protocol, type ProtocolConnection } from '../src/core/facts/protocol';
import { pyrightServer } from '../src/core/facts/server-binaries';
import { ensureCorpus } from './corpora';

interface Variant {
  readonly name: string;
  /** What workspace/configuration is answered, per section (`python`, `python.analysis`); null elsewhere. */
  readonly settings?: Record<string, unknown>;
  readonly fullChanges?: boolean;
  /**
   * Says the client pulls diagnostics (textDocument/diagnostic): pyright then checks a file only when asked,
   * never on its own after an edit; the script pulls where it waited for published diagnostics.
   */
  readonly pull?: boolean;
}

/** What pyright is started with (server-binaries.ts). */
const PYRIGHT = pyrightServer();
const VARIANTS: Record<string, Variant> = {
  push: { name: 'push' },
  pull: { name: 'pull', pull: true },
  off: { name: 'off', settings: { 'python.analysis': { typeCheckingMode: 'off' } } },
  nolib: { name: 'nolib', settings: { 'python.analysis': { useLibraryCodeForTypes: false } } },
  full: { name: 'full', fullChanges: true },
  'pull-off': { name: 'pull-off', pull: true, settings: { 'python.analysis': { typeCheckingMode: 'off' } } },
  'pull-nolib': { name: 'pull-nolib', pull: true, settings: { 'python.analysis': { useLibraryCodeForTypes: false } } },
};

function argument(name: string): string[] {
  const values: string[] = [];
  process.argv.forEach((arg, i) => arg === `--${name}` && process.argv[i + 1] && values.push(process.argv[i + 1]!));
  return values;
}

interface Position {
  line: number;
  character: number;
}
interface Hole {
  readonly root: string;
  readonly file: string;
  readonly text: string;
  readonly hole: Position;
  readonly receiver: Position;
}

function pythonFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory() && !entry.name.startsWith('.')) walk(full);
      else if (entry.isFile() && entry.name.endsWith('.py') && !/test/.test(full.slice(dir.length))) out.push(full);
    }
  };
  walk(dir);
  return out;
}

/** One hole per file, from the largest files down (the costly case), alternating member and argument holes. */
function chooseHoles(root: string, count: number): Hole[] {
  const files = pythonFiles(root)
    .map(file => ({ file, text: fs.readFileSync(file, 'utf8') }))
    .filter(f => f.text.split('\n').length > 80)
    .sort((a, b) => b.text.length - a.text.length);
  const stride = Math.max(1, Math.floor(files.length / count));
  const holes: Hole[] = [];
  for (let i = 0; i < files.length && holes.length < count; i += stride) {
    const { file, text } = files[i]!;
    const lines = text.split('\n');
    const pattern = holes.length % 2 === 0 ? /\b([a-z_]\w*)\.(?=[a-z_]\w*)/i : /\b([a-z_]\w*)\((?=[^)\s])/i;
    const middle = Math.floor(lines.length / 2);
    const line = lines.map((_, n) => (middle + n) % lines.length).find(n => pattern.test(lines[n]!) && !/^\s*(#|import|from|def|class)/.test(lines[n]!));
    if (line === undefined) continue;
    const match = pattern.exec(lines[line]!)!;
    holes.push({ root, file, text, hole: { line, character: match.index + match[0].length }, receiver: { line, character: match.index + 1 } });
  }
  return holes;
}

class Server {
  private readonly published = new Map<string, number>();
  private waiters = new Set<() => void>();
  private versions = new Map<string, { version: number; text: string }>();
  private constructor(
    readonly variant: Variant,
    private readonly child: ChildProcess,
    private readonly connection: ProtocolConnection,
  ) {}

  static async start(variant: Variant, root: string): Promise<Server> {
    const child = spawn(PYRIGHT.command, [...PYRIGHT.args], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', chunk => (stderr = (stderr + chunk).slice(-1000)));
    child.once('exit', code => code && console.log(`  (${variant.name}: pyright exited with ${code}: ${stderr})`));
    const connection = protocol.createProtocolConnection(new protocol.StreamMessageReader(child.stdout!), new protocol.StreamMessageWriter(child.stdin!));
    const server = new Server(variant, child, connection);
    connection.onRequest('workspace/configuration', (params: { items?: { section?: string }[] }) =>
      (params.items ?? []).map(item => (item.section && variant.settings?.[item.section]) ?? null),
    );
    connection.onRequest('workspace/workspaceFolders', () => [{ uri: pathToFileURL(root).href, name: path.basename(root) }]);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('client/registerCapability', () => null);
    // pyright asks us to pull again when what it knows changed; unanswered, its promise rejects and it exits.
    connection.onRequest('workspace/diagnostic/refresh', () => null);
    connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; version?: number }) => {
      server.published.set(decodeURIComponent(params.uri), params.version ?? -1);
      for (const waiter of server.waiters) waiter();
    });
    connection.listen();
    const rootUri = pathToFileURL(root).href;
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: path.basename(root) }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true },
        textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] }, ...(variant.pull ? { diagnostic: { dynamicRegistration: true } } : {}) },
      },
    });
    await connection.sendNotification('initialized', {});
    return server;
  }

  /** Opens or changes `file` to `text`; resolves when sent. */
  async sync(file: string, text: string): Promise<void> {
    const uri = pathToFileURL(file).href;
    const open = this.versions.get(uri);
    if (!open) {
      this.versions.set(uri, { version: 1, text });
      await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
      return;
    }
    const version = open.version + 1;
    const change = this.variant.fullChanges ? { text } : rangeChange(open.text, text);
    this.versions.set(uri, { version, text });
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
  }

  /** Waits until diagnostics for the current text of `file` are published: the server is done with it. */
  async analysed(file: string, timeoutMs = 30_000): Promise<boolean> {
    const uri = pathToFileURL(file).href;
    if (this.variant.pull) return this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } }).then(() => true);
    const done = () => (this.published.get(decodeURIComponent(uri)) ?? 0) >= (this.versions.get(uri)?.version ?? 1);
    if (done()) return true;
    return new Promise(resolve => {
      const timer = setTimeout(() => {
        console.log(`  (${this.variant.name}: no diagnostics for version ${this.versions.get(uri)?.version} of ${path.basename(file)} within ${timeoutMs} ms; last published ${this.published.get(decodeURIComponent(uri))})`);
        finish(false);
      }, timeoutMs);
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(ok);
      };
      const check = () => done() && finish(true);
      this.waiters.add(check);
    });
  }

  ask(method: string, file: string, position: Position): Promise<unknown> {
    return this.connection.sendRequest(method, { textDocument: { uri: pathToFileURL(file).href }, position });
  }

  async close(file: string): Promise<void> {
    const uri = pathToFileURL(file).href;
    this.versions.delete(uri);
    this.published.delete(decodeURIComponent(uri));
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** The server's resident memory (its worker threads included), in MB. */
  rssMb(): number {
    const status = fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
  }

  async stop(): Promise<void> {
    await Promise.race([this.connection.sendRequest('shutdown'), new Promise(resolve => setTimeout(resolve, 2000))]).catch(() => undefined);
    this.child.kill('SIGKILL');
    this.connection.dispose();
  }
}

function cut(hole: Hole, extra = ''): string {
  const lines = hole.text.split('\n');
  lines[hole.hole.line] = lines[hole.hole.line]!.slice(0, hole.hole.character) + extra;
  return lines.join('\n');
}

interface Sample {
  readonly variant: string;
  readonly scenario: string;
  readonly first: number;
  readonly all: number;
  readonly answered: number;
}

/** Sends the edit and the three questions at once; the times of the first answer and of all, from the edit. */
async function editAndAsk(server: Server, hole: Hole, text: string): Promise<{ first: number; all: number; answered: number }> {
  const sent = performance.now();
  await server.sync(hole.file, text);
  let first = Infinity;
  let answered = 0;
  const note = (answer: unknown) => {
    first = Math.min(first, performance.now() - sent);
    if (answer) answered++;
  };
  await Promise.all([
    server.ask('textDocument/hover', hole.file, hole.receiver).then(note),
    server.ask('textDocument/definition', hole.file, hole.receiver).then(note),
    server.ask('textDocument/signatureHelp', hole.file, hole.hole).then(note),
  ]);
  return { first, all: performance.now() - sent, answered };
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

async function measure(server: Server, hole: Hole, pauseMs: number): Promise<Sample[]> {
  const samples: Sample[] = [];
  samples.push({ variant: server.variant.name, scenario: 'open', ...(await editAndAsk(server, hole, hole.text)) });
  await server.analysed(hole.file);
  await server.ask('textDocument/hover', hole.file, hole.receiver);
  await sleep(50);
  samples.push({ variant: server.variant.name, scenario: 'quiet', ...(await editAndAsk(server, hole, cut(hole))) });
  await server.sync(hole.file, hole.text);
  await server.analysed(hole.file);
  // The user typed the line so far and paused: pyright begins checking that text 250 ms after the last
  // interaction; the next keystroke and its question come while it checks.
  await server.sync(hole.file, cut(hole, ' '));
  await sleep(pauseMs);
  samples.push({ variant: server.variant.name, scenario: 'typing', ...(await editAndAsk(server, hole, cut(hole))) });
  await server.sync(hole.file, hole.text);
  await server.analysed(hole.file);
  await server.close(hole.file);
  return samples;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  const corpora = argument('corpus').length ? argument('corpus') : ['python3-oauthlib'];
  const files = Number(argument('files')[0] ?? 12);
  const pauseMs = Number(argument('pause')[0] ?? 400);
  const variants = (argument('variants')[0] ?? 'push,pull').split(',').map(name => VARIANTS[name] ?? fail(`unknown variant ${name}`));
  const samples: Sample[] = [];
  const loads: number[] = [];
  {
    for (const name of corpora) {
      const corpus = await ensureCorpus(name);
      const holes = chooseHoles(corpus.dir, files);
      console.log(`${name}: ${holes.length} positions, load ${os.loadavg().map(l => l.toFixed(1)).join(' ')}`);
      const servers: Server[] = [];
      try {
        for (const variant of variants) servers.push(await Server.start(variant, corpus.dir));
        for (const [i, hole] of holes.entries()) {
          for (let k = 0; k < servers.length; k++) {
            const server = servers[(i + k) % servers.length]!;
            loads.push(os.loadavg()[0]!);
            const got = await measure(server, hole, pauseMs);
            samples.push(...got);
            console.log(`  ${path.relative(corpus.dir, hole.file)}:${hole.hole.line + 1} ${server.variant.name}: ${got.map(s => `${s.scenario} first ${s.first.toFixed(0)} all ${s.all.toFixed(0)} (${s.answered}/3)`).join(', ')}`);
          }
        }
        console.log(`  resident memory: ${servers.map(server => `${server.variant.name} ${server.rssMb().toFixed(0)} MB`).join(', ')}`);
      } finally {
        await Promise.all(servers.map(server => server.stop()));
      }
    }
  }
  console.log(`load (1 min) during: median ${quantile(loads, 0.5).toFixed(1)}, range ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)}`);
  console.log('variant | case | first answer p50 / p90 ms | all three p50 / p90 ms | answered');
  for (const scenario of ['open', 'quiet', 'typing']) {
    for (const variant of variants) {
      const mine = samples.filter(s => s.variant === variant.name && s.scenario === scenario);
      const first = mine.map(s => s.first);
      const all = mine.map(s => s.all);
      console.log(
        `${variant.name} | ${scenario} | ${quantile(first, 0.5).toFixed(0)} / ${quantile(first, 0.9).toFixed(0)} | ${quantile(all, 0.5).toFixed(0)} / ${quantile(all, 0.9).toFixed(0)} | ${mine.reduce((n, s) => n + s.answered, 0)}/${mine.length * 3}`,
      );
    }
  }
}

function fail(message: string): never {
  throw new Error(message);
}

main().catch(error => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
