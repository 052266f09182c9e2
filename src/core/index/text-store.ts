// The indexed files' texts, kept in memory within a byte budget so that nothing on the completion path
// reads the disk. Texts arrive where the index already has them (a worker read each file to parse it, or on a
// warm start to check and chunk it: warm-reads.ts). A text that is not here (evicted, or not loaded yet) is
// answered with undefined at once and loaded asynchronously for a later request.
import * as path from 'node:path';
import { LRUCache } from 'lru-cache';
import { classifyContent, readWorkspaceFileAsync } from '../workspace';

/** Loads requested on misses, at most this many waiting: a burst of misses keeps its latest requests. */
const MAX_WAITING_LOADS = 1024;
/** Parallel reads while loading: enough to hide disk latency, few enough to leave the thread pool free. */
const LOAD_CONCURRENCY = 4;

export class TextStore {
  private readonly texts: LRUCache<string, string>;
  /** Bumped whenever a path's text is set or forgotten, so a load that started before is not kept. */
  private readonly versions = new Map<string, number>();
  /** Misses that requests hit, in order: loaded a few at a time. */
  private readonly requested = new Set<string>();
  private readonly loading = new Map<string, Promise<string | undefined>>();
  private idle: Promise<void> = Promise.resolve();
  private wakeIdle: (() => void) | undefined;

  /** @param isIndexed only indexed files are loaded (a miss for anything else is no reason to read). */
  constructor(
    private readonly root: string,
    readonly budgetBytes: number,
    private readonly isIndexed: (relPath: string) => boolean,
    /** The workspace's size limit: a file that grew past it since it was indexed is not loaded. */
    private readonly maxFileBytes: number,
  ) {
    this.texts = new LRUCache({ maxSize: Math.max(1, budgetBytes), sizeCalculation: text => Math.max(1, storedBytes(text)) });
  }

  /** The text if it is in memory; otherwise undefined, and a load is scheduled. Never touches the disk itself. */
  get(relPath: string): string | undefined {
    const text = this.texts.get(relPath);
    if (text === undefined && this.isIndexed(relPath)) this.request(relPath);
    return text;
  }

  /** The text if it is in memory; a miss loads nothing, and a hit does not count as a use for eviction. */
  peek(relPath: string): string | undefined {
    return this.texts.peek(relPath);
  }

  /** The text, loading it first if it is not in memory (for callers that can wait). */
  async load(relPath: string): Promise<string | undefined> {
    return this.texts.get(relPath) ?? (this.isIndexed(relPath) ? this.startLoad(relPath) : undefined);
  }

  set(relPath: string, text: string): void {
    this.bump(relPath);
    this.texts.set(relPath, text); // one larger than the whole budget is not kept
  }

  /**
   * Keeps a text read in the background while the budget has room: once it is full, keeping more would only
   * evict what was just kept (a workspace with more text than the budget).
   */
  offer(relPath: string, text: string): void {
    if (this.texts.calculatedSize < this.budgetBytes) this.set(relPath, text);
  }

  forget(relPath: string): void {
    this.bump(relPath);
    this.texts.delete(relPath);
    this.requested.delete(relPath);
  }

  clear(): void {
    for (const relPath of this.texts.keys()) this.bump(relPath);
    this.texts.clear();
    this.requested.clear();
  }

  has(relPath: string): boolean {
    return this.texts.has(relPath);
  }

  /** The bytes held. */
  get size(): number {
    return this.texts.calculatedSize;
  }

  /** Resolves once no load is waiting or running. */
  settled(): Promise<void> {
    return this.idle;
  }

  private request(relPath: string): void {
    if (this.loading.has(relPath)) return;
    this.requested.delete(relPath); // re-inserted last, so the cap drops the oldest misses, not this one
    this.requested.add(relPath);
    if (this.requested.size > MAX_WAITING_LOADS) this.requested.delete(this.requested.values().next().value!);
    this.pump();
  }

  private pump(): void {
    while (this.loading.size < LOAD_CONCURRENCY) {
      const next = this.nextToLoad();
      if (next === undefined) break;
      void this.startLoad(next);
    }
    if (this.loading.size > 0 && !this.wakeIdle) this.idle = new Promise(resolve => (this.wakeIdle = resolve));
    if (this.loading.size === 0 && this.wakeIdle) {
      this.wakeIdle();
      this.wakeIdle = undefined;
    }
  }

  private nextToLoad(): string | undefined {
    for (const relPath of this.requested) {
      this.requested.delete(relPath);
      if (!this.texts.has(relPath) && !this.loading.has(relPath) && this.isIndexed(relPath)) return relPath;
    }
    return undefined;
  }

  private startLoad(relPath: string): Promise<string | undefined> {
    const running = this.loading.get(relPath);
    if (running) return running;
    const version = this.versions.get(relPath) ?? 0;
    const load = readText(this.root, relPath, this.maxFileBytes)
      .then(text => {
        if (text !== undefined && (this.versions.get(relPath) ?? 0) === version && this.isIndexed(relPath)) this.texts.set(relPath, text);
        return text;
      })
      .finally(() => {
        this.loading.delete(relPath);
        this.pump();
      });
    this.loading.set(relPath, load);
    return load;
  }

  private bump(relPath: string): void {
    this.versions.set(relPath, (this.versions.get(relPath) ?? 0) + 1);
  }
}

/**
 * What V8 stores a string in: one byte per character while every character is Latin-1, two once one is
 * not (a single emoji in a comment doubles the file).
 */
function storedBytes(text: string): number {
  return /[^\u0000-\u00ff]/.test(text) ? text.length * 2 : text.length;
}

/** Reads through the workspace's one safe read (a regular file, inside the root, within the size limit), then screens its content. */
async function readText(root: string, relPath: string, maxBytes: number): Promise<string | undefined> {
  const read = await readWorkspaceFileAsync(path.join(root, relPath), { root, maxBytes });
  if (!read.ok) return undefined; // deleted, replaced or grown since it was indexed: the watcher will update it
  const content = classifyContent(relPath, read.bytes);
  return content.kind === 'text' ? content.text : undefined;
}
