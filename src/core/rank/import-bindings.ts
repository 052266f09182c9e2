import { localBinding } from '../cursor/imported-names';
import type { CursorFacts } from '../types';

export interface ImportBinding {
  /** The name as the source module exports it (`*` for a namespace, `default`). */
  readonly importedName: string;
  readonly source: string;
  /** Workspace path of the module, when it resolves inside the workspace. */
  readonly resolvedPath?: string;
}

/** Local name -> what it was imported as, for the current file's imports (re-exports bind nothing locally). */
export function importBindings(cursor: CursorFacts): Map<string, ImportBinding> {
  const bindings = new Map<string, ImportBinding>();
  cursor.imports.forEach((record, i) => {
    if (record.reexport) return;
    const resolvedPath = cursor.resolvedImports[i];
    for (const imported of record.names) {
      const local = localBinding(cursor.language, record, imported);
      if (local !== undefined && !bindings.has(local)) {
        bindings.set(local, { importedName: imported.name, source: record.source, ...(resolvedPath ? { resolvedPath } : {}) });
      }
    }
  });
  return bindings;
}
