// The emulator's Chime SDK messaging WebSocket, driven by a raw `ws` client: presigned-URL
// checks (the JS SDK's known-answer vector, expiry, tampering, wrong key, unknown user),
// SESSION_ESTABLISHED first, {Headers, Payload} frames to recipients only, connection limit,
// close codes for a deleted user and for shutdown.
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { ChimeSDKIdentityClient, CreateAppInstanceCommand, CreateAppInstanceUserCommand, DeleteAppInstanceUserCommand } from '@aws-sdk/client-chime-sdk-identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/server.js';
import { verifyPresigned } from '../../src/emulator/sigv4.js';
import { parseQuery } from '../../src/emulator/router.js';
import { FrameClient, settle } from './frames.js';

let emulator: Emulator;
let identity: ChimeSDKIdentityClient;
let host: string;
let alice: string;
let bob: string;

beforeAll(async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  emulator = await startEmulator({ port: 0, log: () => {} });
  identity = new ChimeSDKIdentityClient({ endpoint: emulator.url, region: emulator.region, credentials: emulator.credentials, maxAttempts: 1 });
  const app = (await identity.send(new CreateAppInstanceCommand({ Name: 'ws', ClientRequestToken: 'ws-app' }))).AppInstanceArn!;
  const user = async (id: string) =>
    (await identity.send(new CreateAppInstanceUserCommand({ AppInstanceArn: app, AppInstanceUserId: id, Name: id, ClientRequestToken: 'token-' + id }))).AppInstanceUserArn!;
  alice = await user('alice');
  bob = await user('bob');
  host = new URL(emulator.url).host;
});

afterAll(async () => {
  identity?.destroy();
  await emulator?.close();
});

/** A presigned connect URL made with the AWS SDK's own signer, independent of the emulator. */
async function connectUrl(userArn: string, opts: { secret?: string; signingDate?: Date; sessionId?: string; prefetch?: boolean; region?: string } = {}): Promise<string> {
  const signer = new SignatureV4({
    service: 'chime',
    region: opts.region ?? emulator.region,
    credentials: { accessKeyId: emulator.credentials.accessKeyId, secretAccessKey: opts.secret ?? emulator.credentials.secretAccessKey },
    sha256: Sha256,
  });
  const query: Record<string, string> = { userArn, sessionId: opts.sessionId ?? String(Math.floor(Math.random() * 2 ** 32)) };
  if (opts.prefetch) query['prefetch-on'] = 'connect';
  const signed = await signer.presign(
    { method: 'GET', protocol: 'ws:', hostname: host, path: '/connect', query, headers: { host } },
    { expiresIn: 10, signingDate: opts.signingDate },
  );
  const qs = Object.entries(signed.query as Record<string, string>)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  return `ws://${host}/connect?${qs}`;
}

const ESTABLISHED = { Headers: { 'x-amz-chime-event-type': 'SESSION_ESTABLISHED', 'x-amz-chime-message-type': 'SYSTEM' } };

async function session(userArn: string, opts: Parameters<typeof connectUrl>[1] = {}): Promise<FrameClient> {
  const c = await FrameClient.open(await connectUrl(userArn, opts));
  expect(await c.next()).toEqual(ESTABLISHED);
  return c;
}

describe('presigned URL', () => {
  it("accepts the JS SDK's known-answer vector (websocket-protocols.md A.2)", async () => {
    const raw =
      'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20201214%2Fus-east-1%2Fchime%2Faws4_request' +
      '&X-Amz-Date=20201214T171359Z&X-Amz-Expires=10&X-Amz-Security-Token=SESSIONTOKEN&X-Amz-SignedHeaders=host' +
      '&X-Amzn-User-Agent=chrome-120&X-Amzn-Version=3.32.0&prefetch-on=connect&sessionId=1234567890' +
      '&userArn=arn%3Aaws%3Achime%3Aus-east-1%3A123456789012%3Aapp-instance%2F694d2099-cb1e-463e-9d64-697ff5b8950e%2Fuser%2Fjohndoe' +
      '&X-Amz-Signature=fb359c951f43a5ecb338e56f9a5cf56d00672d0c5ee53b0c41d39318ece3d2ce';
    const request = { method: 'GET', rawPath: '/connect', query: parseQuery(raw), headers: { host: 'abc123.us-east-1.ws-messaging.chime.aws' } };
    const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'SESSIONTOKEN' };
    const now = new Date('2020-12-14T17:14:03Z');
    await expect(verifyPresigned(request, { credentials, service: 'chime', now })).resolves.toMatchObject({ region: 'us-east-1', service: 'chime' });
    const tampered = { ...request, query: parseQuery(raw.replace('sessionId=1234567890', 'sessionId=1234567891')) };
    await expect(verifyPresigned(tampered, { credentials, service: 'chime', now })).rejects.toThrow(/signature/);
    // X-Amz-Expires=10 (plus a 5 s allowance for clock skew) is honoured.
    await expect(verifyPresigned(request, { credentials, service: 'chime', now: new Date('2020-12-14T17:14:20Z') })).rejects.toThrow(/expired/);
  });

  it('sends SESSION_ESTABLISHED first, with no subprotocol, for a correct URL', async () => {
    const c = await FrameClient.open(await connectUrl(alice));
    expect(c.socket.protocol).toBe('');
    expect(await c.next()).toEqual(ESTABLISHED);
    c.close();
  });

  it('accepts then closes with 4401 an expired, a tampered, a wrongly signed or another region\'s URL', async () => {
    const expired = await FrameClient.open(await connectUrl(alice, { signingDate: new Date(Date.now() - 60_000) }));
    expect(await expired.closedWithin()).toMatchObject({ code: 4401, reason: expect.stringMatching(/expired/i) });
    const tampered = await FrameClient.open((await connectUrl(alice)).replace(encodeURIComponent(alice), encodeURIComponent(bob)));
    expect((await tampered.closedWithin()).code).toBe(4401);
    const wrongKey = await FrameClient.open(await connectUrl(alice, { secret: 'not-the-secret' }));
    expect((await wrongKey.closedWithin()).code).toBe(4401);
    const otherRegion = await FrameClient.open(await connectUrl(alice, { region: 'eu-west-1' }));
    expect(await otherRegion.closedWithin()).toMatchObject({ code: 4401, reason: expect.stringMatching(/region/) });
    for (const c of [expired, tampered, wrongKey, otherRegion]) expect(c.frames).toEqual([]);
  });

  it('closes with 4003 a correctly signed URL for a user that does not exist', async () => {
    const c = await FrameClient.open(await connectUrl(alice.replace('/user/alice', '/user/nobody')));
    expect((await c.closedWithin()).code).toBe(4003);
    expect(c.frames).toEqual([]);
  });
});

