// message send/list/get/status/update/redact/delete against the emulator; the size limits at
// their exact edges (bytes, not characters), checked before any call.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_BYTES, pointInTime } from '../../src/commands/message/content.js';
import { lines, messagingWorld, type World } from './messaging-fixture.js';

let w: World;
const dir = mkdtempSync(join(tmpdir(), 'chatctl-message-'));
const sends = (from: number) => w.e.requests.slice(from).filter((r) => r.startsWith('messaging.SendChannelMessage '));
const send = async (who: string, args: string[], opts?: { stdin?: string }) => (await w.ok(who, ['message', 'send', 'talk', ...args, '-o', 'id'], opts)).stdout.trim();

beforeAll(async () => {
  w = await messagingWorld('message-test', 'boss', ['alice', 'bob', 'eve']);
  await w.channel('boss', 'talk');
  await w.ok('boss', ['membership', 'add', 'talk', 'alice', 'bob']);
});
afterAll(() => w?.e.close());

describe('message send', () => {
  it('sends the TEXT argument; -o id prints the message id, json the API response', async () => {
    const r = await w.ok('alice', ['message', 'send', 'talk', 'hello', '-o', 'json']);
    expect(r.json()).toMatchObject({ ChannelArn: w.channelArn('talk'), MessageId: expect.any(String), Status: { Value: 'SENT' } });
    expect(r.stderr).toContain(`Sent message ${r.json().MessageId} to channel talk`);
    const id = await send('alice', ['again']);
    expect(id).toMatch(/^[\w-]+$/);
    const got = await w.ok('alice', ['message', 'get', 'talk', id, '-o', 'json']);
    expect(got.json().ChannelMessage).toMatchObject({ MessageId: id, Content: 'again', Type: 'STANDARD', Persistence: 'PERSISTENT', Sender: { Arn: w.userArn('alice') } });
  });

  it('reads the text from --file, --file - and -', async () => {
    const path = join(dir, 'note.md');
    writeFileSync(path, '# notes\nline two\n');
    const fromFile = await send('alice', ['--file', path, '--content-type', 'text/markdown']);
    const m = (await w.ok('alice', ['message', 'get', 'talk', fromFile, '-o', 'json'])).json().ChannelMessage;
    // The newline that ends the file's last line is not part of the message.
    expect(m).toMatchObject({ Content: '# notes\nline two', ContentType: 'text/markdown' });
    const fromStdin = await send('alice', ['--file', '-'], { stdin: 'piped\n' });
    expect((await w.ok('alice', ['message', 'get', 'talk', fromStdin, '--query', 'ChannelMessage.Content', '-o', 'text'])).stdout).toBe('piped\n');
    const dash = await send('alice', ['-'], { stdin: 'dash\n\n' });
    expect((await w.ok('alice', ['message', 'get', 'talk', dash, '--query', 'ChannelMessage.Content', '-o', 'json'])).json()).toBe('dash\n');
  });

  it('refuses a missing, doubled, empty or unreadable text (252, no call)', async () => {
    const before = w.e.requests.length;
    for (const args of [[], ['hi', '--file', join(dir, 'note.md')], ['--file', join(dir, 'missing.txt')], ['-']]) {
      const r = await w.as('alice', ['message', 'send', 'talk', ...args], { stdin: '' });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(252);
    }
    expect(sends(before)).toEqual([]);
  });

  it('message attributes (repeatable, a key again adds a value), metadata, push, a target', async () => {
    const id = await send('alice', ['hi bob', '--attribute', 'priority=high', '--attribute', 'tag=a', '--attribute', 'tag=b', '--metadata', '{"m":1}', '--target', 'bob', '--push-title', 'T', '--push-body', 'B']);
    const m = (await w.ok('bob', ['message', 'get', 'talk', id, '-o', 'json'])).json().ChannelMessage;
    expect(m.MessageAttributes).toEqual({ priority: { StringValues: ['high'] }, tag: { StringValues: ['a', 'b'] } });
    expect(m.Metadata).toBe('{"m":1}');
    expect(m.Target).toEqual([{ MemberArn: w.userArn('bob') }]);
    // Only the target and the sender see a targeted message.
    expect((await w.as('boss', ['message', 'get', 'talk', id])).code).toBe(254);
    const two = await w.as('alice', ['message', 'send', 'talk', 'x', '--target', 'bob', '--target', 'boss']);
    expect(two.code).toBe(252);
    expect(two.stderr).toContain('--target given 2 times; SendChannelMessage takes at most 1');
  });

  it('--dry-run sends nothing and prints the planned call', async () => {
    const before = w.e.requests.length;
    const r = await w.ok('alice', ['message', 'send', 'talk', 'draft', '--dry-run', '-o', 'json']);
    expect(r.json().operations[0]).toMatchObject({ operation: 'SendChannelMessage', input: { Content: 'draft', Type: 'STANDARD', Persistence: 'PERSISTENT' } });
    expect(sends(before)).toEqual([]);
  });

  it('a non-member is refused by the service: 254, ForbiddenException on stderr', async () => {
    const r = await w.as('eve', ['message', 'send', 'talk', 'let me in']);
    expect(r.code).toBe(254);
    expect(r.stderr).toMatch(/^error: SendChannelMessage: ForbiddenException: /);
  });
});

