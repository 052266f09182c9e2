// Test support for the packing tests: a real in-process view of a fixture folder (real files, real
// tree-sitter extraction) and rankings built from its real declarations. Packing only reads IndexView.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SymbolExtractor } from '../../src/core/index/extract';
import { languageForPath } from '../../src/core/languages';
import type { IndexView, SymbolLocation } from '../../src/core/index/view';
import type { IndexedFile, RankedFile, RankedSpan } from '../../src/core/types';

export const SHOP = path.join(__dirname, '..', 'fixtures', 'pack-shop');

function walk(root: string, dir = ''): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap(entry => {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    return entry.isDirectory() ? walk(root, rel) : [rel];
  });
}

export async function fixtureView(root: string): Promise<IndexView> {
  const extractor = await SymbolExtractor.create();
  const files = new Map<string, IndexedFile>();
  const texts = new Map<string, string>();
  for (const rel of walk(root).sort()) {
    const language = languageForPath(rel);
    if (!language || !(await extractor.ensureLanguage(language))) continue;
    const text = fs.readFileSync(path.join(root, rel), 'utf8');
    const symbols = extractor.extract(language, text);
    texts.set(rel, text);
    files.set(rel, {
      ...symbols,
      path: rel,
      language,
      size: text.length,
      mtimeMs: 0,
      hash: createHash('sha1').update(text).digest('hex'),
      resolvedImports: symbols.imports.map(() => undefined),
    });
  }
  const definitionsOf = (name: string): SymbolLocation[] =>
    [...files.values()].flatMap(f => f.definitions.filter(d => d.name === name).map(definition => ({ path: f.path, definition })));
  return {
    root,
    generation: 0, // a fixture never changes
    changesSince: () => [],
    file: p => files.get(p),
    files: () => files.values(),
    text: p => texts.get(p),
    textInMemory: p => texts.get(p),
    symbols: { definitionsOf, importsOf: () => [], importersOf: () => [], referencingFileCount: () => 0 },
  };
}

/** A ranked file whose spans are the named declarations of `path`, scored as given (best first). */
export function rankedDeclarations(view: IndexView, path: string, scores: Record<string, number>, source = 'definitions'): RankedFile {
  const file = view.file(path);
  if (!file) throw new Error(`fixture has no ${path}`);
  const spans: RankedSpan[] = Object.entries(scores)
    .map(([name, score]) => {
      const definition = file.definitions.find(d => d.name === name);
      if (!definition) throw new Error(`${path} declares no ${name}`);
      return { startLine: definition.range.start.line, endLine: definition.range.end.line, score, reasons: [`uses ${name}`], definition };
    })
    .sort((a, b) => b.score - a.score);
  return { path, score: Math.max(...spans.map(s => s.score)), reasons: ['test ranking'], source, spans };
}
