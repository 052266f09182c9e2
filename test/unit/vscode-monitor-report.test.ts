// What the monitor did with a completion, as the inspector shows it and the log writes it: one set of words.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { MonitoredCompletion } from '../../src/core/service/api';
import type { Manifest } from '../../src/core/types';
import { ContextHistory } from '../../src/vscode/context-history';
import { inspectorChildren, inspectorRoots, type InspectorNode } from '../../src/vscode/manifest-tree';
import { changeLine } from '../../src/vscode/monitor-report';

const at = new Date(2026, 0, 1, 12, 34, 56);
const manifest: Manifest = { file: 'src/shared/user.ts', position: { line: 9, character: 15 }, strategy: 'ours', budget: 4096, usedTokens: 900, tokensBySource: { prefix: 800, suffix: 100 }, timingsMs: {}, items: [] };
const repaired: MonitoredCompletion = {
  text: 'user.getUserName();',
  strategy: 'stop-and-repair',
  changes: [{ offset: 5, from: 'getUsern', to: 'getUserName', strategy: 'stop-and-repair', why: "'getUsern' is not a member here; the closest member is 'getUserName'" }],
  findings: [],
  rejected: false,
  notes: ["member of 'order' not checked: no answer within the 50 ms budget"],
  checkMs: [12, 51],
  waitedMs: 8.4,
  requests: 2,
};

type Node<K extends InspectorNode['kind']> = Extract<InspectorNode, { kind: K }>;

describe('the inspector shows what the monitor changed and why', () => {
  test('a Monitor group after the header: each change with its strategy and reason, then what was not checked', () => {
    const roots = inspectorRoots({ manifest, origin: 'completion', at, newer: 0, monitored: repaired });
    assert.deepEqual(roots.map(r => r.kind), ['header', 'monitor']);
    const group = roots[1] as Node<'monitor'>;
    assert.equal(group.label, 'Monitor: 1 member put right');
    assert.equal(group.description, 'stop-and-repair · 2 checks · 8 ms waited · 2 requests');
    assert.equal(group.expanded, true, 'a change is what the user came to see');
    const lines = (inspectorChildren(group) as Node<'monitor-line'>[]).map(n => n.line);
    assert.deepEqual(lines.map(l => [l.kind, l.label]), [['change', "'getUsern' → 'getUserName'"], ['note', "member of 'order' not checked: no answer within the 50 ms budget"]]);
    assert.equal(lines[0]!.description, "stop-and-repair: 'getUsern' is not a member here; the closest member is 'getUserName'");
    assert.equal(lines[0]!.sentence, changeLine(repaired.changes[0]!).sentence, 'the tooltip is the log line');
  });

  test('nothing changed: a closed group that says how many members were checked; findings mark a rejected completion', () => {
    const clean = { ...repaired, changes: [], notes: [], text: 'user.getUserName();' };
    const group = inspectorRoots({ manifest, origin: 'completion', at, newer: 0, monitored: clean })[1] as Node<'monitor'>;
    assert.equal(group.label, 'Monitor: 2 members checked, nothing changed');
    assert.equal(group.expanded, false);
    const rejected = { ...clean, rejected: true, findings: [{ kind: 'unknown-name' as const, message: "Cannot find name 'usr'." }] };
    const flagged = inspectorRoots({ manifest, origin: 'completion', at, newer: 0, monitored: rejected })[1] as Node<'monitor'>;
    assert.equal(flagged.label, 'Monitor: rejected: 1 mistake left in');
    assert.deepEqual(flagged.lines.map(l => [l.kind, l.label, l.description]), [['finding', "Cannot find name 'usr'.", 'invented name']]);
  });

  test('without a monitor result (monitor off, or not a monitored language) there is no group', () => {
    assert.ok(!inspectorRoots({ manifest, origin: 'completion', at, newer: 0 }).some(r => r.kind === 'monitor'));
  });

  test('the history entry of the completion takes the result when it arrives, even after newer contexts', () => {
    const history = new ContextHistory<{ readonly name: string; readonly monitored?: MonitoredCompletion }>();
    const first = { name: 'first' };
    const entry = history.add('completion', first);
    history.add('completion', { name: 'second' });
    assert.equal(history.replace(first, { ...first, monitored: repaired }), true);
    const updated = history.all().find(e => e.id === entry.id)!;
    assert.equal(updated.value.monitored, repaired);
    assert.equal(updated.at, entry.at, 'same entry: same id and time');
    assert.equal(history.replace({ name: 'never added' }, first), false);
  });
});
