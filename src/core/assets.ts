import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where the runtime files live: tree-sitter grammars (.wasm) and queries (syntaxes/<language>/*.scm). */
export interface AssetPaths {
  /** Folder holding the tree-sitter-<language>.wasm grammars. */
  readonly wasmDir: string;
  /** web-tree-sitter's own runtime, passed to `Parser.init({ locateFile })`. */
  readonly runtimeWasm: string;
  /** The syntaxes/ folder. */
  readonly queriesDir: string;
}

let cached: AssetPaths | undefined;

/**
 * Finds the assets both in the bundle (dist/*.js with dist/wasm/ beside it, syntaxes/ one level up) and
 * when running from sources (src/**.ts with the grammars in node_modules). Walks up from this file to the
 * package root, so it works from any depth.
 */
export function assetPaths(): AssetPaths {
  if (cached) return cached;
  const bundledWasm = path.join(__dirname, 'wasm');
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'syntaxes')) || !fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Codebase Context: cannot find the syntaxes/ folder above ${__dirname}; the installation is incomplete.`);
    dir = parent;
  }
  const bundled = fs.existsSync(bundledWasm);
  const wasmDir = bundled ? bundledWasm : path.join(dir, 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm');
  const runtimeWasm = bundled ? path.join(bundledWasm, 'web-tree-sitter.wasm') : path.join(dir, 'node_modules', 'web-tree-sitter', 'web-tree-sitter.wasm');
  cached = { wasmDir, runtimeWasm, queriesDir: path.join(dir, 'syntaxes') };
  return cached;
}
