// Start-up benchmark: ratios, not milliseconds (the machine is noisy; ratios of paired,
// interleaved runs are what we track). Reports, side by side:
//   1. `chatctl --help` vs `node -e 0`                        target <= 1.2x
//   2. one API call: chatctl vs the same AWS CLI call          target <= 0.18x (when /usr/bin/aws exists)
// against an emulator started here on a random loopback port; then the benches of bulk
// membership, channel paging, emulator writes, fuzzing, kill -9 and tail.
// Usage: npm run bench [-- --runs N]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { median } from './emulator-harness.mjs';

const BIN = fileURLToPath(new URL('../bin/chatctl.js', import.meta.url));
const AWS = '/usr/bin/aws';
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 15;

function time(cmd, args, env) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}


/** Runs the two commands alternately `runs` times (after one warm-up each); medians and ratio. */
function pair(label, a, b, target) {
  time(...a);
  time(...b);
  const ta = [];
  const tb = [];
  for (let i = 0; i < runs; i++) {
    ta.push(time(...a));
    tb.push(time(...b));
  }
  const ratio = median(ta) / median(tb);
  const verdict = ratio <= target ? 'ok' : 'OVER TARGET';
  console.log(`${label.padEnd(44)} ${median(ta).toFixed(0).padStart(5)} ms vs ${median(tb).toFixed(0).padStart(5)} ms  = ${ratio.toFixed(2)}x (target <= ${target}x) ${verdict}`);
  return ratio;
}

async function startEmulator() {
  const child = spawn(process.execPath, [BIN, 'emulator', 'start', '--port', '0', '-o', 'json', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  for await (const chunk of child.stdout) {
    out += chunk;
    try {
      return { child, info: JSON.parse(out) };
    } catch {
      // the JSON object is not complete yet
    }
  }
  throw new Error('emulator did not start');
}

const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined };
console.log(`node ${process.version}, ${runs} paired runs each`);
pair('chatctl --help  vs  node -e 0', [process.execPath, [BIN, '--help'], env], [process.execPath, ['-e', '0'], env], 1.2);

const { child, info } = await startEmulator();
try {
  const awsEnv = {
    ...env,
    AWS_ACCESS_KEY_ID: info.AccessKeyId,
    AWS_SECRET_ACCESS_KEY: info.SecretAccessKey,
    AWS_REGION: info.Region,
    AWS_PAGER: '',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };
  const chatctlCall = [process.execPath, [BIN, '--endpoint-url', info.Endpoint, 'app-instance', 'list', '-o', 'json'], awsEnv];
  time(...chatctlCall);
  if (existsSync(AWS)) {
    pair('app-instance list  vs  aws list-app-instances', chatctlCall, [AWS, ['chime-sdk-identity', 'list-app-instances', '--endpoint-url', info.Endpoint, '--output', 'json'], awsEnv], 0.18);
  } else {
    console.log(`${AWS} not found (apt-get install awscli): the AWS CLI comparison is skipped`);
    pair('app-instance list  vs  node -e 0', chatctlCall, [process.execPath, ['-e', '0'], env], Infinity);
  }
} finally {
  child.kill('SIGTERM');
}
await import('./membership-add.mjs'); // membership add of 10,000 members (issue 6)
await import('./list-channels.mjs'); // channel list of 10,000 channels: per page above a raw node:http floor, memory (issue 6)
await import('./emulator-writes.mjs'); // emulator write throughput and reads while writing (issue 8)
await import('./emulator-fuzz.mjs'); // 10,000 malformed requests: no exits, no 5xx, x-amzn-ErrorType on every error (issue 8)
await import('./emulator-kill.mjs'); // kill -9 x 20 under 20 writers: no acknowledged write lost (issue 8)
await import('./tail.mjs'); // tail latency and jsonl throughput, SendChannelMessage rate with 10 sessions (issue 7)
