// Emulator write throughput: CreateAppInstanceUser per second with 1 and 10 concurrent clients,
// at 0, 10,000 and 50,000 existing users, in memory and with --state (each write fsync'd before
// its answer); then the p99 of point reads (DescribeAppInstanceUser) while 10 clients write.
// Raw signed HTTP over keep-alive sockets to an emulator in a child process.
// Targets (issue 8): --state >= 1,000/s with 1 client and >= 3,000/s with 10 at 50,000 users;
// read p99 <= 5 ms while writing; memory-only >= 2,000/s at any size.
// Usage: node bench/emulator-writes.mjs [--seconds N]
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
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

function target(row) {
  if (row.mode === 'memory') return 2000;
  if (row.size === 50_000) return row.clients === 1 ? 1000 : 3000;
  return undefined;
}

console.log(`\nemulator writes: CreateAppInstanceUser/s, ${seconds} s per cell (node ${process.version}, load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs)`);
console.log('mode      records  clients   writes/s   failed  server CPU ms/write   RSS MB  target');
for (const row of rows) {
  const t = target(row);
  const verdict = t === undefined ? '' : row.perSecond >= t ? `>= ${t} ok` : `>= ${t} BELOW TARGET`;
  console.log(
    `${row.mode.padEnd(9)} ${String(row.size).padStart(7)}  ${String(row.clients).padStart(7)}  ${row.perSecond.toFixed(0).padStart(9)}  ${String(row.failed).padStart(7)}  ${row.cpuPerWrite.toFixed(3).padStart(19)}  ${row.rss.toFixed(0).padStart(7)}  ${verdict}`,
  );
}

// Point reads while 10 clients write, at 50,000 users with --state.
{
  const statePath = join(work, 'reads.json');
  const emu = await startChild({ statePath, preload: 50_000 });
  const writers = client(emu.port);
  const reader = client(emu.port, 1);
  try {
    await writeFor(writers, 4, 1500, emu.child.pid);
    const latencies = [];
    const end = Date.now() + seconds * 1000;
    let i = 0;
    const reading = (async () => {
      while (Date.now() < end) {
        const arn = `${APP}/user/pre${(i++ * 7919) % 50_000}`;
        const r = await reader.call({ method: 'GET', path: `/app-instance-users/${encodeURIComponent(arn)}` });
        if (r.status !== 200) throw new Error(`read answered ${r.status}: ${r.body}`);
        latencies.push(r.ms);
      }
    })();
    const [writes] = await Promise.all([writeFor(writers, 10, seconds * 1000, emu.child.pid), reading]);
    const p99 = percentile(latencies, 99);
    console.log(
      `\nreads while writing (50,000 users, --state, 10 writers at ${writes.perSecond.toFixed(0)}/s): ` +
        `${latencies.length} DescribeAppInstanceUser, p50 ${percentile(latencies, 50).toFixed(2)} ms, ` +
        `p99 ${p99.toFixed(2)} ms, max ${Math.max(...latencies).toFixed(2)} ms (target p99 <= 5 ms: ${p99 <= 5 ? 'ok' : 'ABOVE TARGET'})`,
    );
  } finally {
    writers.close();
    reader.close();
    emu.stop();
    await emu.exited;
  }
}
