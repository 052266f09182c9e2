import * as vscode from 'vscode';

/** `debug` adds a line per context build and per model request (several per keystroke); `error` keeps failures only. */
export type LogLevel = 'error' | 'info' | 'debug';
const LEVEL_ORDER: readonly LogLevel[] = ['error', 'info', 'debug'];

/**
 * The "Codebase Context" output channel. Every line passes through `redact`, so a secret registered with
 * `neverLog` (the API key) cannot reach the channel even if an error message from a server echoes it.
 * The most recent lines are kept in memory for the extension API (integration tests read them). Lines above
 * the log level are not written at all.
 */
export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Codebase Context');
  private readonly secrets = new Set<string>();
  private readonly recent: string[] = [];
  private level: LogLevel = 'info';
  /** See `tellOnce`. */
  private readonly reasonsTold = new Set<string>();

  constructor(private readonly keepLines = 1000) {}

  neverLog(secret: string | undefined): void {
    if (secret) this.secrets.add(secret);
  }

  setLevel(level: LogLevel): void {
    this.level = LEVEL_ORDER.includes(level) ? level : 'info';
  }

  debug(message: string): void {
    this.write('debug', message);
  }

  info(message: string): void {
    this.write('info', message);
  }

  error(message: string, error?: unknown): void {
    const detail = error instanceof Error ? `: ${error.message}` : error === undefined ? '' : `: ${String(error)}`;
    this.write('error', message + detail);
  }

  /**
   * Writes `message` at `level` unless its `reason` was told already (then at debug): a condition several parts
   * meet, such as a language server that cannot start (the monitor's warm-up, then every completion), is news
   * once. A reason counts as told when one quotes the other, since each part words the same error its own way.
   */
  tellOnce(level: 'error' | 'info', reason: string, message: string): void {
    const told = [...this.reasonsTold].some(earlier => earlier.includes(reason) || reason.includes(earlier));
    this.reasonsTold.add(reason);
    if (told) this.debug(message);
    else if (level === 'error') this.error(message);
    else this.info(message);
  }

  show(): void {
    this.channel.show(true);
  }

  lines(): readonly string[] {
    return this.recent;
  }

  dispose(): void {
    this.channel.dispose();
  }

  private write(level: LogLevel, message: string): void {
    if (LEVEL_ORDER.indexOf(level) > LEVEL_ORDER.indexOf(this.level)) return;
    const line = `${new Date().toISOString()} [${level}] ${this.redact(message)}`;
    this.channel.appendLine(line);
    this.recent.push(line);
    if (this.recent.length > this.keepLines) this.recent.shift();
  }

  private redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join('[redacted]');
    return out;
  }
}
