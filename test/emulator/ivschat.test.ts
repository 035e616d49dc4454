// IVS Chat in the emulator, driven by the real @aws-sdk/client-ivschat v3 client: every
// operation, and the errors with their HTTP status codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateChatTokenCommand,
  CreateLoggingConfigurationCommand,
  CreateRoomCommand,
  DeleteLoggingConfigurationCommand,
  DeleteMessageCommand,
  DeleteRoomCommand,
  DisconnectUserCommand,
  GetLoggingConfigurationCommand,
  GetRoomCommand,
  IvschatClient,
  ListLoggingConfigurationsCommand,
  ListRoomsCommand,
  ListTagsForResourceCommand,
  SendEventCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateLoggingConfigurationCommand,
  UpdateRoomCommand,
} from '@aws-sdk/client-ivschat';
import { startEmulator, type Emulator } from '../../src/emulator/server.js';
import type { EmulatorEvent } from '../../src/emulator/types.js';
import { ivs } from '../../src/emulator/services/ivschat/index.js';
import { LOGGING_CONFIGURATION_QUOTA, ROOM_QUOTA, TOKEN_LIFETIME_MS } from '../../src/emulator/services/ivschat/state.js';

let emulator: Emulator;
let client: IvschatClient;
const events: EmulatorEvent[] = [];

beforeAll(async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  emulator = await startEmulator({ port: 0 });
  emulator.events.on('event', (e: EmulatorEvent) => events.push(e));
  client = new IvschatClient({ endpoint: emulator.url, region: emulator.region, credentials: emulator.credentials, maxAttempts: 1 });
});

afterAll(async () => {
  client?.destroy();
  await emulator?.close();
});

/** Runs a call that must fail; returns the error (name, status, body members). */
async function failure(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail');
}

const ROOM_ARN = /^arn:aws:ivschat:us-east-1:123456789012:room\/[a-zA-Z0-9]{12}$/;
const LOG_ARN = /^arn:aws:ivschat:us-east-1:123456789012:logging-configuration\/[a-zA-Z0-9]{12}$/;
const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:review';