describe('message size limits (bytes, before any call)', () => {
  // The service's limits, written here on their own so a wrong constant in the CLI shows.
  const STANDARD = 4096;
  const CONTROL = 30;

  it('the CLI holds the same limits', () => {
    expect(CONTENT_BYTES).toEqual({ STANDARD, CONTROL });
  });

  it.each([
    ['STANDARD content at the limit', ['x'.repeat(STANDARD)], 0],
    ['STANDARD content one byte over', ['x'.repeat(STANDARD + 1)], 1],
    // '€' is 3 bytes in UTF-8: 1365 of them and one 'x' is 4096 bytes in 1366 characters.
    ['multi-byte content at the limit', ['€'.repeat(1365) + 'x'], 0],
    ['multi-byte content over in bytes, under in characters', ['€'.repeat(1366)], 2],
    ['CONTROL content at the limit', ['c'.repeat(CONTROL), '--type', 'CONTROL'], 0],
    ['CONTROL content one byte over', ['c'.repeat(CONTROL - 1) + 'é', '--type', 'CONTROL'], 1],
    ['metadata at the limit', ['m', '--metadata', 'd'.repeat(1024)], 0],
    ['metadata one byte over', ['m', '--metadata', 'd'.repeat(1025)], 1],
    ['multi-byte metadata over in bytes', ['m', '--metadata', 'é'.repeat(513)], 2],
  ] as const)('%s', async (_name, args, over) => {
    const before = w.e.requests.length;
    const r = await w.as('alice', ['message', 'send', 'talk', ...args]);
    if (over === 0) {
      expect(r.code, r.stderr).toBe(0);
      expect(sends(before)).toEqual(['messaging.SendChannelMessage 201']);
      return;
    }
    expect(r.code).toBe(252);
    expect(r.stderr).toMatch(new RegExp(`^error: (STANDARD message content|CONTROL message content|message metadata) is \\d+ bytes, ${over} over the limit of \\d+ bytes; nothing was sent`));
    expect(sends(before)).toEqual([]);
  });

  it('a 5,000-byte file names the STANDARD limit and the excess', async () => {
    const path = join(dir, 'big.txt');
    writeFileSync(path, 'b'.repeat(5000));
    const r = await w.as('alice', ['message', 'send', 'talk', '--file', path]);
    expect(r.code).toBe(252);
    expect(r.stderr).toContain('STANDARD message content is 5000 bytes, 904 over the limit of 4096 bytes');
  });
});

describe('message list', () => {
  let first: string;
  beforeAll(async () => {
    await w.channel('boss', 'history');
    await w.ok('boss', ['membership', 'add', 'history', 'bob']);
    first = (await w.ok('bob', ['message', 'send', 'history', 'm0', '-o', 'id'])).stdout.trim();
    for (let i = 1; i <= 101; i++) await w.ok('bob', ['message', 'send', 'history', `m${i}`]);
  }, 30_000);

  it('defaults to the newest 100, newest first, and says there is more', async () => {
    const r = await w.ok('bob', ['message', 'list', 'history', '-o', 'json']);
    const contents = r.json().ChannelMessages.map((m: any) => m.Content);
    expect(contents).toHaveLength(100);
    expect(contents[0]).toBe('m101');
    expect(contents[99]).toBe('m2');
    expect(r.json().NextToken).toBeTruthy();
    const table = await w.ok('bob', ['message', 'list', 'history', '-o', 'text']);
    expect(lines(table.stdout)).toHaveLength(100);
    expect(table.stderr).toContain('hint: more results; rerun with --starting-token');
  });

  it('--max-items, --sort ASCENDING, --since and --until', async () => {
    const all = await w.ok('bob', ['message', 'list', 'history', '--max-items', '500', '-o', 'id']);
    expect(lines(all.stdout)).toHaveLength(102);
    expect(lines(all.stdout).at(-1)).toBe(first);
    const oldest = await w.ok('bob', ['message', 'ls', 'history', '--sort', 'ASCENDING', '--max-items', '2', '--query', 'ChannelMessages[].Content', '-o', 'json']);
    expect(oldest.json()).toEqual(['m0', 'm1']);
    const future = await w.ok('bob', ['message', 'list', 'history', '--since', '2999-01-01T00:00:00Z', '-o', 'json']);
    expect(future.json().ChannelMessages).toEqual([]);
    const past = await w.ok('bob', ['message', 'list', 'history', '--until', '1h', '-o', 'json']);
    expect(past.json().ChannelMessages).toEqual([]);
    const recent = await w.ok('bob', ['message', 'list', 'history', '--since', '1h', '--max-items', '3', '-o', 'id']);
    expect(lines(recent.stdout)).toHaveLength(3);
    expect((await w.as('bob', ['message', 'list', 'history', '--since', 'yesterday-ish'])).code).toBe(252);
    expect((await w.as('bob', ['message', 'list', 'history', '--sort', 'UP'])).code).toBe(252);
  });

  it('--since takes ISO-8601 or a time ago', () => {
    const now = Date.parse('2026-01-02T00:00:00Z');
    expect(pointInTime('2h', now).toISOString()).toBe('2026-01-01T22:00:00.000Z');
    expect(pointInTime('7d', now).toISOString()).toBe('2025-12-26T00:00:00.000Z');
    expect(pointInTime('2026-01-01T10:00:00Z').toISOString()).toBe('2026-01-01T10:00:00.000Z');
  });

  it('NON_PERSISTENT messages are delivered, not listed', async () => {
    await w.ok('bob', ['message', 'send', 'history', 'fleeting', '--persistence', 'NON_PERSISTENT']);
    const r = await w.ok('bob', ['message', 'list', 'history', '--max-items', '1', '--query', 'ChannelMessages[0].Content', '-o', 'text']);
    expect(r.stdout).toBe('m101\n');
  });
});

