import * as vscode from 'vscode';

/**
 * The "Codebase Context" output channel. Every line passes through `redact`, so a secret registered with
 * `neverLog` (the API key) cannot reach the channel even if an error message from a server echoes it.
 * The most recent lines are kept in memory for the extension API (integration tests read them).
 */
export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Codebase Context');
  private readonly secrets = new Set<string>();
  private readonly recent: string[] = [];

  constructor(private readonly keepLines = 1000) {}

  neverLog(secret: string | undefined): void {
    if (secret) this.secrets.add(secret);
  }

  info(message: string): void {
    this.write('info', message);
  }

  error(message: string, error?: unknown): void {
    const detail = error instanceof Error ? `: ${error.message}` : error === undefined ? '' : `: ${String(error)}`;
    this.write('error', message + detail);
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

  private write(level: 'info' | 'error', message: string): void {
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
