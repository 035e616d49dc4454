// `npm run demo`: a guided tour on the embedded emulator. Starts `chatctl emulator start` on a
// free loopback port, runs a few real commands against it (printing each one), then stops it.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/chatctl.js', import.meta.url));
const emulator = spawn(process.execPath, [BIN, 'emulator', 'start', '--port', '0', '-o', 'json', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
let text = '';
let info;
for await (const chunk of emulator.stdout) {
  text += chunk;
  try {
    info = JSON.parse(text);
    break;
  } catch {
    // wait for the whole JSON object
  }
}
if (!info) throw new Error('the emulator did not start');
const env = { ...process.env, CHATCTL_LOCAL: '1', CHATCTL_LOCAL_ENDPOINT: info.Endpoint, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' };
console.log(`emulator on ${info.Endpoint}\n`);

function chatctl(...args) {
  console.log(`$ chatctl --local ${args.map((a) => (/[\s'"*?[\]]/.test(a) ? `'${a}'` : a)).join(' ')}`);
  const r = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(r.stdout + '\n');
  if (r.status !== 0) throw new Error(`exit ${r.status}`);
  return r.stdout.trim();
}

try {
  const app = chatctl('app-instance', 'create', 'demo', '-o', 'id');
  env.CHATCTL_APP_INSTANCE = app;
  chatctl('user', 'create', 'alice', '--name', 'Alice', '-o', 'json');
  chatctl('user', 'create', 'bob', '--name', 'Bob', '-o', 'id');
  chatctl('admin', 'add', 'alice', '-o', 'json');
  chatctl('retention', 'set', '--days', '60', '-o', 'json');
  chatctl('user', 'list', '-o', 'text');
  chatctl('user', 'list', '--query', 'AppInstanceUsers[].Name', '-o', 'json');
  chatctl('logging', 'create', 'archive', '--s3', 'my-chat-logs', '-o', 'json');
  chatctl('room', 'create', 'lobby', '--max-length', '200', '--logging', 'archive', '-o', 'json');
  chatctl('room', 'list', '-o', 'text');

  // Messaging: a channel, its members, and a tail that prints messages as they arrive.
  chatctl('channel', 'create', 'general', '--id', 'general', '--as', 'alice', '--member', 'alice', '--member', 'bob', '-o', 'id');
  chatctl('membership', 'list', 'general', '--as', 'alice', '-o', 'text');
  console.log('$ chatctl --local tail channel general --as bob --count 2 --timeout 20s -o text   (in the background)');
  const tail = spawn(process.execPath, [BIN, 'tail', 'channel', 'general', '--as', 'bob', '--count', '2', '--timeout', '20s', '-o', 'text'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  tail.stdout.on('data', (text) => process.stdout.write(String(text).replace(/^(?=.)/gm, '  [tail] ')));
  await new Promise((resolve, reject) => {
    // The tail says `connected` on stderr once it is subscribed.
    tail.stderr.on('data', (d) => String(d).includes('connected') && resolve());
    tail.on('exit', (code) => reject(new Error(`tail exited ${code}`)));
  });
  chatctl('message', 'send', 'general', 'hello from the demo', '--as', 'alice', '-o', 'id');
  chatctl('message', 'send', 'general', 'and a second one', '--as', 'alice', '-o', 'id');
  await new Promise((resolve) => tail.on('exit', resolve));
  chatctl('message', 'list', 'general', '--as', 'bob', '-o', 'text');
  console.log('Try it yourself: `chatctl emulator start` in one terminal, `chatctl --local ...` in another.');
} finally {
  emulator.kill('SIGTERM');
}
