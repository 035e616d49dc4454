// tail channel in process against a real emulator over real WebSockets: messages another
// client sends are printed as jsonl (a non-member sees none), --print-url, and a restart of
// the emulator on its state file: the tail reconnects and prints every message exactly once.
import { ChimeSDKIdentityClient, CreateAppInstanceCommand, CreateAppInstanceUserCommand } from '@aws-sdk/client-chime-sdk-identity';
import { ChimeSDKMessagingClient, CreateChannelCommand, CreateChannelMembershipCommand, SendChannelMessageCommand } from '@aws-sdk/client-chime-sdk-messaging';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/server.js';
import { tailChannel } from '../../src/tail/chime.js';
import { independentSignature } from './sigv4-check.js';
import { depsFor, emulator, jsonLines, waitFor } from './helpers.js';

interface World {
  emu: Emulator;
  app: string;
  alice: string;
  bob: string;
  carol: string;
  channel: string;
  send(content: string, token: string): Promise<string>;
}

async function world(emu: Emulator): Promise<World> {
  const config = { endpoint: emu.url, region: emu.region, credentials: emu.credentials, maxAttempts: 1 };
  const identity = new ChimeSDKIdentityClient(config);
  const app = (await identity.send(new CreateAppInstanceCommand({ Name: 'tail', ClientRequestToken: 'tail-app' }))).AppInstanceArn!;
  const user = async (id: string) =>
    (await identity.send(new CreateAppInstanceUserCommand({ AppInstanceArn: app, AppInstanceUserId: id, Name: id, ClientRequestToken: `tok-${id}` }))).AppInstanceUserArn!;
  const [alice, bob, carol] = [await user('alice'), await user('bob'), await user('carol')];
  identity.destroy();
  const messaging = new ChimeSDKMessagingClient(config);
  const channel = (await messaging.send(new CreateChannelCommand({ AppInstanceArn: app, Name: 'general', ChimeBearer: alice, ClientRequestToken: 'ch-general' }))).ChannelArn!;
  for (const m of [alice, bob]) await messaging.send(new CreateChannelMembershipCommand({ ChannelArn: channel, MemberArn: m, Type: 'DEFAULT', ChimeBearer: alice }));
  messaging.destroy();
  return { emu, app, alice, bob, carol, channel, send: (content, token) => sendAs(emu, channel, alice, content, token) };
}

/** SendChannelMessage from a fresh client (a new emulator after a restart has a new port object). */
async function sendAs(emu: { url: string; region: string; credentials: any }, channel: string, sender: string, content: string, token: string): Promise<string> {
  const messaging = new ChimeSDKMessagingClient({ endpoint: emu.url, region: emu.region, credentials: emu.credentials, maxAttempts: 1 });
  try {
    const out = await messaging.send(new SendChannelMessageCommand({ ChannelArn: channel, Content: content, Type: 'STANDARD', Persistence: 'PERSISTENT', ChimeBearer: sender, ClientRequestToken: token }));
    return out.MessageId!;
  } finally {
    messaging.destroy();
  }
}

const connectedLine = (deps: ReturnType<typeof depsFor>) => waitFor(() => deps.io.stderr().includes('waiting for events'), 3000, 'the connected line');

