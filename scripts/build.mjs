// Bundles the extension, the command line, the engine thread and the index worker with esbuild, and copies the
// tree-sitter runtime and grammars beside the bundle (dist/wasm/).
//
// web-tree-sitter's ESM build reads `import.meta.url`, which is undefined once bundled into CommonJS:
// we alias the package to its own CommonJS build and pass `locateFile` at init (see src/core/assets.ts).
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
// --outdir=DIR: the packaging script builds into its own staging folder, leaving dist/ to whoever uses it.
const outdirArg = process.argv.find(arg => arg.startsWith('--outdir='));
const dist = outdirArg ? path.resolve(outdirArg.slice('--outdir='.length)) : path.join(root, 'dist');
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const webTreeSitterDir = path.dirname(require.resolve('web-tree-sitter', { paths: [root] })); // its exports map hides package.json
const grammarsDir = path.join(path.dirname(require.resolve('@vscode/tree-sitter-wasm/package.json', { paths: [root] })), 'wasm');

fs.rmSync(dist, { recursive: true, force: true });
fs.mkdirSync(path.join(dist, 'wasm'), { recursive: true });
fs.copyFileSync(path.join(webTreeSitterDir, 'web-tree-sitter.wasm'), path.join(dist, 'wasm', 'web-tree-sitter.wasm'));
// Only the grammars the engine knows (src/core/languages.ts names them), not every one the package has.
const languagesSource = fs.readFileSync(path.join(root, 'src/core/languages.ts'), 'utf8');
for (const [, grammar] of languagesSource.matchAll(/grammar: '([\w.-]+\.wasm)'/g)) {
  fs.copyFileSync(path.join(grammarsDir, grammar), path.join(dist, 'wasm', grammar));
}

/** @type {import('esbuild').BuildOptions} */
const options = {
  absWorkingDir: root,
  entryPoints: {
    extension: 'src/extension.ts',
    cli: 'src/cli/main.ts',
    engine: 'src/core/public-api.ts',
    // The editor runs the engine in this thread (src/core/service/engine-thread.ts); it starts the index workers.
    'engine-worker': 'src/core/service/engine-worker.ts',
    'index-worker': 'src/core/index/worker.ts',
  },
  outdir: dist,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  // tsx only serves running from sources (src/core/threads.ts); the bundle always finds its own worker.
  external: ['vscode', 'tsx', 'typescript-native', 'pyright'],
  alias: {
    'web-tree-sitter': path.join(webTreeSitterDir, 'web-tree-sitter.cjs'),
    // Its package "main" is a UMD build whose inner require()s esbuild cannot follow; the ES build bundles.
    'jsonc-parser': path.join(path.dirname(require.resolve('jsonc-parser/package.json', { paths: [root] })), 'lib/esm/main.js'),
  },
  logLevel: 'warning',
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
  console.log('esbuild: watching');
} else {
  await esbuild.build(options);
  fs.chmodSync(path.join(dist, 'cli.js'), 0o755);
}
