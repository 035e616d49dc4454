// The emulator's state: in memory, optionally kept in a file (`--state FILE`).
//
// The file is a snapshot line followed by journal lines:
//   {"format":"chatctl-emulator-state","version":2,"savedAt":...,"state":{...}}\n
//   {"c":[[path,value],[path],...]}\n      <- one line per group commit (journal.ts)
// Loading parses the snapshot and replays the lines in order; a torn last line (a crash or a full
// disk in the middle of an append) is ignored. Each write appends one small line, so its cost
// does not grow with the state. When the lines outweigh the snapshot, a compaction writes a new
// snapshot in the background (compaction.ts) and renames it over the file. Version 1 files (a
// snapshot and nothing else) load unchanged and gain journal lines on the first write.
//
// The path may be a symlink: the file it points to is read and replaced, the link stays.
import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, realpathSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { fromDiskJson, isPlainObject, toDiskJson } from './codec.js';
import { compactInto } from './compaction.js';
import { Journal, nodeJournalIO, type JournalIO } from './journal.js';
import { applyChanges, type Change } from './tracker.js';
import type { EmulatorState } from './types.js';

export const STATE_FORMAT = 'chatctl-emulator-state';
export const STATE_VERSION = 2;
const SUB_TREES = ['identity', 'messaging', 'ivschat', 'tags', 'idempotency'] as const;
/** Compact when the journal is larger than this and than the snapshot. */
const MIN_COMPACTION_BYTES = 4 * 1024 * 1024;

export function createEmptyState(): EmulatorState {
  return { identity: {}, messaging: {}, ivschat: {}, tags: {}, idempotency: {} };
}

/** A state file the emulator must not start with (the message names the path). */
export class StateFileError extends Error {}

export interface StoreOptions {
  /** File operations of the journal (tests inject failures). */
  io?: JournalIO;
  /** Where internal errors go (a failed save, a failed compaction). */
  logError?: (line: string) => void;
}

export class StateStore {
  readonly state: EmulatorState;
  /** The file actually read and replaced (the symlink's target when the path is a link). */
  readonly file?: string;
  /** Increases each time memory is reloaded from the file (after a failed save). */
  generation = 0;
  private journal?: Journal;
  private snapshotBytes = 0;
  private compacting?: Promise<boolean>;
  private closed = false;
  /** Memory may hold changes the file does not: no further write can be trusted. */
  private unreadable = false;

  /** Loads the state file when there is one (a missing file starts empty and is created).
   * Throws StateFileError, naming the path, for a file it cannot read, write or trust. */
  constructor(
    readonly path?: string,
    private readonly opts: StoreOptions = {},
  ) {
    if (!path) {
      this.state = createEmptyState();
      return;
    }
    const file = (this.file = resolveLink(path));
    const dir = dirname(file);
    try {
      mkdirSync(dir, { recursive: true });
      removeLeftoverTemps(file);
    } catch (err) {
      throw new StateFileError(`cannot use state file ${path}: ${reason(err)}`);
    }
    let loaded = readStateFile(file, path);
    if (!loaded || loaded.unterminated) {
      // A new file, or a version 1 file (no line break after the snapshot): start the journal
      // behind a fresh snapshot line.
      writeSnapshotSync(file, loaded?.state ?? createEmptyState(), path);
      loaded = readStateFile(file, path)!;
    }
    this.state = loaded.state;
    this.snapshotBytes = loaded.snapshotBytes;
    let fd: number;
    try {
      fd = openSync(file, 'r+');
      checkDirectoryWritable(file);
    } catch (err) {
      throw new StateFileError(`cannot write state file ${path}: ${reason(err)}`);
    }
    this.journal = new Journal(
      fd,
      loaded.goodBytes,
      opts.io ?? nodeJournalIO,
      (err) => this.afterFailedSave(err),
      () => this.maybeCompact(),
    );
  }

  /** True when writes go to a file (and must be committed before they are answered). */
  get durable(): boolean {
    return this.journal !== undefined;
  }

  /** Makes one request's changes durable; resolves only once they are on disk. All writes
   * queued behind a failed one fail too, and memory is put back to what the file holds. */
  commit(changes: Change[]): Promise<void> {
    if (!this.journal) return Promise.resolve();
    if (this.closed) return Promise.reject(new Error('the state file is closed'));
    if (this.unreadable) return Promise.reject(new Error(`memory could not be restored from ${this.path} after a failed save`));
    const items = changes.map((c) => toDiskJson(c)).join(',');
    return this.journal.append(items);
  }

