// How often the current buffer writes `receiver.member`, for the signals that weigh a receiver's members by
// what the file already uses (file-usage, namespace-hole): one pattern, `?.` included, a longer chain's
// inner link (`a.util.x`) not counted as `util.x`.
const NAME = '[A-Za-z_$][\\w$]*';

/**
 * Receiver -> member -> number of `receiver.member` accesses in `text`. With `asField`, `this.receiver.member`
 * and `self.receiver.member` count too (a field of the enclosing class, what `this.service.|` is typed on).
 */
export function memberUses(text: string, receivers: readonly string[], asField = false): Map<string, Map<string, number>> {
  const alternatives = receivers.map(r => r.replace(/\$/g, '\\$')).join('|');
  const start = asField ? '(?:(?<![\\w$.])(?:this|self)\\s*\\??\\.\\s*|(?<![\\w$.]))' : '(?<![\\w$.])';
  const access = new RegExp(`${start}(${alternatives})\\s*\\??\\.\\s*(${NAME})`, 'g');
  const uses = new Map<string, Map<string, number>>();
  for (const match of text.matchAll(access)) {
    let members = uses.get(match[1]);
    if (!members) uses.set(match[1], (members = new Map()));
    members.set(match[2], (members.get(match[2]) ?? 0) + 1);
  }
  return uses;
}
