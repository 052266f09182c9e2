import { baseOf, dirOf, foldersUp } from './resolve-paths';

/**
 * The indexed source files, with the lookups resolution needs: membership, folder existence, a folder's
 * own files, and files by base name (for languages resolved by path suffix). Add/remove are O(depth).
 */
export class FileSet {
  private readonly files = new Set<string>();
  private readonly filesByDir = new Map<string, Set<string>>();
  /** How many files lie anywhere below each folder: a folder exists while its count is positive. */
  private readonly filesBelow = new Map<string, number>();
  private readonly filesByBaseName = new Map<string, Set<string>>();
  private readonly foldersByBaseName = new Map<string, Set<string>>();

  constructor(paths: Iterable<string>) {
    for (const path of paths) this.add(path);
  }

  add(path: string): boolean {
    if (this.files.has(path)) return false;
    this.files.add(path);
    addToBucket(this.filesByDir, dirOf(path), path);
    addToBucket(this.filesByBaseName, baseOf(path), path);
    for (const folder of foldersUp(dirOf(path))) {
      const count = this.filesBelow.get(folder) ?? 0;
      if (count === 0) addToBucket(this.foldersByBaseName, baseOf(folder), folder);
      this.filesBelow.set(folder, count + 1);
    }
    return true;
  }

  remove(path: string): boolean {
    if (!this.files.delete(path)) return false;
    removeFromBucket(this.filesByDir, dirOf(path), path);
    removeFromBucket(this.filesByBaseName, baseOf(path), path);
    for (const folder of foldersUp(dirOf(path))) {
      const count = (this.filesBelow.get(folder) ?? 1) - 1;
      if (count === 0) {
        this.filesBelow.delete(folder);
        removeFromBucket(this.foldersByBaseName, baseOf(folder), folder);
      } else this.filesBelow.set(folder, count);
    }
    return true;
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  hasFolder(dir: string): boolean {
    return this.filesBelow.has(dir);
  }

  /** The files directly inside `dir`, sorted. */
  filesIn(dir: string): string[] {
    return [...(this.filesByDir.get(dir) ?? [])].sort();
  }

  /** Every file whose name is `baseName`, sorted. */
  withBaseName(baseName: string): string[] {
    return [...(this.filesByBaseName.get(baseName) ?? [])].sort();
  }

  /** Every folder named `baseName` that holds a file, directly or below, sorted. */
  foldersNamed(baseName: string): string[] {
    return [...(this.foldersByBaseName.get(baseName) ?? [])].sort();
  }

  /** Every folder that holds a file, directly or below, the root '' included. */
  folders(): Iterable<string> {
    return this.filesBelow.keys();
  }

  paths(): Iterable<string> {
    return this.files;
  }
}

/** The memo keys a file-set change can affect: see `FileQuery`. */
export function dependencyKeysOf(path: string): string[] {
  const folders = [...foldersUp(dirOf(path))];
  return [fileKey(path), ...folders.map(folderKey), ...folders.map(f => folderNameKey(baseOf(f))), baseNameKey(baseOf(path))];
}

const fileKey = (path: string): string => `p:${path}`;
const folderKey = (dir: string): string => `d:${dir}`;
const baseNameKey = (name: string): string => `n:${name}`;
const folderNameKey = (name: string): string => `f:${name}`;

/**
 * A view of the file set that records what each resolution looked at, so that adding or removing a file
 * invalidates exactly the memoised resolutions that asked for it, looked into its folders or searched for
 * its name. A question about one path is recorded against that path (the candidates a relative import
 * tries: `./x.ts`, `./x/index.ts`, …); a question about a folder against the folder; searches by name
 * against the name. A file's arrival or departure touches only its own path, its folders, their names and
 * its base name.
 */
export class FileQuery {
  constructor(
    private readonly set: FileSet,
    readonly dependencies: Set<string>,
  ) {}

  has(path: string): boolean {
    this.dependencies.add(fileKey(path));
    return this.set.has(path);
  }

  hasFolder(dir: string): boolean {
    this.dependencies.add(folderKey(dir));
    return this.set.hasFolder(dir);
  }

  filesIn(dir: string): string[] {
    this.dependencies.add(folderKey(dir));
    return this.set.filesIn(dir);
  }

  withBaseName(baseName: string): string[] {
    this.dependencies.add(baseNameKey(baseName));
    return this.set.withBaseName(baseName);
  }

  foldersNamed(baseName: string): string[] {
    this.dependencies.add(folderNameKey(baseName));
    return this.set.foldersNamed(baseName);
  }

  /** The first of `candidates` that is a workspace file. */
  firstExisting(candidates: Iterable<string>): string | undefined {
    for (const candidate of candidates) if (this.has(candidate)) return candidate;
    return undefined;
  }
}

function addToBucket(map: Map<string, Set<string>>, key: string, value: string): void {
  const bucket = map.get(key);
  if (bucket) bucket.add(value);
  else map.set(key, new Set([value]));
}

function removeFromBucket(map: Map<string, Set<string>>, key: string, value: string): void {
  const bucket = map.get(key);
  if (!bucket) return;
  bucket.delete(value);
  if (bucket.size === 0) map.delete(key);
}