  /** Rewrites the file as one snapshot (in the background; writes go on meanwhile).
   * Resolves true when the new file replaced the old one. */
  compact(): Promise<boolean> {
    if (!this.journal || !this.file || this.closed) return Promise.resolve(false);
    this.compacting ??= compactInto(this.file, this.state, this.journal, this.opts.io ?? nodeJournalIO)
      .then((result) => {
        if (result) this.snapshotBytes = result.snapshotBytes;
        return Boolean(result);
      })
      .catch((err) => {
        this.opts.logError?.(`emulator: compaction of ${this.path} failed (the state file is unchanged): ${reason(err)}`);
        return false;
      })
      .finally(() => (this.compacting = undefined));
    return this.compacting;
  }

  /** Waits for pending saves and a running compaction, then closes the file. */
  async close(): Promise<void> {
    if (!this.journal || this.closed) return;
    this.closed = true;
    await this.compacting;
    await this.journal.drain();
    closeSync(this.journal.fd);
  }

  private maybeCompact(): void {
    const j = this.journal!;
    if (j.appendedBytes > MIN_COMPACTION_BYTES && j.size - this.snapshotBytes > this.snapshotBytes) void this.compact();
  }

  /** After a failed save: memory back to exactly what the file holds, in place (the state
   * object and its sub-trees are shared by reference with the server and realtime code). */
  private afterFailedSave(err: Error): void {
    this.opts.logError?.(`emulator: could not save to ${this.path}: ${reason(err)}; the write was refused and memory restored`);
    try {
      const text = readFileSync(this.file!).subarray(0, this.journal!.size).toString('utf8');
      refillInPlace(this.state, parseStateFile(text, this.path!).state);
      this.generation++;
    } catch (reloadErr) {
      this.unreadable = true;
      this.opts.logError?.(`emulator: cannot reload ${this.path} (${reason(reloadErr)}): every further write is refused; restart the emulator`);
    }
  }
}

interface LoadedFile {
  state: EmulatorState;
  snapshotBytes: number;
  /** Bytes of snapshot and whole journal lines: where the next line goes. */
  goodBytes: number;
  /** The snapshot has no line break after it (version 1): lines cannot be appended yet. */
  unterminated: boolean;
}

/** Reads the state of a file (snapshot + journal); a missing file is an empty state. */
export function loadState(path: string): EmulatorState {
  return readStateFile(resolveLink(path), path)?.state ?? createEmptyState();
}

/** Writes a state as a fresh snapshot, atomically (temp file, fsync, rename, fsync dir). */
export function saveState(path: string, state: EmulatorState): void {
  writeSnapshotSync(resolveLink(path), state, path);
}

export function snapshotHeader(savedAt: Date): string {
  return `{"format":"${STATE_FORMAT}","version":${STATE_VERSION},"savedAt":${toDiskJson(savedAt)},"state":`;
}

/** `.<name>.<pid>.<random>.tmp` beside the file: same filesystem, so rename is atomic. */
export function tempPathFor(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

export function fsyncDirectory(dir: string): void {
  // Makes a rename durable. Not possible on every platform (Windows): best effort.
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

function readStateFile(file: string, shownPath: string): LoadedFile | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StateFileError(`cannot read state file ${shownPath}: ${reason(err)}`);
  }
  return parseStateFile(text, shownPath);
}

/** Snapshot line + journal lines -> state. Throws StateFileError for anything but a torn last line. */
export function parseStateFile(text: string, shownPath: string): LoadedFile {
  const firstBreak = text.indexOf('\n');
  const header = firstBreak < 0 ? text : text.slice(0, firstBreak);
  let doc: { format?: unknown; version?: unknown; state?: unknown };
  try {
    doc = fromDiskJson(header) as typeof doc;
  } catch (err) {
    // Refuse to start rather than silently replace the user's data with an empty state.
    throw new StateFileError(`emulator state file ${shownPath} is not valid JSON: ${(err as Error).message}`);
  }
  if (!doc || typeof doc !== 'object' || doc.format !== STATE_FORMAT) {
    throw new StateFileError(`${shownPath} is not a chatctl emulator state file`);
  }
  if (doc.version !== 1 && doc.version !== STATE_VERSION) {
    throw new StateFileError(`${shownPath}: unsupported state file version ${String(doc.version)}`);
  }
  const state = checkedState(doc.state, shownPath);
  const snapshotBytes = Buffer.byteLength(header) + (firstBreak < 0 ? 0 : 1);
  let goodBytes = snapshotBytes;
  let at = firstBreak < 0 ? text.length : firstBreak + 1;
  let lineNo = 1;
  while (at < text.length) {
    lineNo++;
    const end = text.indexOf('\n', at);
    const line = end < 0 ? text.slice(at) : text.slice(at, end);
    let record: { c?: unknown } | undefined;
    try {
      record = fromDiskJson(line) as { c?: unknown };
    } catch {
      record = undefined;
    }
    const valid = end >= 0 && record && Array.isArray(record.c);
    if (!valid) {
      if (end < 0 || text.slice(end + 1).trim() === '') break; // torn last line: never acknowledged
      throw new StateFileError(`state file ${shownPath} is damaged at line ${lineNo}`);
    }
    applyChanges(state as unknown as Record<string, unknown>, record!.c as Change[]);
    goodBytes += Buffer.byteLength(line) + 1;
    at = end + 1;
  }
  // A journal line could have replaced a sub-tree with something else; check again.
  return { state: checkedState(state, shownPath), snapshotBytes, goodBytes, unterminated: firstBreak < 0 };
}

