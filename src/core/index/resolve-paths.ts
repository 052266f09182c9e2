// Workspace-relative path arithmetic for import resolution. Paths use forward slashes, have no leading
// `./` and the workspace root is the empty string, so they can be compared and used as map keys as is.

/** The folder of a workspace path; '' for a file at the root. */
export function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

export function baseOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Joins a folder and a relative path, folding `.` and `..`. Undefined when the result would leave the
 * workspace: nothing outside it can be a workspace file.
 */
export function joinPath(dir: string, relative: string): string | undefined {
  const parts = dir === '' ? [] : dir.split('/');
  for (const part of relative.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  return parts.join('/');
}

/** The folder itself and every folder above it, nearest first, ending with the root ''. */
export function* foldersUp(dir: string): Generator<string> {
  let current = dir;
  for (;;) {
    yield current;
    if (current === '') return;
    current = dirOf(current);
  }
}

/** True when `path` is `dir` or lies below it. */
export function isWithin(path: string, dir: string): boolean {
  return dir === '' || path === dir || path.startsWith(dir + '/');
}
