import type { Definition } from '../types';
import type { Evidence } from './evidence';

/** Contributions to one declaration: total, and per reason (the reason's largest single piece of evidence). */
export class Tally {
  score = 0;
  private readonly reasons = new Map<string, number>();

  add(score: number, reason: string): void {
    this.score += score;
    this.reasons.set(reason, Math.max(this.reasons.get(reason) ?? 0, score));
  }

  /** The strongest reasons first; equal ones in text order, so output is deterministic. */
  topReasons(limit: number): string[] {
    return [...this.reasons]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, limit)
      .map(([reason]) => reason);
  }
}

/**
 * Evidence for one file: its total per reason and per signal, with its declarations' share kept apart, and
 * the share that asks for their headers only. Only a file says which signal it came from: a declaration's
 * tally keeps no per-signal sums (a request tallies thousands of declarations).
 */
export class FileTally extends Tally {
  private readonly bySignal = new Map<string, number>();
  readonly declarations = new Map<Definition, Tally>();
  readonly headers = new Map<Definition, Tally>();

  addEvidence(signal: string, evidence: Evidence, declaration: Definition | undefined): void {
    // Evidence that names no declaration of the file is about the file: all of it counts there.
    const score = declaration ? evidence.score * (evidence.fileShare ?? 1) : evidence.score;
    this.add(score, evidence.reason);
    this.bySignal.set(signal, (this.bySignal.get(signal) ?? 0) + score);
    if (!declaration) return;
    const byDeclaration = evidence.headerOnly ? this.headers : this.declarations;
    let tally = byDeclaration.get(declaration);
    if (!tally) byDeclaration.set(declaration, (tally = new Tally()));
    tally.add(evidence.score, evidence.reason);
  }

  /** The signal that contributed most (ties broken by name). */
  strongestSignal(): string | undefined {
    let best: [string, number] | undefined;
    for (const entry of this.bySignal) {
      if (!best || entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0])) best = entry;
    }
    return best?.[0];
  }
}
