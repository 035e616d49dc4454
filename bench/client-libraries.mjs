// The services' own client libraries against the emulator, unchanged (issue 7; websocket-protocols.md
// §E). Not part of the test suite: it installs amazon-ivs-chat-messaging 1.1.1 and
// amazon-chime-sdk-js 3.32.0 from the npm registry into a temporary directory (or reuses
// CLIENT_LIBS_DIR), starts `chatctl emulator start --tls`, and runs, each in its own process:
//   - IVS Chat: ChatRoom connects with tokens from `chatctl token create`, sendMessage resolves on
//     its echo, deleteMessage brings messageDelete, `chatctl room disconnect` ends it (serverDisconnect);
//   - Chime: DefaultMessagingSession over wss:// (NODE_EXTRA_CA_CERTS = the emulator's CA) starts,
//     receives the CREATE_CHANNEL_MESSAGE of a SendChannelMessage, stops.
// Usage (after `node scripts/build.mjs`): node bench/client-libraries.mjs
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/chatctl.js');
const dir = process.env.CLIENT_LIBS_DIR ?? join(tmpdir(), 'chatctl-client-libraries');
mkdirSync(dir, { recursive: true });
if (!existsSync(join(dir, 'node_modules/amazon-chime-sdk-js')) || !existsSync(join(dir, 'node_modules/amazon-ivs-chat-messaging'))) {
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'chatctl-client-libraries', private: true }));
  console.log(`installing the client libraries into ${dir} ...`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', 'amazon-ivs-chat-messaging@1.1.1', 'amazon-chime-sdk-js@3.32.0', 'ws@8'], { cwd: dir, stdio: 'ignore' });
}

const ivsCheck = `
globalThis.WebSocket = require('ws');
const { ChatRoom, SendMessageRequest, DeleteMessageRequest } = require('amazon-ivs-chat-messaging');
const { execFileSync } = require('node:child_process');
const chatctl = (...args) => execFileSync(process.execPath, [${JSON.stringify(BIN)}, ...args]).toString();
const roomArn = chatctl('room', 'create', 'client-library', '-o', 'id').trim();
const tokenProvider = async () => {
  const t = JSON.parse(chatctl('token', 'create', roomArn, '--user-id', 'sdk-user', '--capability', 'SEND_MESSAGE', '--capability', 'DELETE_MESSAGE', '-o', 'json'));
  return { token: t.token, sessionExpirationTime: new Date(t.sessionExpirationTime), tokenExpirationTime: new Date(t.tokenExpirationTime) };
};
const room = new ChatRoom({ regionOrUrl: process.env.CHATCTL_LOCAL_ENDPOINT.replace(/^http/, 'ws'), tokenProvider, logLevel: 'error', logger: { debug() {}, info() {}, error: (...a) => console.error(...a) } });
const steps = [];
setTimeout(() => { console.log('FAILED (timeout) after: ' + steps.join(', ')); process.exit(1); }, 10000);
room.addListener('connect', async () => {
  steps.push('connect');
  const sent = await room.sendMessage(new SendMessageRequest('hello', { k: 'v' }));
  steps.push('sendMessage resolved');
  await room.deleteMessage(new DeleteMessageRequest(sent.id, 'check'));
});
room.addListener('messageDelete', () => { steps.push('messageDelete'); chatctl('room', 'disconnect', roomArn, 'sdk-user', '--yes'); });
room.addListener('disconnect', (reason) => { steps.push('disconnect ' + reason); console.log(steps.join(', ')); process.exit(reason === 'serverDisconnect' ? 0 : 1); });
room.connect();
`;

