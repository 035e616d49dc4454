// Compaction: rewrites the state file as one snapshot line while the emulator keeps serving.
//
// The snapshot is serialised a record at a time, yielding to the event loop, so it is "fuzzy":
// records changed during the walk may be seen before or after the change. That is safe because
// every journal line records whole values at paths (set or delete), so replaying, on top of the
// snapshot, every line appended since the walk began gives exactly the current state again.
// At the end, with appends held back for a moment, those lines are copied behind the snapshot,
// the temp file is fsync'd and renamed over the state file, and the journal continues in it.
// A save that failed during the walk (memory was reloaded meanwhile) abandons the compaction.
import { closeSync, openSync, read, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { isPlainObject, toDiskJson } from './codec.js';
import type { Journal, JournalIO } from './journal.js';
import { fsyncDirectory, snapshotHeader, tempPathFor } from './store.js';
import type { EmulatorState } from './types.js';

const CHUNK_BYTES = 256 * 1024;
/** Longest stretch of serialisation between two turns of the event loop. */
const SLICE_MS = 4;
/** Objects at these depths are written key by key; deeper values (records) in one piece. */
const WALK_DEPTH = 3;

export async function compactInto(file: string, state: EmulatorState, journal: Journal, io: JournalIO): Promise<{ snapshotBytes: number } | undefined> {
  const failuresAtStart = journal.failures;
  const from = journal.size;
  const tmp = tempPathFor(file);
  const fd = openSync(tmp, 'wx+', 0o600); // readable too: it becomes the journal's file
  let adopted = false;
  try {
    const out = new ChunkedWriter(fd, io);
    await out.put(snapshotHeader(new Date()));
    await writeTree(state, 0, out);
    await out.put('}\n');
    await out.flush();
    const snapshotBytes = out.bytes;

    await journal.pause();
    try {
      if (journal.failures !== failuresAtStart) return undefined;
      const tail = await readRange(journal.fd, from, journal.size - from);
      await out.put(tail);
      await out.flush();
      await io.datasync(fd);
      renameSync(tmp, file);
      fsyncDirectory(dirname(file));
      // The temp file's descriptor now names the state file: the journal goes on in it.
      closeSync(journal.fd);
      journal.fd = fd;
      journal.size = snapshotBytes + tail.length;
      journal.appendedBytes = tail.length;
      adopted = true;
      return { snapshotBytes };
    } finally {
      journal.resume();
    }
  } finally {
    if (!adopted) {
      closeSync(fd);
      rmSync(tmp, { force: true });
    }
  }
}

class ChunkedWriter {
  bytes = 0;
  private parts: Buffer[] = [];
  private pending = 0;
  private sliceStart = Date.now();

  constructor(
    private readonly fd: number,
    private readonly io: JournalIO,
  ) {}

  async put(data: string | Buffer): Promise<void> {
    const buf = typeof data === 'string' ? Buffer.from(data) : data;
    this.parts.push(buf);
    this.pending += buf.length;
    if (this.pending >= CHUNK_BYTES) await this.flush();
    else if (Date.now() - this.sliceStart > SLICE_MS) await new Promise((resolve) => setImmediate(resolve));
    if (Date.now() - this.sliceStart > SLICE_MS) this.sliceStart = Date.now();
  }

  async flush(): Promise<void> {
    const data = Buffer.concat(this.parts);
    this.parts = [];
    this.pending = 0;
    for (let done = 0; done < data.length; ) {
      const n = await this.io.write(this.fd, data.subarray(done), this.bytes + done);
      if (n <= 0) throw new Error('short write');
      done += n;
    }
    this.bytes += data.length;
    this.sliceStart = Date.now();
  }
}

async function writeTree(value: unknown, depth: number, out: ChunkedWriter): Promise<void> {
  if (depth >= WALK_DEPTH || !isPlainObject(value)) {
    await out.put(toDiskJson(value));
    return;
  }
  await out.put('{');
  let first = true;
  for (const key of Object.keys(value)) {
    const child = value[key];
    if (child === undefined) continue; // deleted since the walk began
    await out.put(`${first ? '' : ','}${JSON.stringify(key)}:`);
    first = false;
    await writeTree(child, depth + 1, out);
  }
  await out.put('}');
}

function readRange(fd: number, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  return new Promise((resolve, reject) => {
    const step = (done: number) => {
      if (done >= length) return resolve(buf);
      read(fd, buf, done, length - done, position + done, (err, n) => {
        if (err) return reject(err);
        if (n === 0) return reject(new Error('state file shorter than expected'));
        step(done + n);
      });
    };
    step(0);
  });
}