function checkedState(value: unknown, shownPath: string): EmulatorState {
  if (!isPlainObject(value)) throw new StateFileError(`${shownPath}: "state" must be an object`);
  const state = { ...createEmptyState(), ...(value as Partial<EmulatorState>) } as unknown as Record<string, unknown>;
  for (const key of SUB_TREES) {
    if (!isPlainObject(state[key])) {
      throw new StateFileError(`${shownPath}: "state.${key}" must be an object, found ${describe(state[key])}`);
    }
  }
  return state as unknown as EmulatorState;
}

function refillInPlace(state: EmulatorState, loaded: EmulatorState): void {
  const target = state as unknown as Record<string, Record<string, unknown>>;
  const source = loaded as unknown as Record<string, Record<string, unknown>>;
  for (const key of Object.keys(target)) {
    if (!(key in source)) delete target[key];
  }
  for (const [key, value] of Object.entries(source)) {
    const current = target[key];
    if (isPlainObject(current) && isPlainObject(value)) {
      for (const k of Object.keys(current)) delete current[k];
      Object.assign(current, value);
    } else {
      target[key] = value;
    }
  }
}

function writeSnapshotSync(file: string, state: EmulatorState, shownPath: string): void {
  const dir = dirname(file);
  const text = snapshotHeader(new Date()) + toDiskJson(state) + '}\n';
  const tmp = tempPathFor(file);
  try {
    mkdirSync(dir, { recursive: true });
    const fd = openSync(tmp, 'w', 0o600);
    try {
      const data = Buffer.from(text);
      for (let done = 0; done < data.length; ) done += writeSync(fd, data, done, data.length - done);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new StateFileError(`cannot write state file ${shownPath}: ${reason(err)}`);
  }
  fsyncDirectory(dir);
}

/** The file behind a symlinked path (also a dangling one: the link's target gets created),
 * so that replacing the file keeps the link. */
export function resolveLink(path: string, hops = 0): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return absolute;
  }
  let isLink = false;
  try {
    isLink = lstatSync(absolute).isSymbolicLink();
  } catch {
    // no such file yet
  }
  if (isLink && hops < 40) return resolveLink(resolve(dirname(absolute), readlinkSync(absolute)), hops + 1);
  return realpathOrSelf(absolute);
}

function realpathOrSelf(path: string): string {
  try {
    return join(realpathSync(dirname(path)), basename(path));
  } catch {
    return path;
  }
}

function removeLeftoverTemps(file: string): void {
  const prefix = `.${basename(file)}.`;
  for (const name of readdirSync(dirname(file))) {
    if (name.startsWith(prefix) && /\.\d+\.[0-9a-f]+\.tmp$/.test(name)) rmSync(join(dirname(file), name), { force: true });
  }
}

/** A file that can be opened but not replaced (the directory is read-only) fails at the first
 * compaction; refuse at start instead. */
function checkDirectoryWritable(file: string): void {
  const probe = tempPathFor(file);
  closeSync(openSync(probe, 'wx', 0o600));
  rmSync(probe, { force: true });
}


function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'EACCES' || e?.code === 'EPERM') return 'permission denied';
  if (e?.code === 'EROFS') return 'read-only file system';
  if (e?.code === 'ENOSPC') return 'no space left on device';
  if (e?.code === 'ENOTDIR' || (e?.code === 'EEXIST' && e.syscall === 'mkdir')) return 'a parent is not a directory';
  if (e?.code === 'EISDIR') return 'it is a directory';
  return e?.message ?? String(err);
}
