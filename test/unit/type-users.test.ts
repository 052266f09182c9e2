// typeUsers reads the side of a signature (returns or takes the type) only until it has its limit of
// producers, in nearness order: what it returns must be the first `limit` of the full ranking (producers
// first, then nearer files), with consumers nearer than every producer and producers beyond the limit.
// Real index and ranking state over files written for it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { RankingState } from '../../src/core/rank/ranking-state';
import { typeUsers } from '../../src/core/rank/type-users';

const FILES: Record<string, string> = {
  'src/item.ts': 'export interface Item { id: string }\n',
  // Nearest the cursor: consumers only.
  'src/cart/use.ts': "import { Item } from '../item';\nexport function show(item: Item): string { return item.id; }\nexport function count(items: Item[]): number { return items.length; }\n",
  // Farther: producers and consumers mixed.
  'src/shop/make.ts': "import { Item } from '../item';\nexport function make(id: string): Item { return { id }; }\nexport function copy(item: Item): Item { return item; }\nexport function drop(item: Item): void {}\n",
  'lib/deep/more.ts': "import { Item } from '../../src/item';\nexport function first(): Item { return { id: '1' }; }\nexport function second(): Item { return { id: '2' }; }\nexport function third(): Item { return { id: '3' }; }\nexport function check(item: Item): boolean { return !!item; }\n",
};
const CURSOR = 'src/cart/view.ts';

let root: string;
let index: WorkspaceIndex;
let state: RankingState;
before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-type-users-'));
  for (const [file, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  index = await WorkspaceIndex.open({ root, cacheDir: false });
  await index.build();
  state = new RankingState(index);
  await state.build();
});
after(async () => {
  await index.dispose();
  fs.rmSync(root, { recursive: true, force: true });
});

const users = (limit: number) => typeUsers(state, index, 'Item', CURSOR, () => true, limit).map(u => `${u.use} ${u.definition.name}`);

test('every user, ranked: producers first, then by nearness to the cursor', () => {
  assert.deepEqual(users(Infinity), ['returns make', 'returns copy', 'returns first', 'returns second', 'returns third', 'takes show', 'takes count', 'takes drop', 'takes check']);
});

test('each limit gives the first ones of the full ranking', () => {
  const all = users(Infinity);
  for (let limit = 0; limit <= all.length; limit++) assert.deepEqual(users(limit), all.slice(0, limit), `limit ${limit}`);
});
