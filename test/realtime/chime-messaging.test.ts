// Real messaging events over the Chime /connect socket: SendChannelMessage through the SDK
// reaches the channel's members (and only them) as documented frames; targeted messages reach
// their target and sender only; prefetch-on=connect sends CHANNEL_DETAILS after SESSION_ESTABLISHED.
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { ChimeSDKIdentityClient, CreateAppInstanceCommand, CreateAppInstanceUserCommand } from '@aws-sdk/client-chime-sdk-identity';
import {
  ChimeSDKMessagingClient,
  CreateChannelCommand,
  CreateChannelMembershipCommand,
  GetMessagingSessionEndpointCommand,
  SendChannelMessageCommand,
} from '@aws-sdk/client-chime-sdk-messaging';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/server.js';
import { FrameClient, settle } from './frames.js';

let emulator: Emulator;
let messaging: ChimeSDKMessagingClient;
let alice: string;
let bob: string;
let carol: string;
let channel: string;

beforeAll(async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  emulator = await startEmulator({ port: 0, log: () => {} });
  const config = { endpoint: emulator.url, region: emulator.region, credentials: emulator.credentials, maxAttempts: 1 };
  const identity = new ChimeSDKIdentityClient(config);
  messaging = new ChimeSDKMessagingClient(config);
  const app = (await identity.send(new CreateAppInstanceCommand({ Name: 'rt', ClientRequestToken: 'rt-app' }))).AppInstanceArn!;
  const user = async (id: string) =>
    (await identity.send(new CreateAppInstanceUserCommand({ AppInstanceArn: app, AppInstanceUserId: id, Name: id, ClientRequestToken: `tok-${id}` }))).AppInstanceUserArn!;
  [alice, bob, carol] = [await user('alice'), await user('bob'), await user('carol')];
  identity.destroy();
  channel = (await messaging.send(new CreateChannelCommand({ AppInstanceArn: app, Name: 'general', ChimeBearer: alice, ClientRequestToken: 'ch-general' }))).ChannelArn!;
  for (const member of [alice, bob]) await messaging.send(new CreateChannelMembershipCommand({ ChannelArn: channel, MemberArn: member, Type: 'DEFAULT', ChimeBearer: alice }));
});

afterAll(async () => {
  messaging?.destroy();
  await emulator?.close();
});

/** Endpoint from GetMessagingSessionEndpoint, URL presigned with the AWS SDK's signer. */
async function session(userArn: string, prefetch = false): Promise<FrameClient> {
  const endpoint = (await messaging.send(new GetMessagingSessionEndpointCommand({}))).Endpoint!.Url!;
  expect(endpoint).toBe(new URL(emulator.url).host);
  const signer = new SignatureV4({ service: 'chime', region: emulator.region, credentials: emulator.credentials, sha256: Sha256 });
  const query: Record<string, string> = { userArn, sessionId: '42', ...(prefetch ? { 'prefetch-on': 'connect' } : {}) };
  const signed = await signer.presign({ method: 'GET', protocol: 'ws:', hostname: endpoint, path: '/connect', query, headers: { host: endpoint } }, { expiresIn: 10 });
  const qs = Object.entries(signed.query as Record<string, string>)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  const c = await FrameClient.open(`ws://${endpoint}/connect?${qs}`);
  expect(await c.next()).toMatchObject({ Headers: { 'x-amz-chime-event-type': 'SESSION_ESTABLISHED' } });
  return c;
}

const payloadOf = (frame: any) => JSON.parse(frame.Payload);

describe('messaging events on the socket', () => {
  it('delivers CREATE_CHANNEL_MESSAGE to members (sender included), not to others', async () => {
    const [a, b, c] = [await session(alice), await session(bob), await session(carol)];
    const sent = await messaging.send(new SendChannelMessageCommand({ ChannelArn: channel, Content: 'hello', Type: 'STANDARD', Persistence: 'PERSISTENT', ChimeBearer: alice, ClientRequestToken: 'm-hello' }));
    for (const client of [a, b]) {
      const frame = await client.next((f) => f.Headers['x-amz-chime-event-type'] === 'CREATE_CHANNEL_MESSAGE');
      expect(frame.Headers).toEqual({ 'x-amz-chime-event-type': 'CREATE_CHANNEL_MESSAGE', 'x-amz-chime-message-type': 'STANDARD' });
      expect(typeof frame.Payload).toBe('string');
      expect(payloadOf(frame)).toMatchObject({ ChannelArn: channel, MessageId: sent.MessageId, Content: 'hello', Type: 'STANDARD', Persistence: 'PERSISTENT', Sender: { Arn: alice, Name: 'alice' } });
      expect(Number.isNaN(Date.parse(payloadOf(frame).CreatedTimestamp))).toBe(false);
    }
    await settle();
    expect(c.frames).toHaveLength(1);
    for (const client of [a, b, c]) client.close();
  });

  it('a targeted message reaches its target and its sender only; CONTROL keeps its type', async () => {
    await messaging.send(new CreateChannelMembershipCommand({ ChannelArn: channel, MemberArn: carol, Type: 'DEFAULT', ChimeBearer: alice }));
    const [a, b, c] = [await session(alice), await session(bob), await session(carol)];
    await messaging.send(
      new SendChannelMessageCommand({ ChannelArn: channel, Content: 'psst', Type: 'CONTROL', Persistence: 'NON_PERSISTENT', Target: [{ MemberArn: bob }], ChimeBearer: alice, ClientRequestToken: 'm-psst' }),
    );
    expect((await b.next((f) => f.Headers['x-amz-chime-event-type'] === 'CREATE_CHANNEL_MESSAGE')).Headers['x-amz-chime-message-type']).toBe('CONTROL');
    await a.next((f) => f.Headers['x-amz-chime-event-type'] === 'CREATE_CHANNEL_MESSAGE');
    await settle();
    expect(c.frames.filter((f) => f.Headers['x-amz-chime-event-type'] === 'CREATE_CHANNEL_MESSAGE')).toEqual([]);
    for (const client of [a, b, c]) client.close();
  });

  it('prefetch-on=connect: CHANNEL_DETAILS right after SESSION_ESTABLISHED', async () => {
    const b = await session(bob, true);
    const details = await b.next((f) => f.Headers['x-amz-chime-event-type'] === 'CHANNEL_DETAILS');
    expect(details.Headers['x-amz-chime-message-type']).toBe('SYSTEM');
    const payload = payloadOf(details);
    expect(payload.Channel).toMatchObject({ ChannelArn: channel, Name: 'general' });
    expect(payload.ChannelMessages.map((m: any) => m.Content)).toContain('hello');
    b.close();
  });
});
