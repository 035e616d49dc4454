// Emulator write throughput: CreateAppInstanceUser per second with 1 and 10 concurrent clients,
// at 0, 10,000 and 50,000 existing users, in memory and with --state (each write fsync'd before
// its answer); then the p99 of point reads (DescribeAppInstanceUser) while 10 clients write.
// Raw signed HTTP over keep-alive sockets to an emulator in a child process.
// Targets (issue 8): --state >= 1,000/s with 1 client and >= 3,000/s with 10 at 50,000 users;
// read p99 <= 5 ms while writing; memory-only >= 2,000/s at any size.
// Usage: node bench/emulator-writes.mjs [--seconds N]
import { join } from 'node:path';
import { closeSync, fdatasyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { APP, client, cpuMs, percentile, rssMb, startChild, work } from './emulator-harness.mjs';

const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 3;
const SIZES = [0, 10_000, 50_000];
let unique = 0;

const createUser = (api) => {
  const id = `u${process.pid}-${++unique}`;
  return api.call({
    method: 'POST',
    path: '/app-instance-users',
    body: JSON.stringify({ AppInstanceArn: APP, AppInstanceUserId: id, Name: id, ClientRequestToken: `t-${id}` }),
  });
};

/** `clients` loops writing for `ms`; returns writes/s, failures, and the emulator's CPU time
 * per write (the load-independent part: this machine may be busy with other work). */
async function writeFor(api, clients, ms, pid) {
  const cpuBefore = cpuMs(pid);
  const end = Date.now() + ms;
  let ok = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < end) {
        const r = await createUser(api);
        if (r.status === 201) ok++;
        else if (failed++ === 0) console.error(`  unexpected ${r.status}: ${r.body.slice(0, 200)}`);
      }
    }),
  );
  return { perSecond: ok / (ms / 1000), failed, cpuPerWrite: (cpuMs(pid) - cpuBefore) / Math.max(ok, 1) };
}

/** The disk's floor: median ms of a 700-byte append + fdatasync in the bench's directory (a
 * single client can never write faster than one of these per request). */
function fsyncFloorMs() {
  const path = join(work, 'fsync-floor.bin');
  const fd = openSync(path, 'w');
  const line = Buffer.alloc(700, 0x61);
  const times = [];
  for (let i = 0; i < 200; i++) {
    const t = process.hrtime.bigint();
    writeSync(fd, line, 0, line.length, i * line.length);
    fdatasyncSync(fd);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  closeSync(fd);
  rmSync(path);
  return percentile(times, 50);
}

const floors = [fsyncFloorMs()];
const rows = [];
for (const mode of ['memory', '--state']) {
  for (const size of SIZES) {
    const statePath = mode === '--state' ? join(work, `writes-${size}.json`) : undefined;
    const emu = await startChild({ statePath, preload: size });
    const api = client(emu.port);
    try {
      await writeFor(api, 4, 1500, emu.child.pid); // warm-up: JIT, sockets, indexes built on first use
      for (const clients of [1, 10]) {
        const r = await writeFor(api, clients, seconds * 1000, emu.child.pid);
        rows.push({ mode, size, clients, ...r, rss: rssMb(emu.child.pid) });
      }
    } finally {
      api.close();
      emu.stop();
      await emu.exited;
      if (statePath) rmSync(statePath, { force: true });
    }
  }
}

floors.push(fsyncFloorMs());

function target(row) {
  if (row.mode === 'memory') return 2000;
  if (row.size === 50_000) return row.clients === 1 ? 1000 : 3000;
  return undefined;
}

console.log(`\nemulator writes: CreateAppInstanceUser/s, ${seconds} s per cell (node ${process.version}, load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs)`);
console.log('mode      records  clients   writes/s   failed  server CPU ms/write   RSS MB  target');
console.log(`disk floor (append + fdatasync, median of 200): ${floors.map((f) => f.toFixed(2)).join(' ms before, ')} ms after`);
for (const row of rows) {
  const t = target(row);
  const verdict = t === undefined ? '' : row.perSecond >= t ? `>= ${t} ok` : `>= ${t} BELOW TARGET`;
  console.log(
    `${row.mode.padEnd(9)} ${String(row.size).padStart(7)}  ${String(row.clients).padStart(7)}  ${row.perSecond.toFixed(0).padStart(9)}  ${String(row.failed).padStart(7)}  ${row.cpuPerWrite.toFixed(3).padStart(19)}  ${row.rss.toFixed(0).padStart(7)}  ${verdict}`,
  );
}

// Point reads while 10 clients write, at 50,000 users with --state. The reader runs in a worker
// thread: its latencies must not include the writers' turns in this process's event loop.
{
  const statePath = join(work, 'reads.json');
  const emu = await startChild({ statePath, preload: 50_000 });
  const writers = client(emu.port);
  try {
    await writeFor(writers, 4, 1500, emu.child.pid);
    const worker = new Worker(new URL('./emulator-reader.mjs', import.meta.url), { workerData: { port: emu.port, ms: seconds * 1000, users: 50_000 } });
    const done = new Promise((resolve, reject) => {
      worker.on('message', (m) => m.latencies && resolve(m.latencies));
      worker.once('error', reject);
    });
    await new Promise((resolve) => worker.on('message', (m) => m.ready && resolve()));
    const [writes, latencies] = await Promise.all([writeFor(writers, 10, seconds * 1000, emu.child.pid), done]);
    const p99 = percentile(latencies, 99);
    console.log(
      `\nreads while writing (50,000 users, --state, 10 writers at ${writes.perSecond.toFixed(0)}/s): ` +
        `${latencies.length} DescribeAppInstanceUser, p50 ${percentile(latencies, 50).toFixed(2)} ms, ` +
        `p99 ${p99.toFixed(2)} ms, max ${Math.max(...latencies).toFixed(2)} ms (target p99 <= 5 ms: ${p99 <= 5 ? 'ok' : 'ABOVE TARGET'})`,
    );
  } finally {
    writers.close();
    emu.stop();
    await emu.exited;
  }
}
