/**
 * One copy of each name the index holds. Every file's symbols arrive as fresh strings (cloned from the
 * worker or read from the cache), so without this the same identifier is stored once per file that uses
 * it, in the index and again in everything derived from it.
 */
export class NameTable {
  private readonly names = new Map<string, string>();

  intern(name: string): string {
    const known = this.names.get(name);
    if (known !== undefined) return known;
    this.names.set(name, name);
    return name;
  }

  get size(): number {
    return this.names.size;
  }
}
