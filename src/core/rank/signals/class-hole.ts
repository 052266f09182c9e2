import { receiverBefore, typedMember } from '../../cursor';
import type { SymbolLocation } from '../../index/view';
import { enclosingClass } from '../class-fields';
import { BASE_LEVELS, TYPE_KINDS } from '../../index/class-heritage';
import { classAndBases, memberHoleEvidence } from '../class-members';
import { CursorScope, SELF_RECEIVERS } from '../cursor-scope';
import { duckTypes } from '../duck-types';
import type { Signal, SignalContext } from '../evidence';
import { folderDistance } from '../folder-distance';

/** `self.`, `this.`, `cls.` ending the prefix, not themselves a chain's link. */
const SELF_HOLE = /(?:^|[^\w$.])(self|this|cls)\s*\??\.\s*$/;
/** `Cls.` or `Cls(…).` ending the prefix: a capitalised name is a class by convention, checked against the declarations. */
const CLASS_HOLE = /(?:^|[^\w$.])([A-Z][\w$]*)\s*(?:\([^()]*\))?\s*\??\.\s*$/;

/**
 * The member being typed on a receiver whose class the text names, without a language server: at `self.|`
 * the enclosing class, at `Cls.|` or `Cls(…).|` that class, at `x.|` (or `self.x.|`) the type written for x
 * or the one its name suggests (`_inference_state` -> `InferenceState`, CursorScope.typeOf), and when nothing
 * names one (an untyped parameter), the classes offering the most of what this file uses on x (duck-types.ts). What comes
 * next is one of its members or of its bases' (up to BASE_LEVELS levels, class-members.ts), and the
 * bases usually sit in other files, large classes whose outline a small budget cannot hold and whose members
 * no use near the cursor names. Their members, and the attributes their constructors set, become
 * candidates, sharing the weight as the facts signal's members of a receiver's type do (class-members.ts).
 */
export const classHoleSignal: Signal = {
  name: 'class-hole',
  collect(context) {
    const prefix = context.cursor.linePrefix;
    const typed = typedMember(prefix);
    const before = prefix.slice(0, prefix.length - typed.length);
    const named = receiverClass(context, before);
    if (!named) return [];
    const classes = named.locations.flatMap(location => classAndBases(context, location, BASE_LEVELS));
    const weight = context.weights.classHole.total * named.certainty;
    return memberHoleEvidence(context, classes, typed, named.receiver, weight, member => `a member of \`${member.container}\`, completes ${named.describe}`);
  },
};

interface ReceiverClass {
  readonly locations: readonly SymbolLocation[];
  /** 1 for the enclosing class or a class resolved through an import; the name's specificity otherwise. */
  readonly certainty: number;
  /** The receiver as `MemberUses` counts it, for the shares by use in this file. */
  readonly receiver: string;
  readonly describe: string;
}

function receiverClass(context: SignalContext, before: string): ReceiverClass | undefined {
  const self = SELF_HOLE.exec(before)?.[1];
  if (self !== undefined) {
    const enclosing = enclosingClass(context);
    return enclosing && { locations: [enclosing], certainty: 1, receiver: self, describe: `\`${self}.\` in \`${enclosing.definition.name}\`` };
  }
  const name = CLASS_HOLE.exec(before)?.[1];
  if (name === undefined) return variableClass(context, before) ?? duckClass(context, before);
  const own = context.cursor.localDefinitions.filter(d => d.name === name && TYPE_KINDS.has(d.kind) && d.container === undefined);
  if (own.length > 0) return { locations: own.map(definition => ({ path: context.cursor.file, definition })), certainty: 1, receiver: name, describe: `\`${name}.\`` };
  const { locations, certainty } = CursorScope.of(context).typeLocations(name);
  const classes = meantClasses(context, locations, certainty);
  return classes.length > 0 ? { locations: classes, certainty, receiver: name, describe: `\`${name}.\`` } : undefined;
}

/** `x.` or `self.x.` whose type the text says or the name suggests (CursorScope.typeOf): that type's declarations. */
function variableClass(context: SignalContext, before: string): ReceiverClass | undefined {
  const variable = receiverBefore(before, before.length);
  const scope = CursorScope.of(context);
  const type = variable === undefined || scope.bindings.has(variable) ? undefined : scope.typeOf(variable);
  if (variable === undefined || type === undefined || type === variable) return undefined;
  const { locations, certainty } = scope.typeLocations(type);
  const classes = meantClasses(context, locations, certainty);
  return classes.length > 0 ? { locations: classes, certainty, receiver: variable, describe: `\`${variable}.\`, a \`${type}\`` } : undefined;
}

/** `x.` whose type nothing names (an untyped parameter): the classes declaring what this file uses on x (duck-types.ts). */
function duckClass(context: SignalContext, before: string): ReceiverClass | undefined {
  const variable = receiverBefore(before, before.length);
  if (variable === undefined || SELF_RECEIVERS.has(variable) || CursorScope.of(context).bindings.has(variable)) return undefined;
  const duck = duckTypes(context, variable);
  const names = duck?.locations.map(l => `\`${l.definition.name}\``).join(' or ');
  return duck && { ...duck, receiver: variable, describe: `\`${variable}.\`, used here as a ${names}` };
}

/**
 * The classes among a type name's declarations that the text means. A name matched by name only (certainty
 * below 1: neither imported nor declared here) that several files declare as a class means the nearest
 * (folder distance, as type-users.ts picks a type's users), and none when files at that distance tie: the
 * members of every namesake took the whole share. python3-jedi's `context.infer_node(…)` (plugins/pytest.py)
 * offered the members of six vendored stubs' `Context` classes (decimal, contextvars, click, jinja2, django) and
 * crowded the gold out at 2K; its `environment.get_grammar()` means jedi/api's Environment, not the stubs'.
 */
function meantClasses({ cursor }: SignalContext, locations: readonly SymbolLocation[], certainty: number): readonly SymbolLocation[] {
  const classes = locations.filter(l => TYPE_KINDS.has(l.definition.kind));
  if (certainty >= 1 || classes.length === 0) return classes;
  const distance = (l: SymbolLocation) => folderDistance(l.path, cursor.file);
  const nearest = Math.min(...classes.map(distance));
  const meant = classes.filter(l => distance(l) === nearest);
  return new Set(meant.map(l => l.path)).size === 1 ? meant : [];
}
