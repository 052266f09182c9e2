// No server outlives us, nor the processes a server starts (typescript-language-server runs tsserver and
// its typings installer). Outside Windows every server leads a process group of its own, and is killed as a
// group. Every live server is registered here; when our process exits, or is asked to stop with
// SIGINT/SIGTERM, the servers are killed first. The signal handlers exist only while a server is alive: a
// handler suppresses Node's default "exit on signal", so after killing the servers we re-raise the signal
// when nobody else listens to it.
import type { ChildProcess } from 'node:child_process';

const live = new Set<ChildProcess>();
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** Spawn servers with `detached: OWN_PROCESS_GROUP`: on POSIX that makes each the leader of its own group. */
export const OWN_PROCESS_GROUP = process.platform !== 'win32';

/** Kills a server and, where it leads its own group, whatever it started that is still running. */
export function killServer(child: ChildProcess): void {
  if (OWN_PROCESS_GROUP && child.pid !== undefined) {
    try {
      process.kill(-child.pid, 'SIGKILL');
      return;
    } catch {
      // The group is empty: nothing left to kill, or the server is not a group leader after all.
    }
  }
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** Resolves once nothing of the server's group runs any more, or after `ms` (a killed process takes a moment to go). */
export async function groupEnded(child: ChildProcess, ms: number): Promise<void> {
  if (!OWN_PROCESS_GROUP || child.pid === undefined) return;
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      process.kill(-child.pid, 0);
    } catch {
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}

function killAll(): void {
  for (const child of live) killServer(child);
  live.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  killAll();
  uninstall();
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function install(): void {
  process.on('exit', killAll);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function uninstall(): void {
  process.off('exit', killAll);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

/** Kills `child` if our process ends before it does. */
export function killOnExit(child: ChildProcess): void {
  if (live.size === 0) install();
  live.add(child);
  child.once('exit', () => {
    live.delete(child);
    if (live.size === 0) uninstall();
  });
}
