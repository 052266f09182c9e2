/**
 * Per-language enablement as Copilot users know it: `{"*": true, "markdown": false}`. A language's own entry
 * wins over `"*"`; a language named nowhere is enabled, so an empty object means "everywhere".
 */
export type LanguageEnablement = Readonly<Record<string, boolean>>;

export function isLanguageEnabled(enable: LanguageEnablement, languageId: string): boolean {
  return enable[languageId] ?? enable['*'] ?? true;
}

/** The setting with one language switched: a copy, so the user's other entries stay as they were. */
export function withLanguage(enable: LanguageEnablement, languageId: string, enabled: boolean): LanguageEnablement {
  return { ...enable, [languageId]: enabled };
}

/** Why completions are off for a document in this language, in words ("for markdown"); undefined when on. */
export function offReason(settings: { readonly inlineCompletionsOff: string | undefined; readonly enable: LanguageEnablement }, languageId: string | undefined): string | undefined {
  if (settings.inlineCompletionsOff) return settings.inlineCompletionsOff;
  return languageId !== undefined && !isLanguageEnabled(settings.enable, languageId) ? `for ${languageId}` : undefined;
}
