// The emulator's state: in memory, optionally backed by a JSON file. Every acknowledged write
// is on disk before its 2xx answer leaves (the server calls save() first), and a save replaces
// the file atomically (temp file in the same directory, fsync, rename, fsync the directory),
// so a `kill -9` at any moment leaves either the previous or the new state, never a torn file.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { EmulatorState } from './types.js';

const FORMAT = 'chatctl-emulator-state';
const VERSION = 1;

export function createEmptyState(): EmulatorState {
  return { identity: {}, messaging: {}, ivschat: {}, tags: {}, idempotency: {} };
}

export class StateStore {
  readonly state: EmulatorState;

  /** Loads the state file when there is one (a missing file is an empty state). */
  constructor(readonly path?: string) {
    this.state = path ? loadState(path) : createEmptyState();
  }

  /** Writes the whole state; no-op without a state file. Synchronous on purpose: the answer
   * to the request that caused the write must not leave before the data is durable. */
  save(): void {
    if (this.path) saveState(this.path, this.state);
  }
}

export function loadState(path: string): EmulatorState {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return createEmptyState();
    throw err;
  }
  let doc: { format?: string; version?: number; state?: Partial<EmulatorState> };
  try {
    doc = JSON.parse(text, reviveDates);
  } catch (err) {
    // Refuse to start rather than silently replace the user's data with an empty state.
    throw new Error(`emulator state file ${path} is not valid JSON: ${(err as Error).message}`);
  }
  if (doc.format !== FORMAT || typeof doc.state !== 'object' || doc.state === null) {
    throw new Error(`${path} is not a chatctl emulator state file`);
  }
  if (doc.version !== VERSION) throw new Error(`${path}: unsupported state file version ${doc.version}`);
  return { ...createEmptyState(), ...doc.state };
}

export function saveState(path: string, state: EmulatorState): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const text = JSON.stringify({ format: FORMAT, version: VERSION, savedAt: new Date(), state }, encodeDates);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  renameSync(tmp, path);
  fsyncDirectory(dir);
}

function fsyncDirectory(dir: string): void {
  // Makes the rename itself durable. Not possible on every platform (Windows): best effort.
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // ignore
  }
}

// Dates are stored as {"$date": "<ISO-8601>"} and revived on load. JSON.stringify calls
// Date#toJSON before a replacer sees the value, so the replacer looks at the holder instead.
function encodeDates(this: any, key: string, value: unknown): unknown {
  const raw = this[key];
  return raw instanceof Date ? { $date: raw.toISOString() } : value;
}

function reviveDates(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === '$date' && typeof (value as { $date: unknown }).$date === 'string') {
      return new Date((value as { $date: string }).$date);
    }
  }
  return value;
}
