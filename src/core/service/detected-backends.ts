// Which software answers at each endpoint, for the monitor's `auto` backend. An answer is kept for the
// session: the software behind a URL does not change while it runs. An endpoint that could not be asked
// (not started yet, loading its model) gets the `openai` guess, and is asked again after a pause that
// doubles at each failure: the user who starts the server later gets its constraints without a reload,
// and a server that stays down costs one short request per pause, not one per completion.
import { detectBackend, type ModelBackend } from '../model';

export interface DetectionBackoff {
  readonly initialMs: number;
  readonly maxMs: number;
}

export const DEFAULT_DETECTION_BACKOFF: DetectionBackoff = { initialMs: 10_000, maxMs: 5 * 60_000 };

/** What is used while the endpoint cannot be asked: a request without constraints works with any server. */
const GUESS: ModelBackend = 'openai';

/** The note a guessed backend carries; the same words each time, so that the log tells it once. */
export function guessedNote(baseUrl: string): string {
  return `${baseUrl} did not say which server it is (it did not answer GET /models), so completions are checked without steering the model; it is asked again later`;
}

interface Entry {
  readonly detection: Promise<ModelBackend | undefined>;
  /** Set once the detection failed: not asked again before then. */
  retryAt?: number;
  failures: number;
}

export class DetectedBackends {
  /** Per endpoint and key: a proxy may answer differently without one. */
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly backoff: DetectionBackoff = DEFAULT_DETECTION_BACKOFF,
    private readonly now: () => number = Date.now,
  ) {}

  /** The endpoint's backend, and whether it is only the guess of an endpoint that did not answer. */
  async of(baseUrl: string, apiKey: string | undefined): Promise<{ readonly backend: ModelBackend; readonly guessed: boolean }> {
    const key = `${baseUrl}\n${apiKey ?? ''}`;
    let entry = this.entries.get(key);
    if (!entry || (entry.retryAt !== undefined && this.now() >= entry.retryAt)) {
      entry = this.asked(baseUrl, apiKey, entry?.failures ?? 0);
      this.entries.set(key, entry);
    }
    const found = await entry.detection;
    return found === undefined ? { backend: GUESS, guessed: true } : { backend: found, guessed: false };
  }

  /** One detection, shared by the requests that come while it runs; a failure sets when to ask again. */
  private asked(baseUrl: string, apiKey: string | undefined, failuresBefore: number): Entry {
    const entry: Entry = {
      failures: failuresBefore,
      // A detection that throws is one that did not answer: asked again later, never a completion's failure.
      detection: detectBackend(baseUrl, apiKey)
        .catch(() => undefined)
        .then(found => {
          if (found === undefined) {
            entry.failures++;
            entry.retryAt = this.now() + Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** (entry.failures - 1));
          }
          return found;
        }),
    };
    return entry;
  }
}