describe('logging configurations', () => {
  it('create, get, update, list, delete with each destination kind', async () => {
    const s3 = await client.send(
      new CreateLoggingConfigurationCommand({ name: 'to-s3', destinationConfiguration: { s3: { bucketName: 'chat-logs' } }, tags: { team: 'a' } }),
    );
    expect(s3.arn).toMatch(LOG_ARN);
    expect(s3.arn!.endsWith('/' + s3.id)).toBe(true);
    expect(s3).toMatchObject({ name: 'to-s3', state: 'ACTIVE', destinationConfiguration: { s3: { bucketName: 'chat-logs' } }, tags: { team: 'a' } });
    expect(s3.createTime).toBeInstanceOf(Date);
    expect(s3.updateTime!.getTime()).toBe(s3.createTime!.getTime());

    const cw = await client.send(new CreateLoggingConfigurationCommand({ destinationConfiguration: { cloudWatchLogs: { logGroupName: '/ivs/chat' } } }));
    expect(cw).toMatchObject({ name: '', state: 'ACTIVE', destinationConfiguration: { cloudWatchLogs: { logGroupName: '/ivs/chat' } }, tags: {} });
    const fh = await client.send(
      new CreateLoggingConfigurationCommand({ name: 'fh', destinationConfiguration: { firehose: { deliveryStreamName: 'chat-stream' } } }),
    );
    expect(fh.destinationConfiguration).toEqual({ firehose: { deliveryStreamName: 'chat-stream' } });

    const got = await client.send(new GetLoggingConfigurationCommand({ identifier: s3.arn }));
    expect(got).toMatchObject({ arn: s3.arn, id: s3.id, name: 'to-s3', state: 'ACTIVE' });

    const updated = await client.send(
      new UpdateLoggingConfigurationCommand({ identifier: cw.arn, name: 'renamed', destinationConfiguration: { firehose: { deliveryStreamName: 'x' } } }),
    );
    expect(updated).toMatchObject({ name: 'renamed', state: 'ACTIVE', destinationConfiguration: { firehose: { deliveryStreamName: 'x' } } });
    expect(updated.updateTime!.getTime()).toBeGreaterThanOrEqual(cw.updateTime!.getTime());

    const list = await client.send(new ListLoggingConfigurationsCommand({}));
    expect(list.loggingConfigurations!.map((c) => c.arn)).toEqual(expect.arrayContaining([s3.arn, cw.arn, fh.arn]));
    const page1 = await client.send(new ListLoggingConfigurationsCommand({ maxResults: 2 }));
    expect(page1.loggingConfigurations).toHaveLength(2);
    expect(page1.nextToken).toBeTruthy();
    const page2 = await client.send(new ListLoggingConfigurationsCommand({ maxResults: 2, nextToken: page1.nextToken }));
    expect(page2.loggingConfigurations!.length).toBeGreaterThanOrEqual(1);

    for (const c of [s3, cw, fh]) {
      const out = await client.send(new DeleteLoggingConfigurationCommand({ identifier: c.arn }));
      expect(out.$metadata.httpStatusCode).toBe(204);
    }
    const gone = await failure(client.send(new GetLoggingConfigurationCommand({ identifier: s3.arn })));
    expect(gone.name).toBe('ResourceNotFoundException');
    expect(gone.$metadata.httpStatusCode).toBe(404);
    expect(gone.resourceId).toBe(s3.arn);
    expect(gone.resourceType).toBe('ROOM');
  });

  it('validates the destination union and the identifier form (400)', async () => {
    const none = await failure(client.send(new CreateLoggingConfigurationCommand({ destinationConfiguration: {} as any })));
    expect(none.name).toBe('ValidationException');
    expect(none.$metadata.httpStatusCode).toBe(400);
    const two = await failure(
      client.send(new CreateLoggingConfigurationCommand({ destinationConfiguration: { s3: { bucketName: 'abc' }, firehose: { deliveryStreamName: 'x' } } as any })),
    );
    expect(two.name).toBe('ValidationException');
    const badBucket = await failure(client.send(new CreateLoggingConfigurationCommand({ destinationConfiguration: { s3: { bucketName: 'UPPER' } } })));
    expect(badBucket.name).toBe('ValidationException');
    expect(badBucket.reason).toBe('FIELD_VALIDATION_FAILED');
    const notArn = await failure(client.send(new GetLoggingConfigurationCommand({ identifier: 'abcdefABCDEF' })));
    expect(notArn.name).toBe('ValidationException');
  });

  it('refuses to delete a configuration a room uses (409) and enforces the quota (402)', async () => {
    const cfg = await client.send(new CreateLoggingConfigurationCommand({ destinationConfiguration: { s3: { bucketName: 'in-use' } } }));
    const room = await client.send(new CreateRoomCommand({ loggingConfigurationIdentifiers: [cfg.arn!] }));
    const conflict = await failure(client.send(new DeleteLoggingConfigurationCommand({ identifier: cfg.arn })));
    expect(conflict.name).toBe('ConflictException');
    expect(conflict.$metadata.httpStatusCode).toBe(409);
    expect(conflict.resourceId).toBe(cfg.arn);
    expect(conflict.message).toContain(room.arn);
    await client.send(new UpdateRoomCommand({ identifier: room.arn, loggingConfigurationIdentifiers: [] }));
    await client.send(new DeleteLoggingConfigurationCommand({ identifier: cfg.arn }));
    await client.send(new DeleteRoomCommand({ identifier: room.arn }));

    const existing = Object.keys(ivs(emulator.state).loggingConfigurations).length;
    const made: string[] = [];
    for (let i = existing; i < LOGGING_CONFIGURATION_QUOTA; i++) {
      made.push((await client.send(new CreateLoggingConfigurationCommand({ destinationConfiguration: { s3: { bucketName: `b-${i}` } } }))).arn!);
    }
    const quota = await failure(client.send(new CreateLoggingConfigurationCommand({ destinationConfiguration: { s3: { bucketName: 'one-too-many' } } })));
    expect(quota.name).toBe('ServiceQuotaExceededException');
    expect(quota.$metadata.httpStatusCode).toBe(402);
    expect(quota.limit).toBe(LOGGING_CONFIGURATION_QUOTA);
    expect(quota.resourceType).toBe('ROOM');
    for (const arn of made) await client.send(new DeleteLoggingConfigurationCommand({ identifier: arn }));
  });
});

