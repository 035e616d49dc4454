// tail benchmarks (after `node scripts/build.mjs`).
// Usage: node bench/tail.mjs [--only latency|throughput|rate] [--latency N] [--events N] [--messages N] [--sessions N]
//   1. latency: SendChannelMessage -> the line printed by a `chatctl tail channel -o jsonl`
//      process, against the real emulator (both processes spawned from bin/chatctl.js);
//      p50/p99 from the start of the send call and from its acknowledgement. Target p50 <= 5 ms.
//   2. throughput of the tail client in jsonl mode: a minimal Chime-protocol server here pushes
//      N frames as fast as the socket takes them; the tail must print every one (zero loss,
//      checked by message id). Target >= 20,000 events/s.
//   3. the emulator's SendChannelMessage rate with 10 connected sessions of channel members, each
//      of which must receive every message, after 1,000 untimed messages. Target >= 3,000/s.
import { Sha256 } from '@aws-crypto/sha256-js';
import { ChimeSDKIdentityClient, CreateAppInstanceCommand, CreateAppInstanceUserCommand } from '@aws-sdk/client-chime-sdk-identity';
import {
  ChimeSDKMessagingClient,
  CreateChannelCommand,
  CreateChannelMembershipCommand,
  SendChannelMessageCommand,
} from '@aws-sdk/client-chime-sdk-messaging';
import { SignatureV4 } from '@smithy/signature-v4';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { WebSocket, WebSocketServer } from 'ws';
import { CREDENTIALS, percentile } from './emulator-harness.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const BIN = fileURLToPath(new URL('../bin/chatctl.js', import.meta.url));
const arg = (name, fallback) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const LATENCY_MESSAGES = arg('--latency', 300);
const THROUGHPUT_EVENTS = arg('--events', 100_000);
const RATE_MESSAGES = arg('--messages', 6000);
/** Sent (and delivered) before the timed messages. */
const RATE_WARMUP = 1000;
const SESSIONS = arg('--sessions', 10);
const children = [];

async function waitFor(condition, ms) {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
}

function env(extra = {}) {
  const e = { ...process.env, XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'chatctl-bench-cfg-')), ...extra };
  for (const k of Object.keys(e)) if (/^(AWS_PROFILE|CHATCTL_OUTPUT|CI)$/.test(k)) delete e[k];
  return e;
}

