// tail as real processes (needs `node scripts/build.mjs`): a tail keeps going through a kill -9
// and restart of an emulator on --state and prints every persistent message exactly once;
// `room disconnect` ends a `tail room`; SIGINT closes cleanly with 130.
import { ChimeSDKIdentityClient, CreateAppInstanceCommand, CreateAppInstanceUserCommand } from '@aws-sdk/client-chime-sdk-identity';
import { ChimeSDKMessagingClient, CreateChannelCommand, CreateChannelMembershipCommand, SendChannelMessageCommand } from '@aws-sdk/client-chime-sdk-messaging';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS } from '../../src/context/settings.js';
import { BIN, cleanEnv, emulatorEnv } from '../e2e/harness.js';
import { jsonLines, waitFor } from './helpers.js';

interface Proc {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exit: Promise<number | null>;
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const running: ChildProcess[] = [];
afterEach(() => {
  for (const c of running.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

function start(args: string[], env: NodeJS.ProcessEnv): Proc {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  const proc: Proc = { child, stdout: '', stderr: '', exit: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
  child.stdout!.on('data', (d) => (proc.stdout += d));
  child.stderr!.on('data', (d) => (proc.stderr += d));
  return proc;
}

async function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms)));
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe('tail channel as a process', () => {
  it('survives kill -9 and restart of the emulator (--state): reconnects, every message once', async () => {
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    const statePath = join(mkdtempSync(join(tmpdir(), 'chatctl-kill9-')), 'state.json');
    const env = cleanEnv({ CHATCTL_LOCAL: '1', CHATCTL_LOCAL_ENDPOINT: endpoint });
    const startEmulator = async () => {
      const emu = start(['emulator', 'start', '--port', String(port), '--state', statePath, '-q'], env);
      await waitFor(() => emu.stdout.includes('"Endpoint"'), 5000, 'the emulator to listen');
      return emu;
    };
    let emu = await startEmulator();

    const config = { endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS, maxAttempts: 1 };
    const identity = new ChimeSDKIdentityClient(config);
    const app = (await identity.send(new CreateAppInstanceCommand({ Name: 'k9', ClientRequestToken: 'k9-app' }))).AppInstanceArn!;
    const users = [];
    for (const id of ['alice', 'bob']) users.push((await identity.send(new CreateAppInstanceUserCommand({ AppInstanceArn: app, AppInstanceUserId: id, Name: id, ClientRequestToken: `tok-${id}` }))).AppInstanceUserArn!);
    identity.destroy();
    const [alice, bob] = users as [string, string];
    const messaging = new ChimeSDKMessagingClient(config);
    const channel = (await messaging.send(new CreateChannelCommand({ AppInstanceArn: app, Name: 'ops', ChimeBearer: alice, ClientRequestToken: 'ch-ops' }))).ChannelArn!;
    for (const m of [alice, bob]) await messaging.send(new CreateChannelMembershipCommand({ ChannelArn: channel, MemberArn: m, Type: 'DEFAULT', ChimeBearer: alice }));
    const send = async (content: string) => {
      const out = await messaging.send(new SendChannelMessageCommand({ ChannelArn: channel, Content: content, Type: 'STANDARD', Persistence: 'PERSISTENT', ChimeBearer: alice, ClientRequestToken: `tok-${content}` }));
      return out.MessageId!;
    };

    const tail = start(['tail', 'channel', '--as', 'bob', '--app-instance', app, '--count', '4', '--timeout', '12s', '-o', 'jsonl'], env);
    await waitFor(() => tail.stderr.includes('waiting for events'), 5000, 'the tail to connect');
    const ids = [await send('before')];
    await waitFor(() => tail.stdout.includes('"before"'), 2000, 'the first message');

    emu.child.kill('SIGKILL');
    await emu.exit;
    await waitFor(() => tail.stderr.includes('connection lost'), 2000, 'the tail to notice');
    await expect(send('while-down')).rejects.toThrow(); // nothing listens: not acknowledged, not expected
    emu = await startEmulator();
    ids.push(await send('during')); // acknowledged before the tail is back
    await waitFor(() => tail.stderr.includes('reconnected'), 6000, 'the reconnect');
    ids.push(await send('after-1'), await send('after-2'));

    expect(await within(tail.exit, 5000, 'tail exit')).toBe(0);
    messaging.destroy();
    const lines = jsonLines(tail.stdout);
    expect(lines.map((l) => l.payload.MessageId)).toEqual(ids);
    expect(lines.map((l) => l.payload.Content)).toEqual(['before', 'during', 'after-1', 'after-2']);
    expect(tail.stderr).toMatch(/! connection lost \(code 1006\); reconnecting in/);
    emu.child.kill('SIGTERM');
    await emu.exit;
  });
});

describe('tail room as a process', () => {
  it('exit codes: 124 on --timeout before --count; room disconnect ends the tail of that user (0); SIGINT 130', async () => {
    const e = await emulatorEnv();
    try {
      const room = (await e.run(['room', 'create', 'hall', '-o', 'id'])).stdout.trim();
      // --timeout before --count: 124; --timeout alone: 0.
      expect((await e.run(['tail', 'room', room, '--count', '1', '--timeout', '300ms'])).code).toBe(124);
      expect((await e.run(['tail', 'room', room, '--timeout', '300ms'])).code).toBe(0);
      const kicked = start(['tail', 'room', room, '--user-id', 'watcher', '-o', 'jsonl'], e.env);
      const other = start(['tail', 'room', room, '--user-id', 'stays', '-o', 'jsonl'], e.env);
      await waitFor(() => kicked.stderr.includes('waiting for events') && other.stderr.includes('waiting for events'), 5000, 'both tails');
      const sent = await e.run(['room', 'send', room, 'hello', '--user-id', 'alice', '-o', 'json']);
      expect(sent.code).toBe(0);
      const disconnect = await e.run(['room', 'disconnect', room, 'watcher', '--yes']);
      expect(disconnect.code).toBe(0);
      expect(await within(kicked.exit, 3000, 'kicked tail')).toBe(0);
      expect(kicked.stderr).toMatch(/the server ended the session \(1000/);
      expect(jsonLines(kicked.stdout).map((l) => l.eventName ?? l.type)).toEqual(['MESSAGE', 'aws:DISCONNECT_USER']);
      expect(other.child.exitCode).toBeNull();
      other.child.kill('SIGINT');
      expect(await within(other.exit, 3000, 'interrupted tail')).toBe(130);
      expect(jsonLines(other.stdout)[0]).toMatchObject({ type: 'MESSAGE', payload: { Content: 'hello' } });
    } finally {
      await e.close();
    }
  });
});

describe('emulator start --tls as a process', () => {
  it('serves https on its port, prints the CA and the NODE_EXTRA_CA_CERTS line; --local trusts it with CHATCTL_LOCAL_CA', async () => {
    const statePath = join(mkdtempSync(join(tmpdir(), 'chatctl-tls-state-')), 'state.json');
    const json = start(['emulator', 'start', '--tls', '--port', '0', '--state', statePath, '-o', 'json'], cleanEnv());
    await waitFor(() => json.stdout.includes('"CaBundle"'), 5000, 'the emulator to listen');
    const info = JSON.parse(json.stdout);
    expect(info.Endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(info.CaBundle).toBe(`${statePath}.tls/ca.pem`);
    const env = cleanEnv({ CHATCTL_LOCAL: '1', CHATCTL_LOCAL_ENDPOINT: info.Endpoint });
    const run = (args: string[], extra: NodeJS.ProcessEnv) =>
      new Promise<number | null>((resolve) => spawn(process.execPath, [BIN, ...args], { env: { ...env, ...extra }, stdio: 'ignore' }).on('exit', resolve));
    expect(await run(['room', 'list', '-o', 'id'], { CHATCTL_LOCAL_CA: info.CaBundle })).toBe(0);
    expect(await run(['room', 'list', '-o', 'id'], { NODE_EXTRA_CA_CERTS: info.CaBundle })).toBe(0);
    expect(await run(['room', 'list', '-o', 'id'], {})).toBe(255); // not trusted without it
    json.child.kill('SIGTERM');
    await json.exit;

    // The text form: export lines with the CA for Node apps and the AWS CLI, reused on restart.
    const text = start(['emulator', 'start', '--tls', '--port', '0', '--state', statePath, '-o', 'text'], cleanEnv());
    await waitFor(() => text.stderr.includes('TLS: CA certificate'), 5000, 'the emulator to listen');
    expect(text.stdout).toContain(`export NODE_EXTRA_CA_CERTS=${info.CaBundle}\n`);
    expect(text.stdout).toContain(`export AWS_CA_BUNDLE=${info.CaBundle}\n`);
    expect(text.stderr).toContain(`CHATCTL_LOCAL_CA=${info.CaBundle}`);
    text.child.kill('SIGTERM');
    await text.exit;
  });
});
