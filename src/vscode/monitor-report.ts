// What the monitor did with one completion, in words: the log and the inspector say the same thing.
import type { MonitorChange, MonitoredCompletion } from '../core/service/api';

type Finding = MonitoredCompletion['findings'][number];

/** One thing to show: a member put right, a mistake the server found and left in, or what was not checked. */
export interface MonitorLine {
  readonly kind: 'change' | 'finding' | 'note';
  readonly label: string;
  readonly description: string;
  /** The whole sentence, as the log writes it. */
  readonly sentence: string;
}

const FINDING_WORDS: Readonly<Record<Finding['kind'], string>> = {
  'unknown-name': 'invented name',
  'argument-count': 'wrong number of arguments',
};

export function changeLine(change: MonitorChange): MonitorLine {
  const label = `'${change.from}' → '${change.to}'`;
  return { kind: 'change', label, description: `${change.strategy}: ${change.why}`, sentence: `${label} (${change.strategy}): ${change.why}` };
}

export function findingLine(finding: Finding): MonitorLine {
  const words = FINDING_WORDS[finding.kind];
  return { kind: 'finding', label: finding.message, description: words, sentence: `left in, ${words}: ${finding.message}` };
}

export function noteLine(note: string): MonitorLine {
  return { kind: 'note', label: note, description: '', sentence: note };
}

/** Changes first (what the user sees in the ghost text), then findings, then notes. */
export function monitorLines(result: MonitoredCompletion): MonitorLine[] {
  return [...result.changes.map(changeLine), ...result.findings.map(findingLine), ...result.notes.map(noteLine)];
}

/** "1 member put right", "rejected: 1 mistake left in", "3 members checked, nothing changed". */
export function monitorSummary(result: MonitoredCompletion): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (result.strategy === 'off') return 'off: the completion is raw';
  const parts = [
    ...(result.changes.length ? [`${plural(result.changes.length, 'member')} put right`] : []),
    ...(result.findings.length ? [`${result.rejected ? 'rejected: ' : ''}${plural(result.findings.length, 'mistake')} left in`] : []),
  ];
  if (parts.length) return parts.join(', ');
  return result.checkMs.length ? `${plural(result.checkMs.length, 'member')} checked, nothing changed` : 'nothing checked';
}

/** Strategy, checks and time: the details a user tuning the budget wants. */
export function monitorDetails(result: MonitoredCompletion): string {
  return `${result.strategy} · ${result.checkMs.length} checks · ${Math.round(result.waitedMs)} ms waited · ${result.requests} request${result.requests === 1 ? '' : 's'}`;
}