describe('tail channel', () => {
  let w: World;
  beforeAll(async () => {
    w = await world(await emulator());
  });
  afterAll(() => w?.emu.close());

  it('--count 3 -o jsonl prints the three messages a member sends; a non-member sees none', async () => {
    const member = depsFor(w.emu, { as: w.bob, appInstance: w.app });
    const outsider = depsFor(w.emu, { as: 'carol', appInstance: w.app });
    const tail = tailChannel({ count: 3, timeoutMs: 5000 }, member);
    const outsiderTail = tailChannel({ timeoutMs: 1200 }, outsider);
    await connectedLine(member);
    await connectedLine(outsider);
    const sentAt = Date.now();
    const ids = [await w.send('one', 'tok-one'), await w.send('two', 'tok-two'), await w.send('three', 'tok-three')];
    expect(await tail).toBe(0);
    expect(Date.now() - sentAt).toBeLessThan(2000);
    const lines = jsonLines(member.io.stdout());
    expect(lines.map((l) => [l.type, l.payload.Content, l.payload.MessageId])).toEqual([
      ['CREATE_CHANNEL_MESSAGE', 'one', ids[0]],
      ['CREATE_CHANNEL_MESSAGE', 'two', ids[1]],
      ['CREATE_CHANNEL_MESSAGE', 'three', ids[2]],
    ]);
    expect(lines[0]).toMatchObject({ source: 'chime', messageType: 'STANDARD', channelArn: w.channel, sender: w.alice });
    expect(await outsiderTail).toBe(0); // --timeout without --count
    expect(outsider.io.stdout()).toBe('');
  });

  it('on a terminal: readable lines with the channel name; --prefetch shows CHANNEL_DETAILS first', async () => {
    const deps = depsFor(w.emu, { as: 'bob', appInstance: w.app, output: 'table' });
    const done = tailChannel({ prefetch: true, count: 2, timeoutMs: 3000 }, deps);
    await connectedLine(deps);
    await w.send('pretty \x1b[1mbold\x1b[0m', 'tok-pretty');
    expect(await done).toBe(0);
    const lines = deps.io.stdout().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d {2}general {2}- {2}CHANNEL_DETAILS {2}general \(\d+ recent messages\)$/);
    expect(lines[1]).toMatch(/^\d\d:\d\d:\d\d {2}general {2}alice {2}CREATE_CHANNEL_MESSAGE {2}pretty bold$/);
  });

  it('--print-url prints a URL presigned for chime, host signed, valid 10 s', async () => {
    const deps = depsFor(w.emu, { as: 'bob', appInstance: w.app });
    expect(await tailChannel({ printUrl: true }, deps)).toBe(0);
    const url = deps.io.stdout().trim();
    expect(url.startsWith(`ws://${new URL(w.emu.url).host}/connect?`)).toBe(true);
    const { expected, given, params } = independentSignature(url, w.emu.credentials.secretAccessKey);
    expect(given).toBe(expected);
    expect(params.get('X-Amz-Credential')).toMatch(/\/us-east-1\/chime\/aws4_request$/);
    expect(params.get('X-Amz-Expires')).toBe('10');
    expect(params.get('X-Amz-SignedHeaders')).toBe('host');
    expect(params.get('userArn')).toBe(w.bob);
  });

  it('a user that does not exist is refused: exit 254 with the close code', async () => {
    const deps = depsFor(w.emu, { as: 'nobody', appInstance: w.app });
    await expect(tailChannel({}, deps)).rejects.toMatchObject({ exitCode: 254, message: expect.stringContaining('4003') });
  });
});

describe('tail channel across an emulator restart', () => {
  it('reconnects by itself and prints every persistent message exactly once (backfill for the gap)', async () => {
    const statePath = join(mkdtempSync(join(tmpdir(), 'chatctl-tail-state-')), 'state.json');
    const first = await emulator({ statePath });
    const w = await world(first);
    const port = first.port;
    const deps = depsFor(first, { as: 'bob', appInstance: w.app });
    const tail = tailChannel({ count: 3, timeoutMs: 8000 }, deps);
    await connectedLine(deps);
    await w.send('before', 'tok-before');
    await waitFor(() => deps.io.stdout().includes('before'), 2000, 'the first message');

    await first.close(); // closes the socket with 1012: retryable
    const second = await emulator({ statePath, port });
    try {
      await sendAs(second, w.channel, w.alice, 'during', 'tok-during'); // before the tail is back
      await waitFor(() => deps.io.stderr().includes('reconnected'), 4000, 'the reconnect');
      await sendAs(second, w.channel, w.alice, 'after', 'tok-after');
      expect(await tail).toBe(0);
    } finally {
      await second.close();
    }
    const lines = jsonLines(deps.io.stdout());
    expect(lines.map((l) => l.payload.Content)).toEqual(['before', 'during', 'after']);
    // 'during' can only have come from the backfill; 'after' may come either way (live, or
    // listed when the backfill ran after it was sent), but only once.
    expect(lines[0].backfill).toBeUndefined();
    expect(lines[1].backfill).toBe(true);
    expect(deps.io.stderr()).toMatch(/! connection lost \(code 1012\); reconnecting in \d\.\ds \(attempt 1\/5\)/);
    expect(deps.io.stderr()).toMatch(/reconnected to .*; listing the messages sent between /);
    expect(deps.io.stderr()).toMatch(/backfill: listed \d+ messages? sent since/);
  });
});
