// Write tracking for durable state. A write handler gets the state through a proxy that notes
// the path of every property it sets or deletes (`identity.users.<arn>`, `identity.users.<arn>.Name`,
// `identity.admins.<app>.<admin>`...), so the journal can record just what one request changed,
// and handlers need not say what they touched. At the end of the request the changed paths are
// read back from the raw state: a present value is written as it is then, an absent one as a
// deletion. Paths below a changed path are covered by it; an array counts as one value (its
// index/length assignments mark the array itself).
//
// Invariant: the raw state never holds a proxy (values are unwrapped when stored), so nothing
// outside a request ever goes through these traps.

import { isPlainObject } from './codec.js';

export type Path = string[];

/** One journal change: [path, value] sets, [path] deletes. */
export type Change = [Path] | [Path, unknown];

/** Asked of a proxy, gives the object behind it (a plain object has no such property). A
 * property read instead of a global WeakMap: every write makes proxies, and a long-lived
 * WeakMap of short-lived keys makes each young-generation GC slower under write load. */
const TARGET = Symbol('tracker target');

/** No proxy was ever made (memory-only emulators): clone as usual, no walk. */
let anyProxy = false;

/** structuredClone for handlers: it cannot clone a Proxy (DataCloneError), and a value reached
 * through ctx.state during a write is one; this clones what is behind the tracker's proxies. */
export function cloneState<T>(value: T): T {
  return structuredClone(anyProxy ? (unwrapDeep(value) as T) : value);
}

export class WriteTracker {
  private readonly changed = new Map<string, Path>();
  /** target -> its proxy, for this request only (the tracker dies with it). */
  readonly proxies = new Map<object, object>();

  /** The state as the handler of one write sees it. */
  wrap<T extends object>(root: T): T {
    return this.proxy(root, []) as T;
  }

  proxy(target: object, path: Path): object {
    let proxy = this.proxies.get(target);
    if (!proxy) {
      proxy = new Proxy(target, new Traps(this, path));
      this.proxies.set(target, proxy);
      anyProxy = true;
    }
    return proxy;
  }

  mark(path: Path): void {
    this.changed.set(path.join('\u0000'), path);
  }

  /** What the request changed, read from the raw state now; covered paths left out. */
  changes(root: object): Change[] {
    const paths = [...this.changed.values()].sort((a, b) => a.length - b.length);
    const kept = new Set<string>();
    const out: Change[] = [];
    for (const path of paths) {
      let covered = false;
      for (let i = 1; i < path.length && !covered; i++) covered = kept.has(path.slice(0, i).join('\u0000'));
      if (covered) continue;
      kept.add(path.join('\u0000'));
      const found = lookup(root, path);
      out.push(found.present ? [path, found.value] : [path]);
    }
    return out;
  }
}

/**
 * The traps of one proxy. A class, not an object literal of closures: V8 learns that the
 * objects of an allocation site outlive young-generation GCs and then allocates them in the
 * old generation, where (dead or not) they keep everything they point to alive until a full
 * GC. Handler literals made per write were so promoted, and with them each write's proxies
 * and tracker: every young GC took 3-7 ms instead of ~1 ms (reads stalled behind them).
 */
class Traps implements ProxyHandler<object> {
  constructor(
    private readonly tracker: WriteTracker,
    private readonly path: Path,
  ) {}

  get(target: object, key: string | symbol, receiver: unknown): unknown {
    if (key === TARGET) return target;
    const value = Reflect.get(target, key, receiver);
    if (typeof key !== 'string' || value === null || typeof value !== 'object') return value;
    return this.tracker.proxies.get(value) ?? (isTracked(value) ? this.tracker.proxy(value, [...this.path, key]) : value);
  }

  set(target: object, key: string | symbol, value: unknown): boolean {
    this.mark(target, key);
    return Reflect.set(target, key, unwrapDeep(value));
  }

  deleteProperty(target: object, key: string | symbol): boolean {
    this.mark(target, key);
    return Reflect.deleteProperty(target, key);
  }

  defineProperty(target: object, key: string | symbol, descriptor: PropertyDescriptor): boolean {
    this.mark(target, key);
    if ('value' in descriptor) descriptor = { ...descriptor, value: unwrapDeep(descriptor.value) };
    return Reflect.defineProperty(target, key, descriptor);
  }

  /** An array's index/length assignments mark the array itself. */
  private mark(target: object, key: string | symbol): void {
    if (typeof key === 'symbol') return;
    this.tracker.mark(Array.isArray(target) ? this.path : [...this.path, key]);
  }
}

/** Plain objects and arrays are tracked; Dates, Buffers, Maps are values. */
const isTracked = (value: unknown): value is object => Array.isArray(value) || isPlainObject(value);

/** Replaces proxies (at any depth of a fresh value) by the objects behind them. */
function unwrapDeep(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  const target = (value as { [TARGET]?: object })[TARGET];
  if (target) return target;
  if (depth > 64 || !isTracked(value)) return value;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const child = record[key];
    if (child !== null && typeof child === 'object') {
      const plain = unwrapDeep(child, depth + 1);
      if (plain !== child) record[key] = plain;
    }
  }
  return value;
}

function lookup(root: object, path: Path): { present: boolean; value?: unknown } {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, key)) return { present: false };
    node = (node as Record<string, unknown>)[key];
  }
  return { present: node !== undefined, value: node };
}

/** Applies journal changes to a state tree (load and replay). Missing parents are created. */
export function applyChanges(root: Record<string, unknown>, changes: Change[]): void {
  for (const change of changes) {
    const path = change[0];
    if (path.length === 0) continue;
    let node: Record<string, unknown> = root;
    let reachable = true;
    for (const key of path.slice(0, -1)) {
      let next = node[key];
      if (next === null || typeof next !== 'object') {
        if (change.length === 1) {
          reachable = false; // deleting below something absent: nothing to do
          break;
        }
        next = node[key] = {};
      }
      node = next as Record<string, unknown>;
    }
    if (!reachable) continue;
    const last = path[path.length - 1]!;
    if (change.length === 1) delete node[last];
    else node[last] = change[1];
  }
}
