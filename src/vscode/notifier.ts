import * as vscode from 'vscode';
import type { Log } from './log';

/**
 * Every notification the extension raises goes through here: it is logged, and remembered so the extension
 * API can tell how many the user saw (the integration tests check "one notification, not one per keystroke").
 */
export class Notifier {
  private readonly shownMessages: string[] = [];

  constructor(private readonly log: Log) {}

  /** Shows an error with actions; `onChoice` runs when the user picks one. Never waits for the user. */
  error(message: string, actions: readonly string[], onChoice: (choice: string) => void = () => undefined): void {
    this.shownMessages.push(message);
    this.log.error(`Notified: ${message}`);
    void vscode.window.showErrorMessage(message, ...actions).then(choice => {
      if (choice) onChoice(choice);
    });
  }

  shown(): readonly string[] {
    return this.shownMessages;
  }
}
