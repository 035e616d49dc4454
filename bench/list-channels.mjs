// `chatctl channel list -o jsonl` of 10,000 channels (200 pages of 50) against the emulator:
//   1. the cost per page above a raw node:http floor. chatctl writes each page as it arrives, so
//      the reader timestamps the first page's last line and the last line: the pages between
//      them, over the count, are chatctl's steady per-page time, start-up and the first call left
//      out. The floor is the same ListChannels pages, signed (with the emulator's own SigV4
//      code) and fetched one after another over one keep-alive socket by this process.
//      Target (issue 6): <= 1.2 ms a page above the floor.
//   2. memory: peak RSS of the chatctl process listing 1,000 and 10,000 channels with -o jsonl
//      (flat = the same, since pages are written as they arrive); -o json streams as well, and
//      --query, which needs the whole document, is shown for contrast.
// The emulator runs in a child process (bench/emulator-harness.mjs) preloaded with one user.
// The machine's load shows in every figure; the report prints it.
// Usage: node bench/list-channels.mjs [--runs N]   (after npm run build; also run by npm run bench)
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP, chatctlEnv, client, median, startChild, work } from './emulator-harness.mjs';

const BIN = fileURLToPath(new URL('../bin/chatctl.js', import.meta.url));
const CHANNELS = 10_000;
const PAGE = 50;
const PAGES = CHANNELS / PAGE;
const TARGET_MS_PER_PAGE = 1.2;
const argRuns = process.argv.indexOf('--runs');
const runs = argRuns > 0 ? Number(process.argv[argRuns + 1]) : 5;
const BEARER = `${APP}/user/pre0`;

// Loaded into the chatctl process with --require: reports its peak RSS on exit, on stderr.
const peakReporter = join(work, 'peak-rss.cjs');
writeFileSync(peakReporter, "process.on('exit', () => process.stderr.write(`\\npeak-rss-kb ${process.resourceUsage().maxRSS}\\n`));\n");

function chatctl(endpoint, args, { measureMemory = false } = {}) {
  const env = chatctlEnv({ NODE_OPTIONS: measureMemory ? `--require ${peakReporter}` : '' });
  const now = () => Number(process.hrtime.bigint()) / 1e6;
  const started = now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, '--endpoint-url', endpoint, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let lines = 0;
    let firstPageAt;
    let lastLineAt;
    let stderr = '';
    // Count lines without keeping stdout: the reader must not be what holds memory.
    child.stdout.on('data', (chunk) => {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      const at = now();
      if (firstPageAt === undefined && lines >= PAGE) firstPageAt = at;
      lastLineAt = at;
    });
    child.stderr.on('data', (c) => (stderr += c));
    child.once('error', reject);
    child.once('exit', (code) => {
      const ms = now() - started;
      if (code !== 0) return reject(new Error(`chatctl ${args.join(' ')} exited ${code}: ${stderr}`));
      const peakKb = Number(/peak-rss-kb (\d+)/.exec(stderr)?.[1]);
      resolve({ ms, lines, firstPageMs: firstPageAt - started, pagesMs: lastLineAt - firstPageAt, peakMb: peakKb / 1024 });
    });
  });
}

const emu = await startChild({ preload: 1 });
const endpoint = `http://127.0.0.1:${emu.port}`;
const http = client(emu.port, 16);
try {
  // Set-up: 10,000 PUBLIC channels created by pre0, sixteen calls in flight.
  const setupStart = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < CHANNELS) {
        const i = next++;
        const body = JSON.stringify({ AppInstanceArn: APP, Name: `bench channel ${i}`, ChannelId: `c${i}`, ClientRequestToken: `bench-${i}` });
        const r = await http.call({ method: 'POST', path: '/channels', body, headers: { 'x-amz-chime-bearer': BEARER } });
        if (r.status !== 201) throw new Error(`CreateChannel c${i}: ${r.status} ${r.body}`);
      }
    }),
  );
  console.log(`(set-up: ${CHANNELS.toLocaleString('en')} channels created in ${((Date.now() - setupStart) / 1000).toFixed(1)} s)`);

  // The floor: every page, signed, one socket, one call after another.
  const floor = client(emu.port, 1);
  async function rawListing() {
    let token;
    let items = 0;
    let pages = 0;
    const started = process.hrtime.bigint();
    do {
      const query = { 'app-instance-arn': APP, 'max-results': String(PAGE), ...(token ? { 'next-token': token } : {}) };
      const r = await floor.call({ method: 'GET', path: '/channels', query, headers: { 'x-amz-chime-bearer': BEARER } });
      if (r.status !== 200) throw new Error(`ListChannels: ${r.status} ${r.body}`);
      const page = JSON.parse(r.body);
      items += page.Channels.length;
      pages++;
      token = page.NextToken;
    } while (token);
    if (items !== CHANNELS) throw new Error(`raw listing saw ${items} channels`);
    return { ms: Number(process.hrtime.bigint() - started) / 1e6, pages };
  }

  const list = ['channel', 'list', '-o', 'jsonl', '--page-size', String(PAGE)];
  const perPage = [];
  const firstPage = [];
  const whole = [];
  const raw = [];
  // Round 0 warms the emulator's JIT; the rest are measured, chatctl and the floor in turns.
  for (let round = 0; round <= runs; round++) {
    const r = await chatctl(endpoint, list);
    if (r.lines !== CHANNELS) throw new Error(`chatctl listed ${r.lines} channels`);
    const f = await rawListing();
    if (round > 0) {
      perPage.push(r.pagesMs / (PAGES - 1));
      firstPage.push(r.firstPageMs);
      whole.push(r.ms);
      raw.push(f.ms / f.pages);
    }
  }
  floor.close();
  const above = median(perPage) - median(raw);
  console.log(`channel list -o jsonl, ${CHANNELS.toLocaleString('en')} channels (${PAGES} pages of ${PAGE}), medians of ${runs}, load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores:`);
  console.log(`  whole run ${median(whole).toFixed(0)} ms, of which start-up and the first page ${median(firstPage).toFixed(0)} ms`);
  console.log(`  per page after the first: chatctl ${median(perPage).toFixed(2)} ms, raw node:http floor ${median(raw).toFixed(2)} ms`);
  console.log(`  above the floor ${above.toFixed(2)} ms a page (target <= ${TARGET_MS_PER_PAGE} ms) ${above <= TARGET_MS_PER_PAGE ? 'ok' : 'OVER TARGET'}`);

  // Memory: the same listing cut at 1,000 and at 10,000 items.
  const peak = async (format, items, extra = []) =>
    (await chatctl(endpoint, ['channel', 'list', '-o', format, '--max-items', String(items), ...extra], { measureMemory: true })).peakMb;
  const rows = [
    ['-o jsonl', 'jsonl', []],
    ['-o json', 'json', []],
    ['-o json --query Channels[].Name', 'json', ['--query', 'Channels[].Name']],
  ];
  console.log('  peak RSS of the chatctl process, 1,000 vs 10,000 channels:');
  for (const [label, format, extra] of rows) {
    const small = await peak(format, 1000, extra);
    const large = await peak(format, CHANNELS, extra);
    const flat = large - small <= 5 ? 'flat' : 'grows';
    console.log(`    ${label.padEnd(34)} ${small.toFixed(1).padStart(6)} MB vs ${large.toFixed(1).padStart(6)} MB  (+${(large - small).toFixed(1)} MB) ${flat}`);
  }
} finally {
  http.close();
  emu.stop();
  await emu.exited;
}
