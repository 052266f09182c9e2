/** Redraw at most this often: a terminal repaint per file would slow indexing down. */
const REDRAW_INTERVAL_MS = 80;
const BAR_WIDTH = 28;

/** What a bar shows: indexing's IndexProgress, or any other counted phase (eval's positions). */
export interface Progress {
  readonly phase: string;
  readonly done: number;
  readonly total: number;
}

/**
 * A one-line progress bar on a terminal (stderr), silent when stderr is not a TTY so that piped output
 * and CI logs stay clean.
 */
export function progressBar(stream: NodeJS.WritableStream & { isTTY?: boolean }): { update: (p: Progress) => void; done: () => void } {
  if (!stream.isTTY) return { update: () => undefined, done: () => undefined };
  let last = 0;
  let drawn = false;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < REDRAW_INTERVAL_MS && p.done < p.total) return;
      last = now;
      const share = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
      const filled = Math.round(share * BAR_WIDTH);
      const counts = p.total > 0 ? ` ${p.done}/${p.total}` : '';
      stream.write(`\r\x1b[K${p.phase.padEnd(11)} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]${counts}`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}