describe('rooms', () => {
  it('creates a room with the documented defaults', async () => {
    const room = await client.send(new CreateRoomCommand({}));
    expect(room.arn).toMatch(ROOM_ARN);
    expect(room.id).toMatch(/^[a-zA-Z0-9]{12}$/);
    expect(room.arn!.endsWith('/' + room.id)).toBe(true);
    expect(room).toMatchObject({ name: '', maximumMessageLength: 500, maximumMessageRatePerSecond: 10, tags: {}, loggingConfigurationIdentifiers: [] });
    expect(room.messageReviewHandler).toBeUndefined();
    expect(room.createTime).toBeInstanceOf(Date);
    await client.send(new DeleteRoomCommand({ identifier: room.arn }));
  });

  it('create, get, update, list with filters, delete', async () => {
    const cfg = await client.send(new CreateLoggingConfigurationCommand({ name: 'rooms-log', destinationConfiguration: { s3: { bucketName: 'logs' } } }));
    const room = await client.send(
      new CreateRoomCommand({
        name: 'lobby',
        maximumMessageLength: 200,
        maximumMessageRatePerSecond: 5,
        messageReviewHandler: { uri: LAMBDA },
        tags: { env: 'test' },
        loggingConfigurationIdentifiers: [cfg.arn!],
      }),
    );
    expect(room).toMatchObject({
      name: 'lobby',
      maximumMessageLength: 200,
      maximumMessageRatePerSecond: 5,
      messageReviewHandler: { uri: LAMBDA, fallbackResult: 'ALLOW' },
      tags: { env: 'test' },
      loggingConfigurationIdentifiers: [cfg.arn],
    });
    const other = await client.send(new CreateRoomCommand({ name: 'other' }));

    const got = await client.send(new GetRoomCommand({ identifier: room.arn }));
    expect(got).toMatchObject({ arn: room.arn, id: room.id, name: 'lobby', maximumMessageLength: 200 });

    const updated = await client.send(
      new UpdateRoomCommand({ identifier: room.arn, name: 'lobby2', maximumMessageLength: 1, messageReviewHandler: { fallbackResult: 'DENY' } }),
    );
    expect(updated).toMatchObject({ name: 'lobby2', maximumMessageLength: 1, maximumMessageRatePerSecond: 5, messageReviewHandler: { uri: LAMBDA, fallbackResult: 'DENY' } });
    expect(updated.updateTime!.getTime()).toBeGreaterThanOrEqual(room.updateTime!.getTime());

    // ListRooms: newest update first; summaries carry no limits.
    const all = await client.send(new ListRoomsCommand({}));
    const arns = all.rooms!.map((r) => r.arn);
    expect(arns.indexOf(room.arn)).toBeLessThan(arns.indexOf(other.arn));
    const summary = all.rooms!.find((r) => r.arn === room.arn)!;
    expect(summary).toMatchObject({ id: room.id, name: 'lobby2', tags: { env: 'test' }, loggingConfigurationIdentifiers: [cfg.arn] });
    expect((summary as any).maximumMessageLength).toBeUndefined();
    for (let i = 1; i < all.rooms!.length; i++) {
      expect(all.rooms![i - 1].updateTime!.getTime()).toBeGreaterThanOrEqual(all.rooms![i].updateTime!.getTime());
    }

    expect((await client.send(new ListRoomsCommand({ name: 'lobby2' }))).rooms!.map((r) => r.arn)).toEqual([room.arn]);
    expect((await client.send(new ListRoomsCommand({ messageReviewHandlerUri: LAMBDA }))).rooms!.map((r) => r.arn)).toEqual([room.arn]);
    expect((await client.send(new ListRoomsCommand({ loggingConfigurationIdentifier: cfg.arn }))).rooms!.map((r) => r.arn)).toEqual([room.arn]);
    const p1 = await client.send(new ListRoomsCommand({ maxResults: 1 }));
    expect(p1.rooms).toHaveLength(1);
    const p2 = await client.send(new ListRoomsCommand({ maxResults: 1, nextToken: p1.nextToken }));
    expect(p2.rooms![0].arn).not.toBe(p1.rooms![0].arn);
    const missingCfg = cfg.arn!.replace(/[a-zA-Z0-9]{12}$/, 'AAAAAAAAAAAA');
    const listErr = await failure(client.send(new ListRoomsCommand({ loggingConfigurationIdentifier: missingCfg })));
    expect(listErr.name).toBe('ResourceNotFoundException');

    // Empty uri detaches the handler; an empty list detaches the logging configurations.
    const detached = await client.send(new UpdateRoomCommand({ identifier: room.arn, messageReviewHandler: { uri: '' }, loggingConfigurationIdentifiers: [] }));
    expect(detached.messageReviewHandler).toBeUndefined();
    expect(detached.loggingConfigurationIdentifiers).toEqual([]);

    const del = await client.send(new DeleteRoomCommand({ identifier: room.arn }));
    expect(del.$metadata.httpStatusCode).toBe(204);
    const gone = await failure(client.send(new GetRoomCommand({ identifier: room.arn })));
    expect(gone.name).toBe('ResourceNotFoundException');
    expect(gone.$metadata.httpStatusCode).toBe(404);
    expect(gone.resourceId).toBe(room.arn);
    expect(gone.resourceType).toBe('ROOM');
    await client.send(new DeleteRoomCommand({ identifier: other.arn }));
    await client.send(new DeleteLoggingConfigurationCommand({ identifier: cfg.arn }));
  });

  it('rejects limits outside their ranges, bad identifiers, unknown and too many logging configurations', async () => {
    for (const input of [
      { maximumMessageLength: 0 },
      { maximumMessageLength: 501 },
      { maximumMessageRatePerSecond: 0 },
      { maximumMessageRatePerSecond: 101 },
      { name: 'has space' },
      { messageReviewHandler: { uri: 'arn:aws:s3:::bucket' } },
      { messageReviewHandler: { uri: LAMBDA, fallbackResult: 'MAYBE' as any } },
    ]) {
      const err = await failure(client.send(new CreateRoomCommand(input)));
      expect(err.name, JSON.stringify(input)).toBe('ValidationException');
      expect(err.$metadata.httpStatusCode).toBe(400);
    }
    const byId = await failure(client.send(new GetRoomCommand({ identifier: 'abcdefABCDEF' })));
    expect(byId.name).toBe('ValidationException');
    expect(byId.fieldList?.[0]?.name).toBe('identifier');

    const missing = 'arn:aws:ivschat:us-east-1:123456789012:logging-configuration/AAAAAAAAAAAA';
    const rnf = await failure(client.send(new CreateRoomCommand({ loggingConfigurationIdentifiers: [missing] })));
    expect(rnf.name).toBe('ResourceNotFoundException');
    expect(rnf.resourceId).toBe(missing);

    const four = await failure(client.send(new CreateRoomCommand({ loggingConfigurationIdentifiers: [missing, missing, missing, missing] })));
    expect(four.name).toBe('ValidationException');

    const unknownRoom = 'arn:aws:ivschat:us-east-1:123456789012:room/AAAAAAAAAAAA';
    for (const cmd of [
      new UpdateRoomCommand({ identifier: unknownRoom, name: 'x' }),
      new DeleteRoomCommand({ identifier: unknownRoom }),
      new CreateChatTokenCommand({ roomIdentifier: unknownRoom, userId: 'u' }),
      new SendEventCommand({ roomIdentifier: unknownRoom, eventName: 'e' }),
      new DeleteMessageCommand({ roomIdentifier: unknownRoom, id: 'AAAAAAAAAAAA' }),
      new DisconnectUserCommand({ roomIdentifier: unknownRoom, userId: 'u' }),
    ]) {
      const err = await failure(client.send(cmd as any));
      expect(err.name).toBe('ResourceNotFoundException');
      expect(err.$metadata.httpStatusCode).toBe(404);
    }
  });

  it('enforces the room quota (402)', async () => {
    // Stand-in rooms straight in the state: creating 50,000 over HTTP would only be slow.
    const rooms = ivs(emulator.state).rooms;
    const fakes: string[] = [];
    for (let i = Object.keys(rooms).length; i < ROOM_QUOTA; i++) {
      const arn = `arn:aws:ivschat:us-east-1:123456789012:room/fake${String(i).padStart(8, '0')}`;
      rooms[arn] = { arn } as any;
      fakes.push(arn);
    }
    try {
      const err = await failure(client.send(new CreateRoomCommand({ name: 'over' })));
      expect(err.name).toBe('ServiceQuotaExceededException');
      expect(err.$metadata.httpStatusCode).toBe(402);
      expect(err).toMatchObject({ resourceType: 'ROOM', limit: ROOM_QUOTA });
      expect(err.resourceId).toMatch(/^[a-zA-Z0-9]{12}$/);
    } finally {
      for (const arn of fakes) delete rooms[arn];
    }
    const ok = await client.send(new CreateRoomCommand({}));
    await client.send(new DeleteRoomCommand({ identifier: ok.arn }));
  });

  it('accepts up to three logging configurations per room', async () => {
    const cfgs = [];
    for (let i = 0; i < 3; i++) cfgs.push((await client.send(new CreateLoggingConfigurationCommand({ destinationConfiguration: { s3: { bucketName: `three-${i}` } } }))).arn!);
    const room = await client.send(new CreateRoomCommand({ loggingConfigurationIdentifiers: cfgs }));
    expect(room.loggingConfigurationIdentifiers).toEqual(cfgs);
    await client.send(new DeleteRoomCommand({ identifier: room.arn }));
    for (const arn of cfgs) await client.send(new DeleteLoggingConfigurationCommand({ identifier: arn }));
  });
});

