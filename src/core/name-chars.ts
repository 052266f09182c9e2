/** A character of a name, by its code: `[A-Za-z0-9_$]`, what `[\w$]` matches. */
export function isNameChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36;
}
