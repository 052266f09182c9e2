// The yardstick for the index benchmark: a bare loop that reads each file, parses it with tree-sitter and
// runs the language's queries, keeping nothing. Runs in its own thread, like the index's worker.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { Language, Parser, Query } from 'web-tree-sitter';
import { assetPaths } from '../src/core/assets';
import { readQuerySource } from '../src/core/index/grammars';
import { languageInfo } from '../src/core/languages';
import type { LanguageId } from '../src/core/types';

interface RawJob { readonly absPath: string; readonly language: LanguageId }

async function main(jobs: readonly RawJob[]) {
  const assets = assetPaths();
  await Parser.init({ locateFile: () => assets.runtimeWasm });
  const loaded = new Map<LanguageId, { parser: Parser; queries: Query[] }>();
  const prepare = async (id: LanguageId) => {
    const language = await Language.load(path.join(assets.wasmDir, languageInfo(id).grammar));
    const parser = new Parser();
    parser.setLanguage(language);
    // The same composed tags query the extractor runs (`; inherits:` resolved), so the yardstick is fair.
    loaded.set(id, { parser, queries: [new Query(language, readQuerySource(assets.queriesDir, id))] });
  };
  for (const id of new Set(jobs.map(j => j.language))) await prepare(id);

  const started = performance.now();
  let bytes = 0;
  let captures = 0;
  for (const job of jobs) {
    const text = fs.readFileSync(job.absPath, 'utf8');
    bytes += Buffer.byteLength(text);
    const { parser, queries } = loaded.get(job.language)!;
    const tree = parser.parse(text);
    if (!tree) continue;
    for (const query of queries) captures += query.captures(tree.rootNode).length;
    tree.delete();
  }
  const m = process.memoryUsage();
  parentPort!.postMessage({ elapsedMs: performance.now() - started, files: jobs.length, bytes, captures, peakBytes: m.heapTotal + m.external });
}

void main(workerData as RawJob[]);
