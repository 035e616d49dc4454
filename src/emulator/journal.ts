// The append side of the state file: one line per group commit, written at the end of the good
// data and made durable with fdatasync before any request in the group is answered. Writes that
// arrive while a group is being written wait and go together in the next one, so N concurrent
// writers pay for about one fsync, not N.
//
// A group is ONE line, so a group that is cut short (full disk, crash) is a torn last line
// that loading ignores: either every write of the group is kept or none is. After a failed
// write the file is truncated back to the good data; while that truncation has not succeeded,
// every commit fails rather than append behind garbage.
import { fdatasync, ftruncate, writeSync } from 'node:fs';

/** The file operations the journal uses (tests inject failures here). */
export interface JournalIO {
  write(fd: number, data: Buffer, position: number): Promise<number>;
  datasync(fd: number): Promise<void>;
  truncate(fd: number, length: number): Promise<void>;
}

export const nodeJournalIO: JournalIO = {
  // A group's line is small and goes to the page cache: written in place, it saves a trip
  // through the thread pool; the fdatasync that waits for the disk runs off the event loop.
  write: async (fd, data, position) => writeSync(fd, data, 0, data.length, position),
  datasync: (fd) => new Promise((resolve, reject) => fdatasync(fd, (err) => (err ? reject(err) : resolve()))),
  truncate: (fd, length) => new Promise((resolve, reject) => ftruncate(fd, length, (err) => (err ? reject(err) : resolve()))),
};

interface Waiting {
  /** The JSON array items of this write's changes ('' when it changed nothing). */
  items: string;
  resolve(): void;
  reject(err: Error): void;
}

export class Journal {
  private queue: Waiting[] = [];
  private writing = false;
  private paused = false;
  /** Bytes after the last good line: a failed write that could not be truncated away. */
  private torn = false;
  private idleWaiters: Array<() => void> = [];
  /** Failed group commits so far (a compaction started before one must not finish). */
  failures = 0;
  /** Lines appended since the file was last rewritten. */
  appendedBytes = 0;

  constructor(
    public fd: number,
    /** Length of the good data: where the next line goes. */
    public size: number,
    private readonly io: JournalIO,
    /** Called after a failed group, before its writers hear of the failure. */
    private readonly onFailure: (err: Error) => void,
    /** Called after each successful group. */
    private readonly onCommit: () => void = () => {},
  ) {}

  /** Resolves when the changes are durable, rejects when they could not be written. */
  append(items: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ items, resolve, reject });
      this.next();
    });
  }

  /** Holds new groups back (a compaction swaps the file) and waits for the current one. */
  async pause(): Promise<void> {
    this.paused = true;
    if (this.writing) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  resume(): void {
    this.paused = false;
    this.next();
  }

  /** Waits until nothing is queued or being written. */
  async drain(): Promise<void> {
    while (this.writing || this.queue.length > 0) {
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
  }

  private next(): void {
    if (this.writing || this.paused || this.queue.length === 0) return;
    this.writing = true;
    const group = this.queue.splice(0);
    void this.flush(group);
  }

  private async flush(group: Waiting[]): Promise<void> {
    const items = group.map((w) => w.items).filter((s) => s !== '');
    const line = items.length > 0 ? Buffer.from(`{"c":[${items.join(',')}]}\n`) : undefined;
    let failure: Error | undefined;
    try {
      if (this.torn) {
        await this.io.truncate(this.fd, this.size);
        this.torn = false;
      }
      if (line) {
        for (let done = 0; done < line.length; ) {
          const n = await this.io.write(this.fd, done === 0 ? line : line.subarray(done), this.size + done);
          if (n <= 0) throw new Error('short write');
          done += n;
        }
        await this.io.datasync(this.fd);
        this.size += line.length;
        this.appendedBytes += line.length;
      }
    } catch (err) {
      failure = err as Error;
    }
    if (failure) {
      this.failures++;
      try {
        await this.io.truncate(this.fd, this.size);
      } catch {
        this.torn = true;
      }
      // The writers queued behind this group may have read its changes: they fail with it,
      // in the same tick as memory is put back to what the file holds.
      group.push(...this.queue.splice(0));
      try {
        this.onFailure(failure);
      } catch {
        // the store reports its own trouble; the writers below must hear of the failure anyway
      }
      for (const w of group) w.reject(failure);
    } else {
      if (line) this.onCommit();
      for (const w of group) w.resolve();
    }
    this.writing = false;
    for (const wake of this.idleWaiters.splice(0)) wake();
    this.next();
  }
}
