// The linked-list key sets behind the large messaging lists.
import { expect, it } from 'vitest';
import { append, emptyOrder, keysOf, removeKey, walk } from '../../../src/emulator/services/messaging/ordered.js';

it('keeps insertion order through removals at the ends and in the middle, both ways, from any key', () => {
  const set = emptyOrder();
  for (const k of ['a', 'b', 'c', 'd', 'e']) append(set, k);
  append(set, 'c'); // already there: no change
  removeKey(set, 'a');
  removeKey(set, 'c');
  removeKey(set, 'e');
  removeKey(set, 'zz'); // absent: no change
  expect(keysOf(set)).toEqual(['b', 'd']);
  expect(set.size).toBe(2);
  append(set, 'f');
  expect([...walk(set, undefined, true)!]).toEqual(['f', 'd', 'b']);
  expect([...walk(set, 'd')!]).toEqual(['d', 'f']);
  expect(walk(set, 'c')).toBeUndefined();
  for (const k of ['b', 'd', 'f']) removeKey(set, k);
  expect(set).toEqual({ size: 0, links: {} });
  // Plain JSON: it survives the state file.
  append(set, 'x');
  expect(JSON.parse(JSON.stringify(set))).toEqual(set);
});