/** Spawns chatctl; resolves `ready` when `readyText` shows on stdout or stderr. */
function chatctl(args, extraEnv, readyText, onLine) {
  const child = spawn(process.execPath, [...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []), BIN, ...args], { env: env(extraEnv), stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  let partial = '';
  const ready = new Promise((resolve, reject) => {
    const check = () => (out.includes(readyText) || err.includes(readyText)) && resolve();
    child.stdout.on('data', (d) => {
      const text = d.toString();
      if (onLine) {
        const now = performance.now();
        const parts = (partial + text).split('\n');
        partial = parts.pop();
        for (const line of parts) onLine(line, now);
      } else out += text;
      check();
    });
    child.stderr.on('data', (d) => {
      err += d;
      check();
    });
    child.on('exit', (code) => reject(new Error(`chatctl ${args.join(' ')} exited ${code}: ${err}`)));
  });
  return { child, ready, output: () => out, errors: () => err };
}

async function world(endpoint, memberCount) {
  const config = { endpoint, region: 'us-east-1', credentials: CREDENTIALS, maxAttempts: 1 };
  const identity = new ChimeSDKIdentityClient(config);
  const messaging = new ChimeSDKMessagingClient(config);
  const app = (await identity.send(new CreateAppInstanceCommand({ Name: 'bench', ClientRequestToken: 'bench-app' }))).AppInstanceArn;
  const users = [];
  for (let i = 0; i < memberCount; i++) {
    const id = `u${i}`;
    users.push((await identity.send(new CreateAppInstanceUserCommand({ AppInstanceArn: app, AppInstanceUserId: id, Name: id, ClientRequestToken: `tok-${id}` }))).AppInstanceUserArn);
  }
  const channel = (await messaging.send(new CreateChannelCommand({ AppInstanceArn: app, Name: 'bench', ChimeBearer: users[0], ClientRequestToken: 'ch-bench' }))).ChannelArn;
  for (const u of users) await messaging.send(new CreateChannelMembershipCommand({ ChannelArn: channel, MemberArn: u, Type: 'DEFAULT', ChimeBearer: users[0] }));
  identity.destroy();
  return { app, users, channel, messaging };
}

let emulatorPid = 0;
async function startEmulator() {
  const emu = chatctl(['emulator', 'start', '--port', '0', '-q', '-o', 'json'], {}, '"Endpoint"');
  await emu.ready;
  emulatorPid = emu.child.pid;
  return JSON.parse(emu.output()).Endpoint;
}

/** CPU time (user + system) a process has used, ms (Linux; NaN elsewhere). */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

// --- 1. latency ------------------------------------------------------------------------------
async function latency() {
  const endpoint = await startEmulator();
  const w = await world(endpoint, 2);
  const arrivals = new Map();
  const tail = chatctl(['tail', 'channel', '--as', w.users[1], '-o', 'jsonl'], { CHATCTL_LOCAL: '1', CHATCTL_LOCAL_ENDPOINT: endpoint }, 'waiting for events', (line, at) => {
    arrivals.set(JSON.parse(line).payload.Content, at);
  });
  await tail.ready;
  const fromSend = [];
  const fromAck = [];
  for (let i = 0; i < LATENCY_MESSAGES + 20; i++) {
    const content = `lat-${i}`;
    const t0 = performance.now();
    await w.messaging.send(new SendChannelMessageCommand({ ChannelArn: w.channel, Content: content, Type: 'STANDARD', Persistence: 'PERSISTENT', ChimeBearer: w.users[0], ClientRequestToken: `t-${i}` }));
    const acked = performance.now();
    while (!arrivals.has(content)) await new Promise((r) => setImmediate(r));
    if (i >= 20) {
      // the first 20 warm up the JIT in all three processes
      fromSend.push(arrivals.get(content) - t0);
      fromAck.push(arrivals.get(content) - acked);
    }
  }
  w.messaging.destroy();
  tail.child.kill('SIGTERM');
  const fmt = (xs) => `p50 ${percentile(xs, 50).toFixed(2)} ms, p99 ${percentile(xs, 99).toFixed(2)} ms`;
  const p50 = percentile(fromSend, 50);
  console.log(`tail latency, send -> printed (${LATENCY_MESSAGES} msgs):   ${fmt(fromSend)}  (target p50 <= 5 ms) ${p50 <= 5 ? 'ok' : 'OVER TARGET'}`);
  console.log(`tail latency, acknowledged -> printed:      ${fmt(fromAck)}`);
}

// --- 2. tail throughput ------------------------------------------------------------------------
async function throughput() {
  // A minimal server speaking the Chime protocol: the endpoint call, then a socket that sends
  // SESSION_ESTABLISHED and N message frames, paced only by the socket's buffer.
  let started = 0;
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ Endpoint: { Url: `127.0.0.1:${server.address().port}` } }));
  });
  const wss = new WebSocketServer({ server, perMessageDeflate: false });
  const channel = 'arn:aws:chime:us-east-1:123456789012:app-instance/bench/channel/firehose';
  // Frames are made up front so the server's own cost does not count against the tail.
  const headers = { 'x-amz-chime-event-type': 'CREATE_CHANNEL_MESSAGE', 'x-amz-chime-message-type': 'STANDARD' };
  const sender = { Arn: 'arn:aws:chime:us-east-1:123456789012:app-instance/bench/user/alice', Name: 'alice' };
  const frames = Array.from({ length: THROUGHPUT_EVENTS }, (_, i) => {
    const now = new Date(Date.now() + i).toISOString();
    const payload = { ChannelArn: channel, MessageId: `m-${i}`, Content: `event ${i}`, Type: 'STANDARD', Persistence: 'PERSISTENT', Redacted: false, Sender: sender, CreatedTimestamp: now, LastUpdatedTimestamp: now, Status: { Value: 'SENT' } };
    return JSON.stringify({ Headers: headers, Payload: JSON.stringify(payload) });
  });
  wss.on('connection', async (ws) => {
    ws.send(JSON.stringify({ Headers: { 'x-amz-chime-event-type': 'SESSION_ESTABLISHED', 'x-amz-chime-message-type': 'SYSTEM' } }));
    await new Promise((r) => setTimeout(r, 200));
    started = performance.now();
    for (let i = 0; i < THROUGHPUT_EVENTS; i++) {
      ws.send(frames[i]);
      if (ws.bufferedAmount > 4 * 1024 * 1024) while (ws.bufferedAmount > 1024 * 1024) await new Promise((r) => setTimeout(r, 1));
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const seen = new Set();
  let last = 0;
  let done;
  const finished = new Promise((r) => (done = r));
  const tail = chatctl(
    ['tail', 'channel', '--as', 'arn:aws:chime:us-east-1:123456789012:app-instance/bench/user/bob', '--count', String(THROUGHPUT_EVENTS), '-o', 'jsonl'],
    { AWS_ENDPOINT_URL: `http://127.0.0.1:${server.address().port}`, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDBENCH', AWS_SECRET_ACCESS_KEY: 'bench' },
    'waiting for events',
    (line, at) => {
      seen.add(/"MessageId":"([^"]+)"/.exec(line)[1]);
      last = at;
      if (seen.size === THROUGHPUT_EVENTS) done();
    },
  );
  await tail.ready;
  const code = await Promise.race([finished.then(() => new Promise((r) => tail.child.on('exit', r))), new Promise((r) => setTimeout(() => r('timeout'), 120_000))]);
  const seconds = (last - started) / 1000;
  const rate = THROUGHPUT_EVENTS / seconds;
  const loss = THROUGHPUT_EVENTS - seen.size;
  console.log(
    `tail jsonl throughput (${THROUGHPUT_EVENTS} events):     ${Math.round(rate).toLocaleString('en')} events/s, ${loss} lost, exit ${code}  (target >= 20,000/s, zero loss) ${rate >= 20_000 && loss === 0 ? 'ok' : 'OVER TARGET'}`,
  );
  wss.close();
  server.close();
}

// --- 3. SendChannelMessage rate with 10 sessions ------------------------------------------------
async function sendRate() {
  const endpoint = await startEmulator();
  const w = await world(endpoint, 10);
  const host = new URL(endpoint).host;
  const signer = new SignatureV4({ service: 'chime', region: 'us-east-1', credentials: CREDENTIALS, sha256: Sha256 });
  const received = [];
  const sockets = [];
  for (const [i, userArn] of w.users.slice(0, SESSIONS).entries()) {
    const signed = await signer.presign({ method: 'GET', protocol: 'ws:', hostname: host, path: '/connect', query: { userArn, sessionId: String(i) }, headers: { host } }, { expiresIn: 10 });
    const qs = Object.entries(signed.query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
    // The sessions only count frames: checking their UTF-8 is load-generator work, not the emulator's.
    const ws = new WebSocket(`ws://${host}/connect?${qs}`, { perMessageDeflate: false, skipUTF8Validation: true });
    received[i] = 0;
    await new Promise((r, j) => (ws.once('message', r), ws.once('error', j))); // SESSION_ESTABLISHED
    ws.on('message', () => received[i]++);
    sockets.push(ws);
  }
  // Raw signed HTTP over keep-alive sockets (bench/emulator-harness.mjs): the SDK's own per-call
  // cost in this process would otherwise be what is measured, not the emulator.
  const { client } = await import('./emulator-harness.mjs');
  const http1 = client(Number(new URL(endpoint).port), 32);
  const CONCURRENCY = 32;
  let failed = 0;
  const path = `/channels/${encodeURIComponent(w.channel)}/messages`;
  /** Messages [from, to) from CONCURRENCY loops, each waiting for its answer before the next. */
  const sendAll = async (from, to) => {
    let next = from;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (;;) {
          const i = next++;
          if (i >= to) return;
          const body = JSON.stringify({ Content: `rate ${i}`, Type: 'STANDARD', Persistence: 'PERSISTENT', ClientRequestToken: `rate-${i}` });
          const res = await http1.call({ method: 'POST', path, body, headers: { 'x-amz-chime-bearer': w.users[i % 10] } });
          if (res.status !== 201) failed++;
        }
      }),
    );
  };
  // Not timed: the emulator's JIT warms up on the send path (steady state is what is measured).
  await sendAll(RATE_MESSAGES, RATE_MESSAGES + RATE_WARMUP);
  await waitFor(() => received.slice(0, SESSIONS).every((n) => n >= RATE_WARMUP), 10_000);
  received.fill(0);
  const t0 = performance.now();
  const cpu0 = cpuMs(emulatorPid);
  await sendAll(0, RATE_MESSAGES);
  const seconds = (performance.now() - t0) / 1000;
  const emulatorBusy = (cpuMs(emulatorPid) - cpu0) / 10 / seconds;
  http1.close();
  if (failed) console.log(`  ${failed} SendChannelMessage calls failed`);
  await waitFor(() => received.slice(0, SESSIONS).every((n) => n >= RATE_MESSAGES), 10_000);
  const rate = RATE_MESSAGES / seconds;
  console.log(
    `SendChannelMessage with ${SESSIONS} sessions (${RATE_MESSAGES} msgs): ${Math.round(rate).toLocaleString('en')}/s; ${SESSIONS ? `each session got ${Math.min(...received)}-${Math.max(...received)} of ${RATE_MESSAGES}` : 'no sessions'}  (target >= 3,000/s) ${rate >= 3000 && (SESSIONS === 0 || Math.min(...received) === RATE_MESSAGES) ? 'ok' : 'OVER TARGET'}`,
  );
  console.log(`  emulator process busy ${emulatorBusy.toFixed(0)}% of one core meanwhile (${((emulatorBusy * 10) / rate).toFixed(2)} ms CPU per message)`);
  for (const ws of sockets) ws.close();
  w.messaging.destroy();
}

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
try {
  if (!only || only === 'latency') await latency();
  if (!only || only === 'throughput') await throughput();
  if (!only || only === 'rate') await sendRate();
} finally {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
}
