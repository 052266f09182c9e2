import { localBinding } from '../cursor/imported-names';
import type { IndexView } from '../index/view';
import type { CursorFacts } from '../types';

export interface ImportBinding {
  /** The name as the source module exports it (`*` for a namespace, `default`). */
  readonly importedName: string;
  readonly source: string;
  /** Workspace path of the module, when it resolves inside the workspace. */
  readonly resolvedPath?: string;
}

/** A Python package's own module: `from pkg import name` looks for `name` in it before the submodule. */
const PACKAGE_INIT = /(?:^|\/)__init__\.pyi?$/;

/**
 * Local name -> what it was imported as, for the current file's imports (re-exports bind nothing locally).
 * Python's `from . import utils` binds the submodule `utils` when the package itself neither declares nor
 * imports that name: it is then a namespace of that module's file, exactly as `import pkg.utils as utils`.
 */
export function importBindings(cursor: CursorFacts, index: IndexView): Map<string, ImportBinding> {
  const bindings = new Map<string, ImportBinding>();
  cursor.imports.forEach((record, i) => {
    if (record.reexport) return;
    const resolvedPath = cursor.resolvedImports[i];
    for (const imported of record.names) {
      const local = localBinding(cursor.language, record, imported);
      if (local === undefined || bindings.has(local)) continue;
      const submodule = cursor.language === 'python' && resolvedPath ? submoduleOf(index, resolvedPath, imported.name) : undefined;
      bindings.set(local, submodule
        ? { importedName: '*', source: record.source, resolvedPath: submodule }
        : { importedName: imported.name, source: record.source, ...(resolvedPath ? { resolvedPath } : {}) });
    }
  });
  return bindings;
}

/** The indexed file of the submodule `name` of the package whose `__init__` is `packagePath`, unless the package binds `name` to something else. */
function submoduleOf(index: IndexView, packagePath: string, name: string): string | undefined {
  if (name === '*' || !PACKAGE_INIT.test(packagePath)) return undefined;
  const init = index.file(packagePath);
  if (!init) return undefined;
  // `from . import mod` (or `from pkg import mod`) in the package's own __init__ binds the submodule too.
  const bindsName = init.definitions.some(d => d.name === name && !d.container)
    || init.imports.some((record, i) => init.resolvedImports[i] !== packagePath && record.names.some(imported => localBinding('python', record, imported) === name));
  if (bindsName) return undefined;
  const folder = packagePath.replace(PACKAGE_INIT, '');
  const base = folder === '' ? name : `${folder}/${name}`;
  return [`${base}.py`, `${base}/__init__.py`, `${base}.pyi`, `${base}/__init__.pyi`].find(path => index.file(path) !== undefined);
}
