/**
 * Decides when a failing model endpoint deserves a notification. Completions fire on every keystroke, so a
 * wrong URL or key would otherwise raise one notification per keystroke: we tell the user once per failure
 * streak, and again only after the endpoint recovered (or started failing for a different reason, e.g. the
 * URL is fixed but the key is now rejected).
 */
export class EndpointHealth<Code extends string = string> {
  private failingWith: Code | undefined;

  /** Records a failure; true when this failure starts a new streak and the user should be told. */
  failed(code: Code): boolean {
    const isNew = this.failingWith !== code;
    this.failingWith = code;
    return isNew;
  }

  /** Records a successful request: the next failure is news again. */
  succeeded(): void {
    this.failingWith = undefined;
  }

  get failing(): Code | undefined {
    return this.failingWith;
  }
}
