/** A most-recent-first list of workspace paths with a fixed capacity: what the user edited or visited lately. */
export class RecentFiles {
  private paths: string[] = [];

  constructor(private readonly capacity = 20) {}

  touch(path: string): void {
    this.paths = [path, ...this.paths.filter(p => p !== path)].slice(0, this.capacity);
  }

  remove(path: string): void {
    this.paths = this.paths.filter(p => p !== path);
  }

  rename(from: string, to: string): void {
    this.paths = this.paths.map(p => (p === from ? to : p));
  }

  list(): readonly string[] {
    return this.paths;
  }
}
