import { EXTERNAL, foundOr, workspaceFile, type LanguageResolver } from './resolve-context';
import { closestTo, filesEndingWith, firstFileIn, foldersEndingWith } from './resolve-suffix';
import { dirOf } from './resolve-paths';

/**
 * Languages whose imports are qualified names mirrored by folders (Java `a.b.C` in `…/a/b/C.java`, C#
 * `A.B`, PHP `A\B\C` under a PSR-4 root). The source root is unknown, so the path is matched as a
 * suffix; a name that matches no file is a library's.
 */
interface QualifiedNameStyle {
  readonly separator: string;
  readonly extension: string;
  /**
   * How many trailing segments a PSR-4-like match may keep at least: PHP strips the vendor prefix
   * (`App\Models\User` lives in `app/Models/User.php`), Java and C# mirror the whole name.
   */
  readonly minimumSegments: (segments: number) => number;
  /** Whether `a.b` may name a package folder (wildcard imports), resolved to its first file. */
  readonly packageFolders: boolean;
}

function qualifiedNameResolver(style: QualifiedNameStyle): LanguageResolver {
  return {
    scopeOf: dirOf,
    resolve(context, fromFile, specifier) {
      const segments = specifier.split(style.separator).filter(Boolean);
      if (segments.length < 2) return EXTERNAL; // `using System;`: a bare name would match unrelated files
      const { files } = context;
      // `a.b.C.m` (a static import, a nested class) lives in `a/b/C`: try shorter names after the full one.
      for (let length = segments.length; length >= 1; length--) {
        const kept = segments.slice(0, length);
        for (let start = 0; length - start >= style.minimumSegments(length); start++) {
          const suffix = kept.slice(start).join('/');
          const found = closestTo(fromFile, filesEndingWith(files, suffix + style.extension));
          if (found) return workspaceFile(found);
          if (style.packageFolders && length === segments.length && start === 0) {
            const folder = closestTo(fromFile, foldersEndingWith(files, suffix).filter(f => firstFileIn(files, f, style.extension)));
            if (folder !== undefined) return foundOr(firstFileIn(files, folder, style.extension), EXTERNAL);
          }
        }
        if (length <= 2) break; // shorter would be a bare name again
      }
      return EXTERNAL;
    },
  };
}

export const javaResolver = qualifiedNameResolver({ separator: '.', extension: '.java', minimumSegments: n => n, packageFolders: true });
export const csharpResolver = qualifiedNameResolver({ separator: '.', extension: '.cs', minimumSegments: n => n, packageFolders: true });
/** PHP namespaces resolve by PSR-4 suffix; `require 'x.php'` is a path, handled by the path-style resolver. */
export const phpNamespaceResolver = qualifiedNameResolver({ separator: '\\', extension: '.php', minimumSegments: n => Math.min(n, 2), packageFolders: false });
