// No server outlives us. Every live server process is registered here; when our process exits, or is
// asked to stop with SIGINT/SIGTERM, the servers are killed first. The signal handlers exist only while a
// server is alive: a handler suppresses Node's default "exit on signal", so after killing the servers we
// re-raise the signal when nobody else listens to it.
import type { ChildProcess } from 'node:child_process';

const live = new Set<ChildProcess>();
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

function killAll(): void {
  for (const child of live) child.kill('SIGKILL');
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