describe('chat tokens and room events', () => {
  it('creates a remembered, opaque token with consistent expiries', async () => {
    const room = await client.send(new CreateRoomCommand({ name: 'tokens' }));
    const before = Date.now();
    const out = await client.send(
      new CreateChatTokenCommand({
        roomIdentifier: room.arn,
        userId: 'alice',
        capabilities: ['SEND_MESSAGE', 'DELETE_MESSAGE'],
        sessionDurationInMinutes: 5,
        attributes: { displayName: 'Alice' },
      }),
    );
    expect(typeof out.token).toBe('string');
    expect(out.token!).toMatch(/^[A-Za-z0-9_-]{32,}$/); // an HTTP token: usable as a WebSocket subprotocol
    expect(out.token).not.toContain('alice');
    const issued = out.sessionExpirationTime!.getTime() - 5 * 60_000;
    expect(issued).toBeGreaterThanOrEqual(before - 1000);
    expect(out.tokenExpirationTime!.getTime()).toBe(issued + TOKEN_LIFETIME_MS);
    expect(out.tokenExpirationTime!.getTime()).toBeLessThanOrEqual(out.sessionExpirationTime!.getTime());

    const record = ivs(emulator.state).tokens[out.token!];
    expect(record).toMatchObject({
      roomArn: room.arn,
      userId: 'alice',
      capabilities: ['SEND_MESSAGE', 'DELETE_MESSAGE'],
      attributes: { displayName: 'Alice' },
      sessionDurationInMinutes: 5,
      used: false,
    });
    expect(record.sessionExpirationTime.getTime()).toBe(out.sessionExpirationTime!.getTime());

    // Defaults: no capabilities, a 60-minute session; every token is different.
    const plain = await client.send(new CreateChatTokenCommand({ roomIdentifier: room.arn, userId: 'bob' }));
    expect(plain.token).not.toBe(out.token);
    expect(ivs(emulator.state).tokens[plain.token!]).toMatchObject({ capabilities: [], attributes: {}, sessionDurationInMinutes: 60 });
    expect(plain.sessionExpirationTime!.getTime() - plain.tokenExpirationTime!.getTime()).toBe(59 * 60_000);

    // A 1-minute session: the token never outlives it.
    const short = await client.send(new CreateChatTokenCommand({ roomIdentifier: room.arn, userId: 'c', sessionDurationInMinutes: 1 }));
    expect(short.tokenExpirationTime!.getTime()).toBeLessThanOrEqual(short.sessionExpirationTime!.getTime());

    // Tokens nobody can use any more are forgotten: unused past expiry, or past the session.
    const tokens = ivs(emulator.state).tokens;
    tokens[plain.token!].tokenExpirationTime = new Date(Date.now() - 1000);
    tokens[short.token!].used = true;
    await client.send(new CreateChatTokenCommand({ roomIdentifier: room.arn, userId: 'd' }));
    expect(tokens[plain.token!]).toBeUndefined();
    expect(tokens[short.token!]).toBeDefined(); // used, session still running
    expect(tokens[out.token!]).toBeDefined();

    for (const bad of [
      { sessionDurationInMinutes: 0 },
      { sessionDurationInMinutes: 181 },
      { capabilities: ['FLY'] as any },
      { userId: '' },
      { attributes: { big: 'x'.repeat(1100) } },
    ]) {
      const err = await failure(client.send(new CreateChatTokenCommand({ roomIdentifier: room.arn, userId: 'u', ...bad })));
      expect(err.name, JSON.stringify(bad).slice(0, 60)).toBe('ValidationException');
      expect(err.$metadata.httpStatusCode).toBe(400);
    }
    await client.send(new DeleteRoomCommand({ identifier: room.arn }));
  });

  it('SendEvent, DeleteMessage and DisconnectUser emit the EVENT frames clients receive', async () => {
    const room = await client.send(new CreateRoomCommand({ name: 'events' }));
    events.length = 0;

    const sent = await client.send(new SendEventCommand({ roomIdentifier: room.arn, eventName: 'app:poll', attributes: { question: 'tea?' } }));
    expect(sent.id).toMatch(/^[a-zA-Z0-9]{12}$/);
    const deleted = await client.send(new DeleteMessageCommand({ roomIdentifier: room.arn, id: 'R1BLTDN84zE0', reason: 'spam' }));
    expect(deleted.id).toMatch(/^[a-zA-Z0-9]{12}$/);
    const disc = await client.send(new DisconnectUserCommand({ roomIdentifier: room.arn, userId: 'mallory', reason: 'abuse' }));
    expect(disc.$metadata.httpStatusCode).toBe(200);

    expect(events.map((e) => [e.service, e.target, e.type])).toEqual([
      ['ivschat', room.arn, 'app:poll'],
      ['ivschat', room.arn, 'aws:DELETE_MESSAGE'],
      ['ivschat', room.arn, 'aws:DISCONNECT_USER'],
    ]);
    expect(events[0].payload).toMatchObject({ Type: 'EVENT', Id: sent.id, EventName: 'app:poll', Attributes: { question: 'tea?' } });
    expect(new Date(events[0].payload.SendTime).toISOString()).toBe(events[0].payload.SendTime);
    expect(events[0].payload.RequestId).toBeUndefined();
    expect(events[1].payload).toMatchObject({
      Type: 'EVENT',
      Id: deleted.id,
      EventName: 'aws:DELETE_MESSAGE',
      Attributes: { MessageId: 'R1BLTDN84zE0', MessageID: 'R1BLTDN84zE0', Reason: 'spam' },
    });
    expect(events[2].payload).toMatchObject({ EventName: 'aws:DISCONNECT_USER', Attributes: { UserId: 'mallory', Reason: 'abuse' } });
    expect(ivs(emulator.state).events.slice(-3).map((e) => e.payload.EventName)).toEqual(['app:poll', 'aws:DELETE_MESSAGE', 'aws:DISCONNECT_USER']);

    // An event without attributes has none; limits per the model.
    await client.send(new SendEventCommand({ roomIdentifier: room.arn, eventName: 'bare' }));
    expect(events[3].payload.Attributes).toBeUndefined();
    for (const cmd of [
      new SendEventCommand({ roomIdentifier: room.arn, eventName: 'x'.repeat(101) }),
      new SendEventCommand({ roomIdentifier: room.arn, eventName: '' }),
      new DeleteMessageCommand({ roomIdentifier: room.arn, id: 'short' }),
      new DeleteMessageCommand({ roomIdentifier: room.arn, id: 'R1BLTDN84zE0', reason: 'r'.repeat(257) }),
      new DisconnectUserCommand({ roomIdentifier: room.arn, userId: 'u', reason: '' }),
    ]) {
      const err = await failure(client.send(cmd as any));
      expect(err.name).toBe('ValidationException');
    }
    await client.send(new DeleteRoomCommand({ identifier: room.arn }));
  });
});

