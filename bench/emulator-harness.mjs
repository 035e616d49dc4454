// Shared by the emulator benches: an emulator in a child process (bundled from src/ with
// esbuild, so it can be preloaded with records in memory or in a state file), and raw signed
// HTTP calls to it over keep-alive sockets, signed with the emulator's own signRequest
// (the canonicalisation of @smithy/signature-v4 with node:crypto hashing, cheap per call).
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CREDENTIALS = { accessKeyId: 'AKIACHATCTLEMULATOR1', secretAccessKey: 'chatctl/emulator/secret/do-not-use-in-prod' };
export const APP = 'arn:aws:chime:us-east-1:123456789012:app-instance/bench-app';
export const work = mkdtempSync(join(tmpdir(), 'chatctl-bench-'));
process.once('exit', () => rmSync(work, { recursive: true, force: true }));

// The child: start an emulator (memory, or --state with a preloaded snapshot), print its URL.
const CHILD_SOURCE = `
import { startEmulator } from './src/emulator/server.ts';
import { createEmptyState, saveState } from './src/emulator/store.ts';
const [statePath, preload] = [process.argv[2] || undefined, Number(process.argv[3] || 0)];
const APP = ${JSON.stringify(APP)};
function fill(state) {
  const now = new Date();
  state.identity.appInstances = { [APP]: { AppInstanceArn: APP, Name: 'bench', CreatedTimestamp: now, LastUpdatedTimestamp: now } };
  state.identity.users = {};
  for (let i = 0; i < preload; i++) {
    const arn = APP + '/user/pre' + i;
    state.identity.users[arn] = { AppInstanceUserArn: arn, AppInstanceArn: APP, Name: 'user ' + i, CreatedTimestamp: now, LastUpdatedTimestamp: now };
  }
}
let emu;
if (statePath) {
  if (process.argv[4] !== 'keep') {
    const state = createEmptyState();
    fill(state);
    saveState(statePath, state);
  }
  emu = await startEmulator({ port: 0, statePath });
} else {
  emu = await startEmulator({ port: 0 });
  fill(emu.state);
}
process.on('SIGINT', () => process.exit(0)); // lets --cpu-prof write its profile
process.stdout.write(JSON.stringify({ url: emu.url, port: emu.port }) + '\\n');
`;

async function bundle(name, contents) {
  const outfile = join(work, name);
  await build({
    stdin: { contents, resolveDir: ROOT, loader: 'ts', sourcefile: name.replace(/\.mjs$/, '.ts') },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return outfile;
}

let childBundled;
const childBundle = () => (childBundled ??= bundle('emulator-child.mjs', CHILD_SOURCE));
const { signRequest, parseQuery, loadState } = await import(
  await bundle(
    'emulator-lib.mjs',
    "export { signRequest } from './src/emulator/sigv4.ts'; export { parseQuery } from './src/emulator/router.ts'; export { loadState } from './src/emulator/store.ts';",
  )
);
export { loadState };

/** Starts an emulator child; `statePath` undefined = memory only; `keep` starts on the state
 * file as it is (otherwise it is replaced by a preloaded snapshot). */
export async function startChild({ statePath, preload = 0, keep = false } = {}) {
  // BENCH_CHILD_FLAGS="--cpu-prof" profiles the emulator.
  const flags = (process.env.BENCH_CHILD_FLAGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...flags, await childBundle(), statePath ?? '', String(preload), keep ? 'keep' : ''], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  // Never leave an emulator behind when the bench itself stops early.
  const reap = () => child.kill('SIGKILL');
  process.once('exit', reap);
  void exited.then(() => process.off('exit', reap));
  const line = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`emulator child exited early (${code})`)));
  });
  const { port } = JSON.parse(line);
  return { child, port, exited, stop: () => child.kill(process.env.BENCH_CHILD_FLAGS ? 'SIGINT' : 'SIGKILL') };
}

/** CPU time (user + system) a process has used, ms (Linux). */
export function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks of 10 ms
  } catch {
    return NaN;
  }
}

/** Resident memory of a process, MB (Linux). */
export function rssMb(pid) {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return kb / 1024;
  } catch {
    return NaN;
  }
}


export function client(port, sockets = 64) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  /** One signed call; resolves { status, headers, body, ms } (never rejects on HTTP errors). */
  /** sign: 'ok', or a way to get it wrong ('unsigned', 'wrong-secret', 'bad-date'). */
  async function call({ method, path, query = {}, body, service = 'chime', headers = {}, region = 'us-east-1', sign = 'ok' }) {
    const qs = Object.entries(query)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .join('&');
    const plain = { host: `127.0.0.1:${port}`, 'content-type': 'application/json', ...headers };
    const signed =
      sign === 'unsigned'
        ? plain
        : await signRequest(
            { method, rawPath: path, query: parseQuery(qs), headers: plain, body: body ?? '' },
            {
              credentials: sign === 'wrong-secret' ? { ...CREDENTIALS, secretAccessKey: 'wrong' } : CREDENTIALS,
              service,
              region,
              date: sign === 'bad-date' ? new Date(Date.now() - 3600_000) : undefined,
            },
          );
    const started = process.hrtime.bigint();
    return new Promise((resolve) => {
      const req = http.request({ agent, host: '127.0.0.1', port, method, path: qs ? `${path}?${qs}` : path, headers: signed }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), ms: Number(process.hrtime.bigint() - started) / 1e6 }),
        );
      });
      // A connection closed without an answer counts as status 0.
      req.on('error', (err) => resolve({ status: 0, headers: {}, body: String(err.code ?? err.message), ms: 0 }));
      req.end(body);
    });
  }
  return { call, close: () => agent.destroy() };
}

export const percentile = (xs, p) => {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The environment of a chatctl process aimed at a bench emulator: its credentials, no shared
 * AWS config, the preloaded app instance and its first user as the caller. */
export function chatctlEnv(extra = {}) {
  return {
    ...process.env,
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    CHATCTL_APP_INSTANCE: APP,
    CHATCTL_AS: 'pre0',
    ...extra,
  };
}