describe('delivery', () => {
  it('sends an event as {Headers, Payload-as-string} to its recipients only', async () => {
    const a = await session(alice);
    const b = await session(bob);
    const payload = { ChannelArn: 'arn:aws:chime:us-east-1:123456789012:app-instance/x/channel/c', MessageId: 'm1', Content: 'hi', Type: 'STANDARD' };
    const headers = { 'x-amz-chime-event-type': 'CREATE_CHANNEL_MESSAGE', 'x-amz-chime-message-type': 'STANDARD' };
    emulator.events.emit('event', { service: 'messaging', target: payload.ChannelArn, type: 'CREATE_CHANNEL_MESSAGE', headers, payload, recipients: [alice] });
    expect(await a.next(() => true, 1)).toEqual({ Headers: headers, Payload: JSON.stringify(payload) });
    await settle();
    expect(b.frames).toEqual([ESTABLISHED]);
    a.close();
    b.close();
  });

  it('allows 10 connections per user; the same sessionId replaces its previous connection', async () => {
    const open: FrameClient[] = [];
    for (let i = 0; i < 10; i++) open.push(await session(bob, { sessionId: `s${i}` }));
    const eleventh = await FrameClient.open(await connectUrl(bob, { sessionId: 's10' }));
    expect(await eleventh.closedWithin()).toMatchObject({ code: 4003, reason: expect.stringMatching(/10 concurrent/) });
    const again = await session(bob, { sessionId: 's3' });
    expect((await open[3]!.closedWithin()).code).toBe(1000);
    for (const c of [...open, again]) c.close();
  });

  it('closes the sessions of a deleted user with 4003', async () => {
    const app = alice.slice(0, alice.indexOf('/user/'));
    const carol = (await identity.send(new CreateAppInstanceUserCommand({ AppInstanceArn: app, AppInstanceUserId: 'carol', Name: 'Carol', ClientRequestToken: 'carol-token' }))).AppInstanceUserArn!;
    const c = await session(carol);
    await identity.send(new DeleteAppInstanceUserCommand({ AppInstanceUserArn: carol }));
    expect(await c.closedWithin()).toMatchObject({ code: 4003, reason: expect.stringMatching(/deleted/) });
  });

  it('closes with 1012 (retryable) when the emulator shuts down', async () => {
    const own = await startEmulator({ port: 0, log: () => {} });
    const client = new ChimeSDKIdentityClient({ endpoint: own.url, region: own.region, credentials: own.credentials, maxAttempts: 1 });
    const app = (await client.send(new CreateAppInstanceCommand({ Name: 'x', ClientRequestToken: 'app-x' }))).AppInstanceArn!;
    const u = (await client.send(new CreateAppInstanceUserCommand({ AppInstanceArn: app, AppInstanceUserId: 'u1', Name: 'U1', ClientRequestToken: 'user-u1' }))).AppInstanceUserArn!;
    client.destroy();
    const ownHost = new URL(own.url).host;
    const signer = new SignatureV4({ service: 'chime', region: own.region, credentials: own.credentials, sha256: Sha256 });
    const signed = await signer.presign({ method: 'GET', protocol: 'ws:', hostname: ownHost, path: '/connect', query: { userArn: u, sessionId: '1' }, headers: { host: ownHost } }, { expiresIn: 10 });
    const qs = new URLSearchParams(signed.query as Record<string, string>).toString().replace(/\+/g, '%20');
    const c = await FrameClient.open(`ws://${ownHost}/connect?${qs}`);
    expect(await c.next()).toEqual(ESTABLISHED);
    await own.close();
    expect((await c.closedWithin()).code).toBe(1012);
  });
});
