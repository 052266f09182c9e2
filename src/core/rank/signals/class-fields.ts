import type { Definition } from '../../types';
import { typedFieldsOfEnclosingClass } from '../class-fields';
import { BASE_LEVELS } from '../../index/class-heritage';
import { classAndBases, memberHoleEvidence } from '../class-members';
import type { Signal } from '../evidence';
import { MemberUses } from '../member-uses';

/**
 * A line not yet begun in a method often calls a member of one of the class's fields: theia's
 * `this.workspaceService.tryGetRoots()`, the field declared at the top of the class as `@inject(WorkspaceService)
 * protected readonly workspaceService: WorkspaceService` and used nowhere near the cursor. A large type's
 * outline does not fit a small budget, and nothing near the cursor names the member. The fields whose
 * declaration writes their type (class-fields.ts) share the weight by how often this file writes
 * `this.field.…`, plus one each; each field's type (and its bases') offers its {@link CLASS_FIELDS}.perType
 * likeliest public members' signatures, by the likelihood `x.|` uses (class-members.ts). Only where the cursor
 * line is blank before the cursor: after any text the line says more than the class's fields do.
 */
export const classFieldsSignal: Signal = {
  name: 'class-fields',
  collect(context) {
    if (context.cursor.linePrefix.trim() !== '') return [];
    const fields = typedFieldsOfEnclosingClass(context);
    const uses = fields.map(field => 1 + [...MemberUses.of(context).counts(field.name, true).values()].reduce((sum, count) => sum + count, 0));
    const total = uses.reduce((sum, count) => sum + count, 0);
    const offered = new Set<Definition>();
    return fields.flatMap((field, i) => {
      const classes = field.types.flatMap(type => classAndBases(context, type, BASE_LEVELS)).filter(({ definition }) => !offered.has(definition) && offered.add(definition));
      const weight = (context.weights.classFields.total * uses[i]!) / total;
      const reason = (member: Definition) => `a member of \`${member.container}\`, the type of the field \`${field.name}\` of the enclosing class`;
      return memberHoleEvidence(context, classes, '', field.name, weight, reason, 'public')
        .sort((a, b) => b.score - a.score)
        .slice(0, CLASS_FIELDS.perType);
    });
  },
};

/**
 * Members offered per field's type. Compared on the tuning set only (`--mask line`, 60 positions, 2K, against
 * 8, then the facts signal's NEARBY_RECEIVER_MEMBERS.perType): 16 also gave @theia/workspace's `onWorkspaceChanged`
 * twice (the field `workspaceService`, 26 -> 28 member gold of 30 with and without facts); the five other
 * TypeScript corpora identical.
 */
export const CLASS_FIELDS = { perType: 16 } as const;