describe('tags', () => {
  it('tags rooms and logging configurations; 200 with {}', async () => {
    const room = await client.send(new CreateRoomCommand({ tags: { a: '1' } }));
    const cfg = await client.send(new CreateLoggingConfigurationCommand({ destinationConfiguration: { s3: { bucketName: 'tagged' } } }));
    const tagged = await client.send(new TagResourceCommand({ resourceArn: room.arn, tags: { b: '2' } }));
    expect(tagged.$metadata.httpStatusCode).toBe(200);
    expect((await client.send(new ListTagsForResourceCommand({ resourceArn: room.arn }))).tags).toEqual({ a: '1', b: '2' });
    const untagged = await client.send(new UntagResourceCommand({ resourceArn: room.arn, tagKeys: ['a'] }));
    expect(untagged.$metadata.httpStatusCode).toBe(200);
    expect((await client.send(new GetRoomCommand({ identifier: room.arn }))).tags).toEqual({ b: '2' });

    await client.send(new TagResourceCommand({ resourceArn: cfg.arn, tags: { k: 'v' } }));
    expect((await client.send(new ListTagsForResourceCommand({ resourceArn: cfg.arn }))).tags).toEqual({ k: 'v' });
    expect((await client.send(new GetLoggingConfigurationCommand({ identifier: cfg.arn }))).tags).toEqual({ k: 'v' });

    const missing = 'arn:aws:ivschat:us-east-1:123456789012:room/AAAAAAAAAAAA';
    for (const cmd of [
      new ListTagsForResourceCommand({ resourceArn: missing }),
      new TagResourceCommand({ resourceArn: missing, tags: { a: 'b' } }),
      new UntagResourceCommand({ resourceArn: missing, tagKeys: ['a'] }),
    ]) {
      const err = await failure(client.send(cmd as any));
      expect(err.name).toBe('ResourceNotFoundException');
      expect(err.$metadata.httpStatusCode).toBe(404);
    }
    const tooMany = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
    const err = await failure(client.send(new TagResourceCommand({ resourceArn: room.arn, tags: tooMany })));
    expect(err.name).toBe('ValidationException');

    await client.send(new DeleteRoomCommand({ identifier: room.arn }));
    expect(emulator.state.tags[room.arn!]).toBeUndefined();
    await client.send(new DeleteLoggingConfigurationCommand({ identifier: cfg.arn }));
    expect(emulator.state.tags[cfg.arn!]).toBeUndefined();
  });
});
