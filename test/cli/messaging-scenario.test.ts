// Issue 6's scenario, end to end through the CLI against the in-process emulator: an app
// instance with an admin as bearer, users, a PRIVATE RESTRICTED channel, 250 members from a
// file plus three by name, a moderator, a message sent, listed, read, edited, redacted and
// deleted, a non-member refused, a ban, an oversized message refused before any call,
// streaming set/get/delete, and a channel flow holding a message PENDING until its callback.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { lines, messagingWorld, type World } from './messaging-fixture.js';

let w: World;
const MEMBERS = Array.from({ length: 250 }, (_, i) => `member${i}`);
const STREAM = 'arn:aws:kinesis:us-east-1:123456789012:stream/chime-messaging-audit';
const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:moderate';

beforeAll(async () => {
  w = await messagingWorld('scenario', 'ops', ['alice', 'bob', 'carol', 'dave', ...MEMBERS]);
}, 30_000);
afterAll(() => w?.e.close());

it('runs the issue 6 scenario', async () => {
  const admin = (args: string[], opts?: { stdin?: string }) => w.ok('ops', args, opts);

  // A PRIVATE RESTRICTED channel; the admin who creates it is its bearer throughout.
  const channel = await w.channel('ops', 'general', ['--privacy', 'PRIVATE', '--mode', 'RESTRICTED']);
  const described = await admin(['channel', 'get', 'general', '-o', 'json']);
  expect(described.json().Channel).toMatchObject({ ChannelArn: channel, Privacy: 'PRIVATE', Mode: 'RESTRICTED' });

  // 250 members from a file, then three by name.
  const dir = mkdtempSync(join(tmpdir(), 'chatctl-scenario-'));
  const file = join(dir, 'members.txt');
  writeFileSync(file, MEMBERS.join('\n') + '\n');
  const bulk = await admin(['membership', 'add', 'general', '--from-file', file, '-o', 'json']);
  expect(bulk.json().BatchChannelMemberships.Members).toHaveLength(250);
  expect(bulk.json().Errors).toEqual([]);
  await admin(['membership', 'add', 'general', 'alice', 'bob', 'carol']);
  const members = lines((await admin(['membership', 'list', 'general', '-o', 'id'])).stdout);
  expect(members).toHaveLength(253);
  expect(members).toEqual(expect.arrayContaining([w.userArn('alice'), w.userArn('bob'), w.userArn('carol'), w.userArn('member249')]));

  // A moderator.
  await admin(['moderator', 'add', 'general', 'alice']);
  expect(lines((await admin(['moderator', 'list', 'general', '-o', 'id'])).stdout)).toContain(w.userArn('alice'));

  // A message: send, list, get, update, redact, delete.
  const sent = await w.ok('bob', ['message', 'send', 'general', 'hello, general', '--metadata', 'm1', '-o', 'json']);
  const id = sent.json().MessageId;
  expect(sent.json().Status.Value).toBe('SENT');
  const listed = await w.ok('carol', ['message', 'list', 'general', '-o', 'json']);
  expect(listed.json().ChannelMessages.map((m: any) => [m.MessageId, m.Content])).toEqual([[id, 'hello, general']]);
  const got = await w.ok('alice', ['message', 'get', 'general', id, '-o', 'json']);
  expect(got.json().ChannelMessage).toMatchObject({ MessageId: id, Content: 'hello, general', Sender: { Arn: w.userArn('bob') } });
  await w.ok('bob', ['message', 'update', 'general', id, 'hello again']);
  expect((await w.ok('alice', ['message', 'get', 'general', id, '--query', 'ChannelMessage.Content', '-o', 'text'])).stdout).toBe('hello again\n');
  await w.ok('alice', ['message', 'redact', 'general', id, '--yes']);
  const redacted = (await w.ok('bob', ['message', 'get', 'general', id, '-o', 'json'])).json().ChannelMessage;
  expect(redacted).toMatchObject({ Redacted: true, Metadata: 'm1' });
  await admin(['message', 'delete', 'general', id, '--yes']);
  expect((await w.ok('bob', ['message', 'list', 'general', '-o', 'json'])).json().ChannelMessages).toEqual([]);

  // A non-member's send: the service's ForbiddenException, exit 254.
  const outsider = await w.as('dave', ['message', 'send', 'general', 'let me in']);
  expect(outsider.code).toBe(254);
  expect(outsider.stderr).toMatch(/^error: SendChannelMessage: ForbiddenException: /);

  // A ban removes a member.
  await w.ok('alice', ['ban', 'add', 'general', 'carol']);
  expect(lines((await admin(['membership', 'list', 'general', '-o', 'id'])).stdout)).not.toContain(w.userArn('carol'));
  expect((await w.as('carol', ['message', 'send', 'general', 'still here?'])).code).toBe(254);

  // A 5,000-byte STANDARD message is refused before any call.
  const before = w.e.requests.length;
  const big = await w.as('bob', ['message', 'send', 'general', 'x'.repeat(5000)]);
  expect(big.code).toBe(252);
  expect(big.stderr).toContain('STANDARD message content is 5000 bytes, 904 over the limit of 4096 bytes');
  expect(w.e.requests.length).toBe(before);

  // Streaming: set, get, delete; a stream whose name lacks the chime-messaging- prefix is refused.
  await w.ok('ops', ['streaming', 'set', '--channel-messages', STREAM]);
  const streaming = await w.ok('ops', ['streaming', 'get', '-o', 'json']);
  expect(streaming.json().StreamingConfigurations).toEqual([{ DataType: 'ChannelMessage', ResourceArn: STREAM }]);
  const unprefixed = await w.as('ops', ['streaming', 'set', '--channels', 'arn:aws:kinesis:us-east-1:123456789012:stream/audit']);
  expect(unprefixed.code).not.toBe(0);
  expect(unprefixed.stderr).toMatch(/chime-messaging-/);
  await w.ok('ops', ['streaming', 'delete', '--yes']);
  expect((await w.as('ops', ['streaming', 'get'])).code).toBe(254);

  // A channel flow holds a message PENDING until its callback, then it is SENT.
  const flow = (await w.ok('ops', ['flow', 'create', '--name', 'moderate', '--processor', `name=moderate,lambda=${LAMBDA},fallback=ABORT`, '-o', 'id'])).stdout.trim();
  await admin(['flow', 'associate', flow, 'general']);
  const held = await w.ok('bob', ['message', 'send', 'general', 'needs a look', '-o', 'json']);
  const heldId = held.json().MessageId;
  expect(held.json().Status.Value).toBe('PENDING');
  expect(held.stderr).toContain('(PENDING)');
  expect((await w.ok('bob', ['message', 'status', 'general', heldId, '-o', 'id'])).stdout).toBe('PENDING\n');
  await w.ok('ops', ['flow', 'callback', 'general', '--message-id', heldId]);
  expect((await w.ok('bob', ['message', 'status', 'general', heldId, '-o', 'id'])).stdout).toBe('SENT\n');
  const after = await w.ok('alice', ['message', 'list', 'general', '-o', 'json']);
  expect(after.json().ChannelMessages.map((m: any) => m.Content)).toEqual(['needs a look']);
}, 30_000);
