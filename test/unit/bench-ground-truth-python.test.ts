import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { holePosition } from '../../bench/ground-truth';
import { jediEnvironment, pythonSources, samplePythonGroundTruth, utf16Column } from '../../bench/ground-truth-python';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'bench-python');
const hasJedi = spawnSync('python3', ['-c', 'import jedi']).status === 0;

describe('Python ground truth (jedi)', { skip: hasJedi ? false : 'python3-jedi is not installed (apt-get install python3-jedi)' }, () => {
  test('finds the definitions in other files that each sampled line uses, with their category and spans', async () => {
    const truth = await samplePythonGroundTruth(FIXTURE, { maxPerFile: 100, minLineGap: 1 });
    assert.deepEqual(truth.files, ['shop/__init__.py', 'shop/cart.py', 'shop/models.py']);
    const item = { file: 'shop/models.py', startLine: 3, endLine: 9, signatureLine: 3, signatureEndLine: 3 };
    const byLine = new Map(truth.positions.map(p => [`${p.file}:${p.line}`, p.gold]));
    // The import line (0) is never a target, as import declarations are not for TypeScript.
    assert.ok(!byLine.has('shop/cart.py:0'));
    assert.deepEqual(byLine.get('shop/cart.py:8'), [{ name: 'Item', category: 'imported_or_seen', sites: [item], column: 26 }]);
    assert.deepEqual(byLine.get('shop/cart.py:11'), [{ name: 'TAX_RATE', category: 'imported_or_seen', sites: [{ file: 'shop/models.py', startLine: 12, endLine: 12, signatureLine: 12, signatureEndLine: 12 }], column: 55 }]);
    assert.deepEqual(byLine.get('shop/cart.py:17'), [{ name: 'name', category: 'member', sites: [{ file: 'shop/models.py', startLine: 5, endLine: 5, signatureLine: 5, signatureEndLine: 5 }], column: 20 }]);
    // models.py uses nothing from another file; uses inside one file are not gold.
    assert.ok(truth.positions.every(p => p.file === 'shop/cart.py'));
    assert.equal(truth.sourceOf('shop/cart.py').split('\n')[8], '        self.items.append(Item(name, price))');
    // Hole masking: the cursor right after `item.`, where the member must be produced.
    const cart = truth.sourceOf('shop/cart.py').split('\n');
    const hole = holePosition(truth.positions.find(p => p.line === 17)!, cart.slice(0, 17).join('\n'));
    assert.equal(cart[17].slice(0, hole.column), '        return item.');
    assert.deepEqual(hole.gold.map(g => [g.name, g.category]), [['name', 'member']]);
  });

  test("a corpus's absolute imports of its own package reach the corpus, not a copy installed on the path", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jedi-shadow-'));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    };
    write('corpus/app/__init__.py', '');
    write('corpus/app/models.py', 'class Item:\n    def __init__(self, name):\n        self.name = name\n');
    write('corpus/app/cart.py', 'from app.models import Item\n\n\ndef make(name):\n    return Item(name)\n');
    // The same package installed elsewhere, as pip's jedi is beside the python3-jedi corpus.
    write('installed/app/__init__.py', '');
    write('installed/app/models.py', '\n\nclass Item:\n    pass\n');
    const saved = process.env.PYTHONPATH;
    process.env.PYTHONPATH = path.join(root, 'installed');
    try {
      const truth = await samplePythonGroundTruth(path.join(root, 'corpus'), { maxPerFile: 100, minLineGap: 1 });
      assert.deepEqual(truth.positions.map(p => [p.file, p.line, p.gold.map(g => [g.name, g.sites.map(s => `${s.file}:${s.signatureLine}`)])]), [
        ['app/cart.py', 4, [['Item', ['app/models.py:0']]]],
      ]);
    } finally {
      if (saved === undefined) delete process.env.PYTHONPATH;
      else process.env.PYTHONPATH = saved;
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  test("the gold does not depend on jedi's shared parse cache, even one another process left half-written", async () => {
    const cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'jedi-shared-cache-'));
    const saved = process.env.XDG_CACHE_HOME;
    // jedi's default cache directory is $XDG_CACHE_HOME/jedi, shared by every jedi the user runs.
    process.env.XDG_CACHE_HOME = cacheHome;
    try {
      const options = { maxPerFile: 100, minLineGap: 1 };
      const clean = await samplePythonGroundTruth(FIXTURE, options);
      const pickles = () => (fs.readdirSync(cacheHome, { recursive: true, encoding: 'utf8' }) as string[]).filter(f => f.endsWith('.pkl')).map(f => path.join(cacheHome, f));
      assert.deepEqual(pickles(), [], 'the ground truth parses into a cache of its own');
      // Another jedi (an editor, another benchmark) parses the fixture into the shared cache …
      const other = spawnSync('python3', ['-c', 'import jedi, sys; p = jedi.Project(sys.argv[1]); s = jedi.Script(path=sys.argv[2], project=p); [n.goto(follow_imports=True) for n in s.get_names(all_scopes=True, references=True)]', FIXTURE, path.join(FIXTURE, 'shop/cart.py')], { env: process.env, encoding: 'utf8' });
      assert.equal(other.status, 0, other.stderr);
      assert.ok(pickles().some(f => fs.readFileSync(f).includes('TAX_RATE')), 'the other jedi left the fixture in the shared cache');
      // … and is caught halfway through writing every pickle (parso writes them in place).
      for (const file of pickles()) fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2));
      const again = await samplePythonGroundTruth(FIXTURE, options);
      assert.deepEqual(again.positions, clean.positions);
      assert.ok(clean.positions.length >= 3);
    } finally {
      if (saved === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved;
      fs.rmSync(cacheHome, { recursive: true, force: true });
    }
  });

  test("jedi runs with a fixed hash seed, whatever the caller's", () => {
    assert.equal(jediEnvironment({ PYTHONHASHSEED: 'random', PATH: '/bin' }).PYTHONHASHSEED, '0');
    assert.equal(jediEnvironment({ PATH: '/bin' }).PATH, '/bin');
  });

  // jedi orders what it infers partly by object address; with a randomized heap, python3-jedi's gold moved 17 of
  // 100 positions in about half the runs, and with a fixed one the addresses still followed the working
  // directory, the environment and the script's path (jedi-gold.py, in_fixed_process).
  test('jedi answers in a process laid out alike whoever starts it: addresses fixed, at /, with a fixed environment, by itself (Linux)', { skip: process.platform === 'linux' ? false : 'Linux only' }, async () => {
    const child = spawn('python3', [path.join(__dirname, '..', '..', 'bench', 'jedi-gold.py'), path.relative(os.tmpdir(), FIXTURE)], { cwd: os.tmpdir(), env: { ...jediEnvironment(), CALLER_ONLY: 'x', PYTHONPATH: '/nowhere' } });
    try {
      const answers = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
      child.stdin.write(`${JSON.stringify({ file: 'shop/cart.py', line: 8 })}\n`);
      assert.equal(JSON.parse((await answers.next()).value).gold[0].name, 'Item');
      // Read while it still runs: the process that answered, after the script re-executed itself.
      const proc = (entry: string) => fs.readFileSync(`/proc/${child.pid}/${entry}`, 'utf8');
      const persona = proc('personality').trim();
      assert.ok(Number.parseInt(persona, 16) & 0x0040000, `persona ${persona} lacks ADDR_NO_RANDOMIZE`);
      assert.equal(fs.readlinkSync(`/proc/${child.pid}/cwd`), '/');
      const environment = proc('environ').split('\0').filter(Boolean).sort();
      assert.deepEqual(environment, ['JEDI_GOLD_FIXED_PROCESS=1', 'PYTHONHASHSEED=0', 'PYTHONPATH=/nowhere', 'PYTHONUTF8=1']);
      const [, flag, , root, ...rest] = proc('cmdline').split('\0');
      assert.deepEqual([flag, root, rest.filter(Boolean)], ['-c', fs.realpathSync(FIXTURE), []], "the script is run as text, not by the worktree's path");
      // jedi inspects compiled modules in this process, not in a subprocess of its own.
      assert.equal(fs.readdirSync(`/proc/${child.pid}/task`).length, 1, 'one thread');
      assert.equal(spawnSync('pgrep', ['-P', String(child.pid)]).stdout.length, 0, 'no child process');
    } finally {
      child.stdin.end();
    }
  });

  test('the same seed gives the same positions', async () => {
    const once = await samplePythonGroundTruth(FIXTURE, { maxPerFile: 2, minLineGap: 3 });
    const again = await samplePythonGroundTruth(FIXTURE, { maxPerFile: 2, minLineGap: 3 });
    assert.deepEqual(again.positions, once.positions);
    assert.equal(once.positions.length, 2);
  });
});

test("jedi's columns (code points) become UTF-16 columns, as editors count them", () => {
  assert.equal(utf16Column('s = "𝒳" + name', 11), 12);
  assert.equal(utf16Column('s = name', 4), 4);
});

test('Python sources leave out tests and byte code', () => {
  assert.deepEqual(pythonSources(FIXTURE), ['shop/__init__.py', 'shop/cart.py', 'shop/models.py']);
});
