// Insertion-ordered key sets kept in the state as doubly linked lists, for the lists that can
// grow large (an AppInstance's channels, a channel's members and messages). Adding, removing
// and reading one page cost the same at ten entries or ten million: listing from a plain
// object would enumerate it whole on every page (Object.keys of a 10,000-key object takes ~2 ms,
// V8 sorts dictionary-mode keys each time), and an array would be journaled whole on every
// change. Plain JSON, so it is persisted and journaled like the rest of the state.

export interface OrderedKeys {
  first?: string;
  last?: string;
  size: number;
  links: Record<string, { prev?: string; next?: string }>;
}

export function emptyOrder(): OrderedKeys {
  return { size: 0, links: {} };
}

export function append(set: OrderedKeys, key: string): void {
  if (set.links[key]) return;
  set.links[key] = set.last === undefined ? {} : { prev: set.last };
  if (set.last === undefined) set.first = key;
  else set.links[set.last]!.next = key;
  set.last = key;
  set.size++;
}

export function removeKey(set: OrderedKeys, key: string): void {
  const link = set.links[key];
  if (!link) return;
  if (link.prev === undefined) set.first = link.next;
  else set.links[link.prev]!.next = link.next;
  if (link.next === undefined) set.last = link.prev;
  else set.links[link.next]!.prev = link.prev;
  delete set.links[key];
  set.size--;
}

/** The keys from `from` (else from the first, or the last when backwards) to the end; undefined
 * when `from` is no longer in the set. The walk ends after `size` steps at most. */
export function walk(set: OrderedKeys, from: string | undefined, backwards = false): Iterable<string> | undefined {
  if (from !== undefined && !set.links[from]) return undefined;
  return (function* () {
    let key = from ?? (backwards ? set.last : set.first);
    for (let steps = 0; key !== undefined && steps < set.size; steps++) {
      yield key;
      key = backwards ? set.links[key]?.prev : set.links[key]?.next;
    }
  })();
}

/** The keys of a walk that pass a test (undefined stays undefined). */
export function filterKeys(keys: Iterable<string> | undefined, test: (key: string) => boolean): Iterable<string> | undefined {
  if (!keys) return undefined;
  return (function* () {
    for (const key of keys) if (test(key)) yield key;
  })();
}

/** The keys of a walk up to the first that fails a test (undefined stays undefined). */
export function whileKeys(keys: Iterable<string> | undefined, test: (key: string) => boolean): Iterable<string> | undefined {
  if (!keys) return undefined;
  return (function* () {
    for (const key of keys) {
      if (!test(key)) return;
      yield key;
    }
  })();
}

/** Pairs each key of a walk with an item, as pageByKey takes them (undefined stays undefined). */
export function mapKeys<T>(keys: Iterable<string> | undefined, item: (key: string) => T): Iterable<{ key: string; item: T }> | undefined {
  if (!keys) return undefined;
  return (function* () {
    for (const key of keys) yield { key, item: item(key) };
  })();
}

/** All keys, in order: for bulk work (deleting a channel) that visits each entry anyway. */
export function keysOf(set: OrderedKeys): string[] {
  return [...(walk(set, undefined) ?? [])];
}
