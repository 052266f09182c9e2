// Replays a session script against the engine's public door, as the editor would drive it: file events
// and buffers are sent without waiting (the editor's index sync does not wait either), then the request
// follows at once. Every buildContext is timed from the caller and labelled by its event.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EngineApi } from '../src/core/service/api';
import type { Position } from '../src/core/types';
import type { EventKind, SessionStep } from './latency-session';

export interface Sample {
  readonly kind: EventKind;
  readonly ms: number;
}

export interface ReplayResult {
  readonly samples: readonly Sample[];
  /** Per branch switch: from the first file written until the engine had taken every change in. */
  readonly branchSettleMs: readonly number[];
  /** Per cursor rest where the engine prepared a context (nobody waits for these). */
  readonly preparedMs: readonly number[];
}

/**
 * What happens where the cursor comes to rest (a jump, the site of an edit elsewhere, the return home, a new
 * file) before the first keystroke there:
 * - `prepare`: what the extension does (src/vscode/cursor-rest.ts). The user is still for REST_MS, then the engine
 *   prepares the context there and the user types once it is done: a user who types sooner makes the keystroke's
 *   request cancel the preparation and pack afresh, as `pause` does.
 * - `pause`: the user is still for REST_MS and nothing is prepared; the engine is idle meanwhile (its background
 *   catch-up runs), as in `prepare`.
 * - `none`: the first keystroke comes at once, as this benchmark replayed sessions before cursor rests existed.
 */
export const CURSOR_RESTS = ['prepare', 'pause', 'none'] as const;
export type CursorRest = (typeof CURSOR_RESTS)[number];

/** The extension's wait for a still cursor before it prepares (cursor-rest.ts's CURSOR_REST_MS). */
const REST_MS = 300;

/** 0-based line and character of an offset. */
export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

/**
 * The texts the session has changed, and where a site's offset on disk now lies in them. Each insertion
 * remembers its anchor, the offset on disk it was typed at (text typed on at the cursor keeps the anchor of
 * the site the burst began at), so a later jump to a site finds it behind the text typed before it.
 */
class Buffers {
  private readonly texts = new Map<string, string>();
  private readonly insertions = new Map<string, { anchor: number; length: number }[]>();

  constructor(private readonly root: string) {}

  async text(file: string): Promise<string> {
    let text = this.texts.get(file);
    if (text === undefined) {
      text = await fs.promises.readFile(path.join(this.root, file), 'utf8');
      this.texts.set(file, text);
    }
    return text;
  }

  /** Where an offset on disk is now. */
  shifted(file: string, anchor: number): number {
    return (this.insertions.get(file) ?? []).reduce((at, i) => (i.anchor <= anchor ? at + i.length : at), anchor);
  }

  /** Inserts at the current offset `at`, typed from `anchor`; returns the new text. */
  async insert(file: string, anchor: number, at: number, inserted: string): Promise<string> {
    const text = await this.text(file);
    const next = text.slice(0, at) + inserted + text.slice(at);
    this.texts.set(file, next);
    this.insertions.set(file, [...(this.insertions.get(file) ?? []), { anchor, length: inserted.length }]);
    return next;
  }
}

/** Where the user types: the file, the site's offset on disk, and the current offset in the buffer. */
interface Cursor {
  readonly file: string;
  readonly anchor: number;
  readonly offset: number;
}

export async function replaySession(engine: EngineApi, root: string, steps: readonly SessionStep[], budgetTokens: number, cursorRest: CursorRest, onProgress?: (done: number) => void): Promise<ReplayResult> {
  const buffers = new Buffers(root);
  const samples: Sample[] = [];
  const branchSettleMs: number[] = [];
  const preparedMs: number[] = [];
  let cursor: Cursor | undefined;
  // File events are sent without waiting, as the editor does; awaited after the step, so none fails unseen.
  const pending: Promise<unknown>[] = [];

  const request = async (kind: EventKind, file: string, offset: number) => {
    const text = await buffers.text(file);
    const position = positionAt(text, offset);
    const started = performance.now();
    await engine.buildContext({ file, position, text, budgetTokens });
    samples.push({ kind: samples.length === 0 ? 'first' : kind, ms: performance.now() - started });
  };
  const rest = async (file: string, offset: number) => {
    if (cursorRest === 'none') return;
    await new Promise(resolve => setTimeout(resolve, REST_MS));
    if (cursorRest === 'pause') return;
    const text = await buffers.text(file);
    const started = performance.now();
    if (await engine.prepareContext({ file, position: positionAt(text, offset), text, budgetTokens })) preparedMs.push(performance.now() - started);
  };
  const home = () => {
    if (!cursor) throw new Error('The session script must start with a jump.');
    return cursor;
  };

  for (const [done, step] of steps.entries()) {
    switch (step.kind) {
      case 'jump':
        cursor = { file: step.site.file, anchor: step.site.offset, offset: buffers.shifted(step.site.file, step.site.offset) };
        await rest(cursor.file, cursor.offset);
        break;
      case 'type':
        if (step.after === 'return') await rest(home().file, home().offset);
        for (const [i, key] of step.keystrokes.entries()) {
          const { file, anchor, offset } = home();
          pending.push(engine.updateFile(file, await buffers.insert(file, anchor, offset, key)));
          cursor = { file, anchor, offset: offset + key.length };
          await request(i === 0 ? step.after : 'keystroke', file, cursor.offset);
        }
        break;
      case 'edit-elsewhere': {
        const { site } = step;
        const at = buffers.shifted(site.file, site.offset);
        await rest(site.file, at);
        const inserted = `${step.line}\n${site.indent}`;
        pending.push(engine.updateFile(site.file, await buffers.insert(site.file, site.offset, at, inserted)));
        await request('edit-elsewhere', site.file, at + inserted.length);
        break;
      }
      case 'save': {
        const { file } = home();
        await fs.promises.writeFile(path.join(root, file), await buffers.text(file));
        pending.push(engine.updateFile(file));
        break;
      }
      case 'new-file':
        await fs.promises.writeFile(path.join(root, step.file), step.text);
        pending.push(engine.updateFile(step.file));
        await buffers.text(step.file);
        await rest(step.file, step.cursorOffset);
        await request('new-file', step.file, step.cursorOffset);
        break;
      case 'branch-switch':
        pending.push(switchBranch(engine, root, step.files, step.round).then(ms => branchSettleMs.push(ms)));
        break;
    }
    // A checkout's file events are still being taken in when the user types on: the burst after it
    // competes with them. Other steps' changes are in before the next step, as after the editor's debounce.
    if (step.kind !== 'branch-switch') await Promise.all(pending.splice(0));
    onProgress?.(done + 1);
  }
  return { samples, branchSettleMs, preparedMs };
}

/**
 * A checkout: every file gains a declaration on disk and the watcher reports each one. Resolves, with the
 * time from the first write, once the engine has taken every change in.
 */
async function switchBranch(engine: EngineApi, root: string, files: readonly string[], round: number): Promise<number> {
  const started = performance.now();
  await Promise.all(files.map(file => fs.promises.appendFile(path.join(root, file), `\nexport const latencyBranch${round} = ${round};\n`)));
  await Promise.all(files.map(file => engine.updateFile(file)));
  return performance.now() - started;
}
