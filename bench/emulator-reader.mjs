// Worker thread for bench/emulator-writes.mjs: point reads (DescribeAppInstanceUser) on their
// own event loop, so that the latency measured is the emulator's, not the writers' queue in
// the bench process. Posts the latencies (ms) when done.
import { parentPort, workerData } from 'node:worker_threads';
import { APP, client } from './emulator-harness.mjs';

const { port, ms, users } = workerData;
const reader = client(port, 1);
const latencies = [];
await reader.call({ method: 'GET', path: `/app-instance-users/${encodeURIComponent(`${APP}/user/pre0`)}` }); // warm-up
parentPort.postMessage({ ready: true });
const end = Date.now() + ms;
for (let i = 0; Date.now() < end; i++) {
  const arn = `${APP}/user/pre${(i * 7919) % users}`;
  const r = await reader.call({ method: 'GET', path: `/app-instance-users/${encodeURIComponent(arn)}` });
  if (r.status !== 200) throw new Error(`read answered ${r.status}: ${r.body}`);
  latencies.push(r.ms);
}
reader.close();
parentPort.postMessage({ latencies });
