// The emulator's IVS Chat WebSocket, driven by a raw `ws` client: handshake rules, frames as
// documented (websocket-protocols.md B.3, C.2), capabilities, room limits, control-plane events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { CreateChatTokenCommand, CreateRoomCommand, DeleteMessageCommand, DisconnectUserCommand, IvschatClient, SendEventCommand } from '@aws-sdk/client-ivschat';
import { startEmulator, type Emulator } from '../../src/emulator/server.js';
import { ivs } from '../../src/emulator/services/ivschat/state.js';
import { FrameClient, settle } from './frames.js';

let emulator: Emulator;
let client: IvschatClient;
let wsUrl: string;

beforeAll(async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  emulator = await startEmulator({ port: 0, log: () => {} });
  client = new IvschatClient({ endpoint: emulator.url, region: emulator.region, credentials: emulator.credentials, maxAttempts: 1 });
  wsUrl = emulator.url.replace(/^http/, 'ws');
});

afterAll(async () => {
  client?.destroy();
  await emulator?.close();
});

async function room(limits: { maximumMessageLength?: number; maximumMessageRatePerSecond?: number } = {}): Promise<string> {
  return (await client.send(new CreateRoomCommand(limits))).arn!;
}

async function token(roomArn: string, userId: string, capabilities: string[] = [], attributes?: Record<string, string>): Promise<string> {
  const out = await client.send(new CreateChatTokenCommand({ roomIdentifier: roomArn, userId, capabilities: capabilities as any, attributes }));
  return out.token!;
}

async function join(roomArn: string, userId: string, capabilities: string[] = [], attributes?: Record<string, string>): Promise<FrameClient> {
  return FrameClient.open(wsUrl, await token(roomArn, userId, capabilities, attributes));
}

describe('handshake', () => {
  it('echoes the token as the subprotocol and accepts each token once', async () => {
    const arn = await room();
    const t = await token(arn, 'alice');
    const first = await FrameClient.open(wsUrl, t);
    expect(first.socket.protocol).toBe(t);
    await expect(FrameClient.open(wsUrl, t)).rejects.toThrow('HTTP 401');
    first.close();
  });

  it('refuses a missing, unknown or expired token with 401', async () => {
    const arn = await room();
    await expect(FrameClient.open(wsUrl)).rejects.toThrow('HTTP 401');
    await expect(FrameClient.open(wsUrl, 'AQICAHnotatoken')).rejects.toThrow('HTTP 401');
    const t = await token(arn, 'late');
    ivs(emulator.state).tokens[t]!.tokenExpirationTime = new Date(Date.now() - 1);
    await expect(FrameClient.open(wsUrl, t)).rejects.toThrow('HTTP 401');
  });

  it('closes the session cleanly (1000) at its expiry', async () => {
    const arn = await room();
    const t = await token(arn, 'brief');
    ivs(emulator.state).tokens[t]!.sessionExpirationTime = new Date(Date.now() + 300);
    const c = await FrameClient.open(wsUrl, t);
    expect((await c.closedWithin(2000)).code).toBe(1000);
  });

  it('answers other paths with 404', async () => {
    const socket = new WebSocket(`${wsUrl}/elsewhere`);
    const status = await new Promise((resolve) => socket.once('unexpected-response', (_req, res) => resolve(res.statusCode)));
    expect(status).toBe(404);
  });
});

