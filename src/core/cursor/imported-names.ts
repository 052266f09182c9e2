import type { ImportedName, ImportedNameUse, ImportRecord, LanguageId, NearbyIdentifier } from '../types';

/**
 * The name an import binds in the importing file. Explicit aliases win; a named import binds its own
 * name; a namespace/default import without alias binds what the language derives from the module:
 * Python `import os.path` binds `os`, Go `import "net/http"` binds `http`.
 */
export function localBinding(language: LanguageId, record: ImportRecord, imported: ImportedName): string | undefined {
  // Python's `import os.path` binds `os` (some extractors put the dotted path in the alias).
  if (imported.alias) return imported.alias.split('.')[0];
  if (imported.name !== '*' && imported.name !== 'default') return imported.name;
  if (language === 'python') return record.source.replace(/^\.+/, '').split('.')[0] || undefined;
  const lastSegment = record.source.split('/').pop() ?? '';
  return /^[A-Za-z_$][\w$]*$/.test(lastSegment) ? lastSegment : undefined;
}

/**
 * Imported names used near the cursor (as identifiers or as receivers of member accesses), one entry per
 * local name at its smallest distance, nearest first. Re-exports bind nothing locally and are skipped.
 */
export function importedNamesNear(language: LanguageId, imports: readonly ImportRecord[], resolvedImports: readonly (string | undefined)[], identifiers: readonly NearbyIdentifier[]): ImportedNameUse[] {
  const nearest = new Map<string, number>();
  const note = (name: string, distance: number): void => {
    const known = nearest.get(name);
    if (known === undefined || distance < known) nearest.set(name, distance);
  };
  for (const identifier of identifiers) {
    if (identifier.kind !== 'member') note(identifier.name, identifier.distance);
    if (identifier.receiver) note(identifier.receiver, identifier.distance);
  }
  const uses: ImportedNameUse[] = [];
  imports.forEach((record, i) => {
    if (record.reexport) return;
    for (const imported of record.names) {
      const localName = localBinding(language, record, imported);
      const distance = localName === undefined ? undefined : nearest.get(localName);
      if (localName === undefined || distance === undefined) continue;
      const resolvedPath = resolvedImports[i];
      uses.push({ localName, importedName: imported.name, source: record.source, ...(resolvedPath ? { resolvedPath } : {}), distance });
    }
  });
  return uses.sort((a, b) => a.distance - b.distance);
}