const chimeCheck = `
globalThis.WebSocket = require('ws');
const { ConsoleLogger, DefaultMessagingSession, LogLevel, MessagingSessionConfiguration } = require('amazon-chime-sdk-js');
const { ChimeSDKMessagingClient, SendChannelMessageCommand, CreateChannelCommand, CreateChannelMembershipCommand } = require(${JSON.stringify(join(ROOT, 'node_modules/@aws-sdk/client-chime-sdk-messaging'))});
const { ChimeSDKIdentityClient, CreateAppInstanceCommand, CreateAppInstanceUserCommand } = require(${JSON.stringify(join(ROOT, 'node_modules/@aws-sdk/client-chime-sdk-identity'))});
(async () => {
  const config = { endpoint: process.env.CHATCTL_LOCAL_ENDPOINT, region: 'us-east-1', credentials: { accessKeyId: 'AKIACHATCTLEMULATOR1', secretAccessKey: 'chatctl/emulator/secret/do-not-use-in-prod' } };
  const identity = new ChimeSDKIdentityClient(config);
  const chime = new ChimeSDKMessagingClient(config);
  const app = (await identity.send(new CreateAppInstanceCommand({ Name: 'js', ClientRequestToken: 'js-app-1' }))).AppInstanceArn;
  const user = (await identity.send(new CreateAppInstanceUserCommand({ AppInstanceArn: app, AppInstanceUserId: 'jsuser', Name: 'JS', ClientRequestToken: 'js-user-1' }))).AppInstanceUserArn;
  const channel = (await chime.send(new CreateChannelCommand({ AppInstanceArn: app, Name: 'js', ChimeBearer: user, ClientRequestToken: 'js-ch-1' }))).ChannelArn;
  await chime.send(new CreateChannelMembershipCommand({ ChannelArn: channel, MemberArn: user, Type: 'DEFAULT', ChimeBearer: user }));
  const session = new DefaultMessagingSession(new MessagingSessionConfiguration(user, null, undefined, chime), new ConsoleLogger('sdk', LogLevel.ERROR));
  const steps = [];
  setTimeout(() => { console.log('FAILED (timeout) after: ' + steps.join(', ')); process.exit(1); }, 10000);
  session.addObserver({
    messagingSessionDidStart: async () => {
      steps.push('messagingSessionDidStart');
      await chime.send(new SendChannelMessageCommand({ ChannelArn: channel, Content: 'hello', Type: 'STANDARD', Persistence: 'PERSISTENT', ChimeBearer: user, ClientRequestToken: 'js-msg-1' }));
    },
    messagingSessionDidReceiveMessage: (m) => {
      steps.push('received ' + m.type);
      if (m.type === 'CREATE_CHANNEL_MESSAGE' && JSON.parse(m.payload).Content === 'hello') session.stop();
    },
    messagingSessionDidStop: (e) => { steps.push('messagingSessionDidStop ' + e.code); console.log(steps.join(', ')); process.exit(0); },
  });
  await session.start();
})().catch((e) => { console.log('FAILED: ' + e.message); process.exit(1); });
`;

const work = mkdtempSync(join(tmpdir(), 'chatctl-client-check-'));
writeFileSync(join(dir, 'ivs-check.cjs'), ivsCheck);
writeFileSync(join(dir, 'chime-check.cjs'), chimeCheck);
const xdg = mkdtempSync(join(tmpdir(), 'chatctl-client-cfg-'));
const emulator = spawn(process.execPath, [BIN, 'emulator', 'start', '--tls', '--port', '0', '--state', join(work, 'state.json'), '-q', '-o', 'json'], {
  env: { ...process.env, XDG_CONFIG_HOME: xdg },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let out = '';
await new Promise((resolve) => emulator.stdout.on('data', (d) => ((out += d), out.includes('"CaBundle"') && resolve())));
const info = JSON.parse(out);
const env = {
  ...process.env,
  XDG_CONFIG_HOME: xdg,
  CHATCTL_LOCAL: '1',
  CHATCTL_LOCAL_ENDPOINT: info.Endpoint,
  CHATCTL_LOCAL_CA: info.CaBundle,
  NODE_EXTRA_CA_CERTS: info.CaBundle,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};
let failed = false;
for (const [name, file] of [
  ['amazon-ivs-chat-messaging 1.1.1', 'ivs-check.cjs'],
  ['amazon-chime-sdk-js 3.32.0 (wss)', 'chime-check.cjs'],
]) {
  try {
    // The IVS library logs its own progress on stdout; the check's summary is the last line.
    const output = execFileSync(process.execPath, [file], { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    console.log(`${name}: ${output.trim().split('\n').at(-1)}  ok`);
  } catch (err) {
    failed = true;
    console.log(`${name}: ${String(err.stdout ?? err.message).trim().split('\n').at(-1)}  FAILED`);
  }
}
emulator.kill('SIGTERM');
process.exitCode = failed ? 1 : 0;
