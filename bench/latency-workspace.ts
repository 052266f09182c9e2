// The workspaces the latency benchmark edits: a private copy of any corpus (the session writes files), and
// the combined workspace of more than 10,000 source files, assembled once and cached outside the repository.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { languageForPath } from '../src/core/languages';
import { cacheHome } from '../src/core/index/cache';
import { DEFAULT_MAX_FILE_BYTES } from '../src/core/workspace';
import { defaultExclusionReason } from '../src/core/workspace/default-rules';
import { DEFAULT_CORPORA, ensureCorpus, type Corpus } from './corpora';

/** The size the aims are stated for. */
export const COMBINED_MIN_FILES = 10_000;

/** Bump when the recipe below changes, so a cached assembly of the old recipe is not reused. */
const COMBINED_RECIPE = 1;
const COMBINED_DIR = path.join(cacheHome(), `latency-combined-v${COMBINED_RECIPE}`);
/** Not a default-excluded name (checked at assembly): the dependencies' sources are indexed as any source. */
const LIBRARIES_FOLDER = 'libraries';
const CORPORA_FOLDER = 'corpora';

/** A copy in a fresh temporary folder, removed by `dispose`. */
export function privateCopy(corpus: Corpus): Corpus & { dispose(): void } {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-latency-'));
  const dir = path.join(scratch, path.basename(corpus.dir));
  fs.cpSync(corpus.dir, dir, { recursive: true });
  return { ...corpus, dir, dispose: () => fs.rmSync(scratch, { recursive: true, force: true }) };
}

/**
 * Every default corpus side by side (each with its own excludes, scoped to its folder), plus this project's
 * installed dependencies' TypeScript and JavaScript files under `libraries/`. Folder names that the default
 * rules exclude inside packages (`dist`, `build`, a nested `node_modules`) get a suffix, and files those
 * rules call generated or that are over the size limit are not copied: the index would skip them, and
 * the workspace is meant to have that many indexed files.
 */
export async function ensureCombinedWorkspace(): Promise<Corpus> {
  const workspace = path.join(COMBINED_DIR, 'workspace');
  const corpora = await Promise.all(DEFAULT_CORPORA.map(ensureCorpus));
  const folderOf = (corpus: Corpus) => corpus.name.replace('/', '__');
  const excludeGlobs = corpora.flatMap(c => c.excludeGlobs.map(glob => `${CORPORA_FOLDER}/${folderOf(c)}/${glob}`));
  const done = path.join(COMBINED_DIR, '.complete');
  if (!fs.existsSync(done)) {
    if (defaultExclusionReason(LIBRARIES_FOLDER, true)) throw new Error(`'${LIBRARIES_FOLDER}' is excluded by default: choose another folder name.`);
    process.stderr.write(`assembling the combined workspace in ${workspace} …\n`);
    fs.rmSync(COMBINED_DIR, { recursive: true, force: true });
    for (const corpus of corpora) fs.cpSync(corpus.dir, path.join(workspace, CORPORA_FOLDER, folderOf(corpus)), { recursive: true });
    copySources(path.join(__dirname, '..', 'node_modules'), path.join(workspace, LIBRARIES_FOLDER));
    fs.writeFileSync(done, new Date().toISOString());
  }
  return { name: 'combined', dir: workspace, excludeGlobs };
}

function copySources(from: string, to: string): void {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) {
      const name = defaultExclusionReason(entry.name, true) ? `${entry.name}-copy` : entry.name;
      copySources(source, path.join(to, name));
    } else if (entry.isFile() && isScript(entry.name) && !defaultExclusionReason(entry.name, false) && fs.statSync(source).size <= DEFAULT_MAX_FILE_BYTES) {
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(source, path.join(to, entry.name));
    }
  }
}

function isScript(name: string): boolean {
  const language = languageForPath(name);
  return language === 'typescript' || language === 'tsx' || language === 'javascript';
}
