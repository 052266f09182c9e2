import type { LanguageId } from '../types';
import type { GoModule, WorkspaceConfigs } from './resolve-context';
import type { FileSet } from './resolve-file-set';
import { parseGoModule } from './resolve-go';
import { loadPackages, PackageIndex } from './resolve-packages';
import { PYTHON_PROJECT_FILES } from './resolve-python';
import { loadProjectConfigs, type ReadWorkspaceFile } from './resolve-tsconfig';
import { languageForPath } from '../languages';

const SCRIPT_LANGUAGES: ReadonlySet<LanguageId> = new Set(['typescript', 'tsx', 'javascript']);

/**
 * Reads, once, every configuration that resolution consults, in the folders that hold indexed files or
 * lie above them: tsconfig/jsconfig and package.json for scripts, pyproject.toml/setup.cfg for Python,
 * go.mod for Go. Only the configs of languages present are read.
 */
export async function loadWorkspaceConfigs(files: FileSet, readFile: ReadWorkspaceFile): Promise<WorkspaceConfigs> {
  const languages = new Set<LanguageId>();
  for (const path of files.paths()) {
    const language = languageForPath(path);
    if (language) languages.add(language);
  }
  const folders = [...files.folders()].sort();
  const hasScripts = [...languages].some(l => SCRIPT_LANGUAGES.has(l));
  const at = (folder: string, name: string) => (folder === '' ? name : `${folder}/${name}`);
  const [projectConfigs, packages, pythonProjectDirs, goModules] = await Promise.all([
    hasScripts ? loadProjectConfigs(folders, readFile) : new Map(),
    hasScripts ? loadPackages(folders, readFile) : new PackageIndex(new Map(), new Set()),
    languages.has('python') ? foldersHavingAny(folders, PYTHON_PROJECT_FILES, readFile) : [],
    languages.has('go') ? readGoModules(folders, folder => readFile(at(folder, 'go.mod'))) : [],
  ]);
  return { projectConfigs, packages, pythonProjectDirs, goModules };
}

async function foldersHavingAny(folders: readonly string[], names: readonly string[], readFile: ReadWorkspaceFile): Promise<string[]> {
  const present = await Promise.all(
    folders.map(async folder => {
      for (const name of names) if ((await readFile(folder === '' ? name : `${folder}/${name}`)) !== undefined) return true;
      return false;
    }),
  );
  return folders.filter((_, i) => present[i]);
}

async function readGoModules(folders: readonly string[], readGoMod: (folder: string) => Promise<string | undefined>): Promise<GoModule[]> {
  const modules = await Promise.all(
    folders.map(async folder => {
      const text = await readGoMod(folder);
      return text === undefined ? undefined : parseGoModule(folder, text);
    }),
  );
  return modules.filter((m): m is GoModule => m !== undefined).sort((a, b) => b.path.length - a.path.length || (a.dir < b.dir ? -1 : 1));
}
