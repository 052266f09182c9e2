// Which software answers at each endpoint, for the monitor's `auto` backend. An answer is kept for the
// session: the software behind a URL does not change while it runs. An endpoint that could not be asked
// (not started yet, loading its model) gets the `openai` guess, and is asked again after a pause that
// doubles at each failure: the user who starts the server later gets its constraints without a reload,
// and a server that stays down costs one short request per pause, not one per completion.
//
// Only the first detection of an endpoint is waited for. Asking again runs in the background: the completion
// that starts it, and those that come while it runs, go on with the guess at once (an endpoint that hangs
// rather than refuses would hold each of them up to detectBackend's 2 s timeout); later ones get its answer.
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

/** One endpoint's detections: the first, waited for, then at most one at a time in the background. */
class Detection {
  /** What the endpoint said; undefined while it has not answered. */
  private found: ModelBackend | undefined;
  private running: Promise<void> | undefined;
  /** Not asked again before then: set by each failure. */
  private retryAt = 0;
  private failures = 0;
  private readonly first: Promise<void>;

  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string | undefined,
    private readonly backoff: DetectionBackoff,
    private readonly now: () => number,
  ) {
    this.first = this.ask();
  }

  /** The answer as known now, once the first detection landed; asks again, without waiting, when the pause is over. */
  async backend(): Promise<ModelBackend | undefined> {
    await this.first;
    if (this.found === undefined && this.running === undefined && this.now() >= this.retryAt) this.ask();
    return this.found;
  }

  /** Resolves when the detection running now, if any, has landed. */
  settled(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  private ask(): Promise<void> {
    // A detection that throws is one that did not answer: asked again later, never a completion's failure.
    const running = detectBackend(this.baseUrl, this.apiKey)
      .catch(() => undefined)
      .then(found => {
        this.running = undefined;
        this.found = found;
        if (found === undefined) {
          this.failures++;
          this.retryAt = this.now() + Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** (this.failures - 1));
        }
      });
    this.running = running;
    return running;
  }
}

export class DetectedBackends {
  /** Per endpoint and key: a proxy may answer differently without one. */
  private readonly detections = new Map<string, Detection>();

  constructor(
    private readonly backoff: DetectionBackoff = DEFAULT_DETECTION_BACKOFF,
    private readonly now: () => number = Date.now,
  ) {}

  /** The endpoint's backend, and whether it is only the guess of an endpoint that did not answer. */
  async of(baseUrl: string, apiKey: string | undefined): Promise<{ readonly backend: ModelBackend; readonly guessed: boolean }> {
    const key = `${baseUrl}\n${apiKey ?? ''}`;
    let detection = this.detections.get(key);
    if (!detection) {
      detection = new Detection(baseUrl, apiKey, this.backoff, this.now);
      this.detections.set(key, detection);
    }
    const found = await detection.backend();
    return found === undefined ? { backend: GUESS, guessed: true } : { backend: found, guessed: false };
  }

  /** Resolves when the detections asked in the background have landed: for a caller that must see their answer next (tests). */
  async settled(): Promise<void> {
    await Promise.all([...this.detections.values()].map(detection => detection.settled()));
  }
}
