/** Operators that join a receiver to its member: `a.b`, `a?.b`, `a->b`, `a::b`. */
export const MEMBER_OPERATOR = /(?:\?\.|\.|->|::)\s*$/;
const TRAILING_IDENTIFIER = /([A-Za-z_$][\w$]*)\s*$/;
/** `this.svc.handle` / `self.svc.handle`: the field `svc` is as good a receiver as a plain variable. */
const SELF_FIELD_PREFIX = /(?:^|[^\w$.])(?:this|self)\s*(?:\?\.|\.)\s*$/;

/**
 * The identifier naming the object of a member access that ends right before `column` on `line`:
 * `svc` for `svc.handle` and for `this.svc.handle`; undefined when the object is not a plain name
 * (`a().b`, `x[0].b`, `a.b.c`).
 */
export function receiverBefore(line: string, column: number): string | undefined {
  const before = line.slice(0, column);
  const operator = MEMBER_OPERATOR.exec(before);
  if (!operator) return undefined;
  const object = before.slice(0, operator.index);
  const identifier = TRAILING_IDENTIFIER.exec(object);
  if (!identifier) return undefined;
  const beforeIdentifier = object.slice(0, identifier.index);
  if (!MEMBER_OPERATOR.test(beforeIdentifier) || SELF_FIELD_PREFIX.test(beforeIdentifier)) return identifier[1];
  return undefined;
}