describe('SEND_MESSAGE', () => {
  it('broadcasts MESSAGE to the room, sender included, with RequestId, Sender and a 12-character Id', async () => {
    const arn = await room();
    const viewer = await join(arn, 'viewer');
    const sender = await join(arn, 'alice', ['SEND_MESSAGE'], { DisplayName: 'Alice' });
    sender.send({ Action: 'SEND_MESSAGE', RequestId: 'r-1', Content: 'hello', Attributes: { k: 'v' } });
    const echo = await sender.next((f) => f.Type === 'MESSAGE');
    const seen = await viewer.next((f) => f.Type === 'MESSAGE');
    expect(echo).toEqual(seen);
    expect(echo).toEqual({
      Type: 'MESSAGE',
      Id: expect.stringMatching(/^[a-zA-Z0-9]{12}$/),
      RequestId: 'r-1',
      Content: 'hello',
      Attributes: { k: 'v' },
      SendTime: expect.any(String),
      Sender: { UserId: 'alice', Attributes: { DisplayName: 'Alice' } },
    });
    expect(Number.isNaN(Date.parse(echo.SendTime))).toBe(false);
    // A client in another room hears nothing.
    const other = await join(await room(), 'elsewhere');
    sender.send({ Action: 'SEND_MESSAGE', RequestId: 'r-2', Content: 'again' });
    const second = await viewer.next((f) => f.RequestId === 'r-2');
    expect(second.Id).not.toBe(echo.Id);
    await settle();
    expect(other.frames).toEqual([]);
    for (const c of [viewer, sender, other]) c.close();
  });

  it('needs the SEND_MESSAGE capability: ERROR 403 carrying the RequestId, sent to the requester only', async () => {
    const arn = await room();
    const reader = await join(arn, 'reader');
    const bystander = await join(arn, 'bystander');
    reader.send({ Action: 'SEND_MESSAGE', RequestId: 'nope', Content: 'hi' });
    expect(await reader.next()).toEqual({
      Type: 'ERROR',
      Id: expect.stringMatching(/^[a-zA-Z0-9]{12}$/),
      RequestId: 'nope',
      ErrorCode: 403,
      ErrorMessage: expect.stringContaining('SEND_MESSAGE'),
    });
    await settle();
    expect(bystander.frames).toEqual([]);
    reader.close();
    bystander.close();
  });

  it("enforces the room's length and rate limits and the attribute size", async () => {
    const arn = await room({ maximumMessageLength: 5, maximumMessageRatePerSecond: 1 });
    const c = await join(arn, 'alice', ['SEND_MESSAGE']);
    c.send({ Action: 'SEND_MESSAGE', RequestId: 'long', Content: '😀😀😀😀😀😀' });
    expect(await c.next((f) => f.RequestId === 'long')).toMatchObject({ Type: 'ERROR', ErrorCode: 400 });
    c.send({ Action: 'SEND_MESSAGE', RequestId: 'fits', Content: '😀😀😀😀😀' });
    expect(await c.next((f) => f.RequestId === 'fits')).toMatchObject({ Type: 'MESSAGE', Content: '😀😀😀😀😀' });
    c.send({ Action: 'SEND_MESSAGE', RequestId: 'fast', Content: 'again' });
    expect(await c.next((f) => f.RequestId === 'fast')).toMatchObject({ Type: 'ERROR', ErrorCode: 429 });
    c.send({ Action: 'SEND_MESSAGE', RequestId: 'big', Content: 'x', Attributes: { k: 'v'.repeat(1100) } });
    expect(await c.next((f) => f.RequestId === 'big')).toMatchObject({ Type: 'ERROR', ErrorCode: 413 });
    c.close();
  });

  it('a room whose review handler cannot be invoked applies its fallback: DENY is ERROR 406 to the sender only', async () => {
    const lambda = 'arn:aws:lambda:us-east-1:123456789012:function:review';
    const denying = (await client.send(new CreateRoomCommand({ messageReviewHandler: { uri: lambda, fallbackResult: 'DENY' } }))).arn!;
    const viewer = await join(denying, 'viewer');
    const c = await join(denying, 'alice', ['SEND_MESSAGE']);
    c.send({ Action: 'SEND_MESSAGE', RequestId: 'review', Content: 'hi' });
    expect(await c.next((f) => f.RequestId === 'review')).toMatchObject({ Type: 'ERROR', ErrorCode: 406 });
    const allowing = (await client.send(new CreateRoomCommand({ messageReviewHandler: { uri: lambda, fallbackResult: 'ALLOW' } }))).arn!;
    const d = await join(allowing, 'alice', ['SEND_MESSAGE']);
    d.send({ Action: 'SEND_MESSAGE', RequestId: 'allowed', Content: 'hi' });
    expect(await d.next((f) => f.RequestId === 'allowed')).toMatchObject({ Type: 'MESSAGE' });
    await settle();
    expect(viewer.frames).toEqual([]);
    for (const x of [viewer, c, d]) x.close();
  });

  it('limits a connection to 10 requests a second', async () => {
    const arn = await room();
    const c = await join(arn, 'spammer');
    for (let i = 0; i < 11; i++) c.send({ Action: 'DELETE_MESSAGE', RequestId: `d${i}`, Id: 'AAAAAAAAAAAA' });
    expect(await c.next((f) => f.RequestId === 'd10')).toMatchObject({ ErrorCode: 429 });
    expect(c.frames.filter((f) => f.ErrorCode === 403)).toHaveLength(10);
    c.close();
  });

  it('answers bad JSON and unknown actions with ERROR 400', async () => {
    const arn = await room();
    const c = await join(arn, 'alice', ['SEND_MESSAGE']);
    c.socket.send('{not json');
    expect(await c.next()).toMatchObject({ Type: 'ERROR', ErrorCode: 400 });
    c.send({ Action: 'DANCE', RequestId: 'x' });
    expect(await c.next((f) => f.RequestId === 'x')).toMatchObject({ Type: 'ERROR', ErrorCode: 400 });
    c.send({ Action: 'SEND_MESSAGE', RequestId: 'empty' });
    expect(await c.next((f) => f.RequestId === 'empty')).toMatchObject({ Type: 'ERROR', ErrorCode: 400 });
    c.close();
  });
});

