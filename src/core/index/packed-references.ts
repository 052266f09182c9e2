// References are most of what the worker sends back (hundreds per file). As objects they cost more to
// clone between threads than to extract; packed as a name table plus one Int32Array (moved, not copied)
// they cross in a fraction of the time and are rebuilt as objects on arrival.
import type { Reference, ReferenceKind } from '../types';

const KINDS: readonly ReferenceKind[] = ['call', 'type', 'identifier', 'member'];
const KIND_CODE = new Map(KINDS.map((k, i) => [k, i]));
/** name, kind, start line, start character, end line, end character */
const FIELDS = 6;

export interface PackedReferences {
  readonly names: readonly string[];
  readonly data: Int32Array;
}

export function packReferences(references: readonly Reference[]): PackedReferences {
  const names: string[] = [];
  const ids = new Map<string, number>();
  const data = new Int32Array(references.length * FIELDS);
  let o = 0;
  for (const r of references) {
    let id = ids.get(r.name);
    if (id === undefined) {
      id = names.length;
      names.push(r.name);
      ids.set(r.name, id);
    }
    data[o++] = id;
    data[o++] = KIND_CODE.get(r.kind)!;
    data[o++] = r.range.start.line;
    data[o++] = r.range.start.character;
    data[o++] = r.range.end.line;
    data[o++] = r.range.end.character;
  }
  return { names, data };
}

export function unpackReferences({ names, data }: PackedReferences): Reference[] {
  const references: Reference[] = new Array(data.length / FIELDS);
  for (let i = 0, o = 0; o < data.length; i++, o += FIELDS) references[i] = referenceAt(names, data, o);
  return references;
}

/**
 * The references `keep` takes, as objects; the others are read in place and never built. A keystroke's
 * readers want a few of a file's thousands: those on the cursor's lines, the `type` ones in signatures.
 */
export function unpackReferencesWhere({ names, data }: PackedReferences, keep: (kind: ReferenceKind, startLine: number) => boolean): Reference[] {
  const references: Reference[] = [];
  for (let o = 0; o < data.length; o += FIELDS) if (keep(KINDS[data[o + 1]], data[o + 2])) references.push(referenceAt(names, data, o));
  return references;
}

function referenceAt(names: readonly string[], data: Int32Array, o: number): Reference {
  return {
    name: names[data[o]],
    kind: KINDS[data[o + 1]],
    range: { start: { line: data[o + 2], character: data[o + 3] }, end: { line: data[o + 4], character: data[o + 5] } },
  };
}

/** Adds each reference to `counts[its name's index in names]`: the uses of each name, without building the references. */
export function countReferencesByName({ data }: PackedReferences, counts: Int32Array): void {
  for (let o = 0; o < data.length; o += FIELDS) counts[data[o]]++;
}

export function packedReferenceCount({ data }: PackedReferences): number {
  return data.length / FIELDS;
}
