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

/** The member being typed at the end of a line prefix: `pre` in `x.pre`, empty right after the `.`. */
export function typedMember(prefix: string): string {
  return TYPED_MEMBER.exec(prefix)?.[0] ?? '';
}

const TYPED_MEMBER = /[A-Za-z_$][\w$]*$/;

const MEMBER_USED_AFTER = /^\s*(?:\?\.|\.)\s*([A-Za-z_$][\w$]*)/;

/**
 * The member used on the object that ends at `column` of `line`: `c` for the `b` of `a.b.c`, which makes
 * `b` a link of a chain. The chain may go on at the start of the next line (`.refine(…)` under its object).
 */
export function memberAfter(lines: readonly string[], line: number, column: number): string | undefined {
  const rest = (lines[line] ?? '').slice(column);
  if (rest.trim() === '') return MEMBER_USED_AFTER.exec(lines[line + 1] ?? '')?.[1];
  return MEMBER_USED_AFTER.exec(rest)?.[1];
}