describe('DELETE_MESSAGE and DISCONNECT_USER', () => {
  it('DELETE_MESSAGE broadcasts aws:DELETE_MESSAGE with MessageId and MessageID', async () => {
    const arn = await room();
    const viewer = await join(arn, 'viewer');
    const mod = await join(arn, 'mod', ['DELETE_MESSAGE']);
    mod.send({ Action: 'DELETE_MESSAGE', RequestId: 'del', Id: 'R1BLTDN84zE0', Reason: 'spam' });
    expect(await viewer.next()).toEqual({
      Type: 'EVENT',
      Id: expect.stringMatching(/^[a-zA-Z0-9]{12}$/),
      RequestId: 'del',
      EventName: 'aws:DELETE_MESSAGE',
      SendTime: expect.any(String),
      Attributes: { MessageId: 'R1BLTDN84zE0', MessageID: 'R1BLTDN84zE0', Reason: 'spam' },
    });
    viewer.close();
    mod.close();
  });

  it('DISCONNECT_USER announces the event, then closes every connection of that user with 1000', async () => {
    const arn = await room();
    const target1 = await join(arn, 'troll');
    const target2 = await join(arn, 'troll');
    const viewer = await join(arn, 'viewer');
    const mod = await join(arn, 'mod', ['DISCONNECT_USER']);
    mod.send({ Action: 'DISCONNECT_USER', RequestId: 'kick', UserId: 'troll', Reason: 'abuse' });
    expect(await viewer.next()).toMatchObject({ Type: 'EVENT', EventName: 'aws:DISCONNECT_USER', RequestId: 'kick', Attributes: { UserId: 'troll', Reason: 'abuse' } });
    expect(await target1.next()).toMatchObject({ EventName: 'aws:DISCONNECT_USER' });
    expect((await target1.closedWithin()).code).toBe(1000);
    expect((await target2.closedWithin()).code).toBe(1000);
    expect(viewer.socket.readyState).toBe(WebSocket.OPEN);
    viewer.close();
    mod.close();
  });
});

describe('control-plane events reach connected clients', () => {
  it('SendEvent, DeleteMessage and DisconnectUser arrive as EVENT frames without RequestId', async () => {
    const arn = await room();
    const c = await join(arn, 'bob');
    await client.send(new SendEventCommand({ roomIdentifier: arn, eventName: 'app:poll', attributes: { q: 'why' } }));
    expect(await c.next((f) => f.EventName === 'app:poll')).toEqual({
      Type: 'EVENT',
      Id: expect.stringMatching(/^[a-zA-Z0-9]{12}$/),
      EventName: 'app:poll',
      SendTime: expect.any(String),
      Attributes: { q: 'why' },
    });
    await client.send(new DeleteMessageCommand({ roomIdentifier: arn, id: 'ABCDEFGHIJKL', reason: 'r' }));
    expect((await c.next((f) => f.EventName === 'aws:DELETE_MESSAGE')).Attributes).toEqual({ MessageId: 'ABCDEFGHIJKL', MessageID: 'ABCDEFGHIJKL', Reason: 'r' });
    await client.send(new DisconnectUserCommand({ roomIdentifier: arn, userId: 'bob' }));
    expect(await c.next((f) => f.EventName === 'aws:DISCONNECT_USER')).toMatchObject({ Attributes: { UserId: 'bob' } });
    expect((await c.closedWithin()).code).toBe(1000);
  });

  it('closes open sessions with a close frame when the emulator stops', async () => {
    const own = await startEmulator({ port: 0, log: () => {} });
    const ownClient = new IvschatClient({ endpoint: own.url, region: own.region, credentials: own.credentials, maxAttempts: 1 });
    const arn = (await ownClient.send(new CreateRoomCommand({}))).arn!;
    const t = (await ownClient.send(new CreateChatTokenCommand({ roomIdentifier: arn, userId: 'u' }))).token!;
    const c = await FrameClient.open(own.url.replace(/^http/, 'ws'), t);
    ownClient.destroy();
    await own.close();
    expect((await c.closedWithin()).code).toBe(1001);
  });
});
