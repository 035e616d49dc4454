// `chatctl membership add CHANNEL --from-file FILE` of 10,000 members against the emulator:
// the whole process (start-up, the look-up of current members, 100 batches of 100 in flight
// four at a time), timed from spawn to exit. Then the rerun, which finds every member present
// and sends no write (its cost is listing the channel). Target (issue 6): <= 2 s for the add.
// The emulator runs in a child process preloaded with 10,001 users (bench/emulator-harness.mjs).
// Usage: node bench/membership-add.mjs   (after npm run build; also run by npm run bench)
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP, chatctlEnv, median, startChild, work } from './emulator-harness.mjs';

const BIN = fileURLToPath(new URL('../bin/chatctl.js', import.meta.url));
const MEMBERS = 10_000;
const TARGET_MS = 2000;
const runs = 3;

function chatctl(endpoint, args) {
  const env = chatctlEnv();
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, '--endpoint-url', endpoint, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.once('error', reject);
    child.once('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0) reject(new Error(`chatctl ${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve({ ms, stdout, stderr });
    });
  });
}

const emu = await startChild({ preload: MEMBERS + 1 });
const endpoint = `http://127.0.0.1:${emu.port}`;
try {
  const file = join(work, 'members.txt');
  // pre0 creates the channels (and so moderates them); pre1..pre10000 are added.
  writeFileSync(file, Array.from({ length: MEMBERS }, (_, i) => `pre${i + 1}`).join('\n') + '\n');
  const adds = [];
  const reruns = [];
  for (let run = 0; run <= runs; run++) {
    const channel = `bench-${run}`;
    await chatctl(endpoint, ['channel', 'create', channel, '--id', channel, '--privacy', 'PRIVATE', '--mode', 'RESTRICTED']);
    const add = await chatctl(endpoint, ['membership', 'add', channel, '--from-file', file, '-o', 'json']);
    const added = JSON.parse(add.stdout).BatchChannelMemberships.Members.length;
    if (added !== MEMBERS) throw new Error(`added ${added} of ${MEMBERS}: ${add.stderr}`);
    const rerun = await chatctl(endpoint, ['membership', 'add', channel, '--from-file', file, '-o', 'json']);
    if (!/already in channel/.test(rerun.stderr)) throw new Error(`the rerun added members: ${rerun.stderr}`);
    // Run 0 warms the emulator (JIT); the rest are measured.
    if (run > 0) {
      adds.push(add.ms);
      reruns.push(rerun.ms);
    }
  }
  const add = median(adds);
  console.log(
    `membership add ${MEMBERS.toLocaleString('en')} members from a file   ${add.toFixed(0).padStart(5)} ms (median of ${runs}; target <= ${TARGET_MS} ms) ${add <= TARGET_MS ? 'ok' : 'OVER TARGET'}`,
  );
  console.log(`  its rerun (all present: lists the channel, sends no write) ${median(reruns).toFixed(0).padStart(5)} ms`);
} finally {
  emu.stop();
  await emu.exited;
}