describe('message get, status, update, redact, delete', () => {
  let id: string;
  beforeAll(async () => {
    id = await send('alice', ['original', '--metadata', 'keep-me']);
  });

  it('status is SENT; -o id prints the status', async () => {
    expect((await w.ok('alice', ['message', 'status', 'talk', id, '-o', 'id'])).stdout).toBe('SENT\n');
    expect((await w.ok('alice', ['message', 'status', 'talk', id, '-o', 'json'])).json()).toEqual({ Status: { Value: 'SENT' } });
  });

  it('update replaces the text and keeps the id; the limits apply', async () => {
    const r = await w.ok('alice', ['message', 'update', 'talk', id, 'edited', '-o', 'id']);
    expect(r.stdout).toBe(`${id}\n`);
    const m = (await w.ok('alice', ['message', 'get', 'talk', id, '-o', 'json'])).json().ChannelMessage;
    expect(m).toMatchObject({ MessageId: id, Content: 'edited' });
    expect(m.LastEditedTimestamp).toBeTruthy();
    const before = w.e.requests.length;
    const big = await w.as('alice', ['message', 'update', 'talk', id, 'x'.repeat(4097)]);
    expect(big.code).toBe(252);
    expect(w.e.requests.length).toBe(before);
    // Someone else's message: the service refuses.
    expect((await w.as('bob', ['message', 'update', 'talk', id, 'hijack'])).code).toBe(254);
  });

  it('redact refuses without --yes; with it, the content is blanked and the metadata stays', async () => {
    const before = w.e.requests.length;
    const refused = await w.as('boss', ['message', 'redact', 'talk', id]);
    expect(refused.code).toBe(252);
    expect(refused.stderr).toContain(`refusing to redact message ${id} without confirmation`);
    expect(w.e.requests.slice(before).filter((q) => q.includes('Redact'))).toEqual([]);
    const r = await w.ok('boss', ['message', 'redact', 'talk', id, '--yes']);
    expect(r.stderr).toContain(`Redacted message ${id}`);
    const m = (await w.ok('alice', ['message', 'get', 'talk', id, '-o', 'json'])).json().ChannelMessage;
    expect(m).toMatchObject({ MessageId: id, Redacted: true, Metadata: 'keep-me' });
    expect(m.Content ?? '').toBe('');
  });

  it('delete: members may not (254), an admin may; --ignore-not-found; several ids, each reported', async () => {
    const other = await send('alice', ['to delete']);
    const denied = await w.as('alice', ['message', 'delete', 'talk', other, '--yes']);
    expect(denied.code).toBe(254);
    expect(denied.stderr).toContain('DeleteChannelMessage: ForbiddenException');
    const dry = await w.ok('boss', ['message', 'delete', 'talk', other, '--dry-run', '-o', 'json']);
    expect(dry.json().operations).toHaveLength(1);
    const r = await w.as('boss', ['message', 'rm', 'talk', other, 'no-such-id', '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Deleted message ${other}`);
    expect(r.stderr).toMatch(/✗ message no-such-id: .*NotFoundException/);
    const ids = await w.ok('boss', ['message', 'list', 'talk', '--max-items', '500', '-o', 'id']);
    expect(lines(ids.stdout)).not.toContain(other);
    const again = await w.ok('boss', ['message', 'delete', 'talk', other, '--yes', '--ignore-not-found']);
    expect(again.stderr).toContain('not found; nothing to do');
  });
});
