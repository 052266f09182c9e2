// Every question a LanguageFacts is asked, with its send and answer times: the facts benchmarks' trace
// (facts-latency.ts --trace, facts-trace-positions.ts), and the record facts-trace-positions replays alone.
import type { LanguageFacts } from '../src/core/facts';

export interface TracedQuestion {
  readonly what: string;
  readonly method: string;
  readonly args: unknown[];
  readonly startMs: number;
  endMs?: number;
  outcome?: string;
}

/** `facts` with every question recorded, relative to the last `restart()`. */
export function traced(facts: LanguageFacts): { facts: LanguageFacts; restart: () => TracedQuestion[] } {
  let origin = performance.now();
  let log: TracedQuestion[] = [];
  const wrapped = new Proxy(facts, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || key === 'withShadowText' || key === 'dispose' || key === 'warmUp') return value;
      return (...args: unknown[]) => {
        const where = args.find((arg): arg is { line: number; character: number } => typeof arg === 'object' && arg !== null && 'line' in arg);
        const doc = args[0] as { path: string };
        const extra = typeof args[1] === 'string' ? ` "${args[1]}"` : '';
        const entry: TracedQuestion = { method: String(key), args, what: `${String(key)} ${doc.path.split('/').slice(-2).join('/')}${where ? `:${where.line + 1}:${where.character + 1}` : ''}${extra}`, startMs: performance.now() - origin };
        log.push(entry);
        const done = (outcome: string) => {
          entry.endMs = performance.now() - origin;
          entry.outcome = outcome;
        };
        const answer = (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        answer.then(
          result => done(Array.isArray(result) ? `${result.length} answers` : result ? (typeof result === 'object' && result && 'text' in result ? `answer ${String((result as { text: string }).text).length} chars` : 'answer') : 'none'),
          error => done(String((error as Error).message ?? error).slice(0, 60)),
        );
        return answer;
      };
    },
  });
  return {
    facts: wrapped,
    restart: () => {
      const previous = log;
      origin = performance.now();
      log = [];
      return previous;
    },
  };
}
