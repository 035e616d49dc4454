// moderator add/list/get/remove and ban add/list/get/remove against the emulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lines, messagingWorld, type World } from './messaging-fixture.js';

let w: World;
const writes = (operation: string, from: number) => w.e.requests.slice(from).filter((r) => r.startsWith(`messaging.${operation} `));

beforeAll(async () => {
  w = await messagingWorld('moderation-test', 'boss', ['alice', 'bob', 'carol', 'mallory']);
  await w.channel('boss', 'mod', ['--privacy', 'PRIVATE', '--mode', 'RESTRICTED']);
  await w.ok('boss', ['membership', 'add', 'mod', 'alice', 'bob', 'carol', 'mallory']);
});
afterAll(() => w?.e.close());

describe('moderator', () => {
  it('add makes a moderator; -o id prints its ARN', async () => {
    const r = await w.ok('boss', ['moderator', 'add', 'mod', 'alice', '-o', 'id']);
    expect(r.stdout).toBe(`${w.userArn('alice')}\n`);
    expect(r.stderr).toContain('Made user alice a moderator of channel mod');
  });

  it('add of an existing moderator succeeds with a note on stderr', async () => {
    const r = await w.ok('boss', ['moderator', 'add', 'mod', 'alice']);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('user alice already moderates channel mod');
  });

  it('--dry-run sends no write', async () => {
    const before = w.e.requests.length;
    const r = await w.ok('boss', ['moderator', 'add', 'mod', 'bob', '--dry-run', '-o', 'json']);
    expect(r.json().operations).toEqual([{ operation: 'CreateChannelModerator', input: { ChannelArn: w.channelArn('mod'), ChannelModeratorArn: w.userArn('bob'), ChimeBearer: w.userArn('boss') } }]);
    expect(writes('CreateChannelModerator', before)).toEqual([]);
  });

  it('list shows the moderators (the creator too); --query on the API response', async () => {
    const ids = await w.ok('boss', ['moderator', 'list', 'mod', '-o', 'id']);
    expect(lines(ids.stdout).sort()).toEqual([w.userArn('alice'), w.userArn('boss')].sort());
    const q = await w.ok('boss', ['moderator', 'ls', 'mod', '--query', 'ChannelModerators[].Moderator.Name', '-o', 'json']);
    expect(q.json().sort()).toEqual(['ALICE', 'BOSS']);
    const table = await w.ok('boss', ['moderator', 'list', 'mod', '-o', 'table']);
    expect(table.stdout).toMatch(/ID\s+KIND\s+NAME\s+ARN/);
    expect(table.stdout).toMatch(/alice\s+user\s+ALICE/);
  });

  it('get describes a moderator; a plain member may not (254 ForbiddenException)', async () => {
    const r = await w.ok('boss', ['moderator', 'get', 'mod', 'alice', '-o', 'json']);
    expect(r.json().ChannelModerator).toMatchObject({ Moderator: { Arn: w.userArn('alice') }, CreatedBy: { Arn: w.userArn('boss') } });
    const denied = await w.as('bob', ['moderator', 'get', 'mod', 'alice']);
    expect(denied.code).toBe(254);
    expect(denied.stderr).toContain('DescribeChannelModerator: ForbiddenException');
  });

  it('a moderator may add members to the RESTRICTED channel', async () => {
    await w.ok('boss', ['membership', 'remove', 'mod', 'carol', '--yes']);
    await w.ok('alice', ['membership', 'add', 'mod', 'carol']);
  });

  it('remove refuses without --yes, then removes; --ignore-not-found', async () => {
    const before = w.e.requests.length;
    const refused = await w.as('boss', ['moderator', 'remove', 'mod', 'alice']);
    expect(refused.code).toBe(252);
    expect(refused.stderr).toContain('refusing to remove moderator user alice without confirmation');
    expect(writes('DeleteChannelModerator', before)).toEqual([]);
    const r = await w.ok('boss', ['moderator', 'rm', 'mod', 'alice', '--yes']);
    expect(r.stderr).toContain('Removed moderator user alice');
    expect((await w.as('boss', ['moderator', 'remove', 'mod', 'alice', '--yes'])).code).toBe(254);
    const ignored = await w.ok('boss', ['moderator', 'remove', 'mod', 'alice', '--yes', '--ignore-not-found']);
    expect(ignored.stderr).toContain('not found; nothing to do');
  });
});

describe('ban', () => {
  it('add bans and removes the member; -o id prints the member ARN', async () => {
    const r = await w.ok('boss', ['ban', 'add', 'mod', 'mallory', '-o', 'id']);
    expect(r.stdout).toBe(`${w.userArn('mallory')}\n`);
    expect(r.stderr).toContain('Banned user mallory from channel mod');
    const members = await w.ok('boss', ['membership', 'list', 'mod', '-o', 'id']);
    expect(lines(members.stdout)).not.toContain(w.userArn('mallory'));
  });

  it('add of an existing ban succeeds with a note', async () => {
    const r = await w.ok('boss', ['ban', 'add', 'mod', 'mallory']);
    expect(r.stderr).toContain('user mallory is already banned from channel mod');
  });

  it('a banned member cannot be added back', async () => {
    const r = await w.as('boss', ['membership', 'add', 'mod', 'mallory']);
    expect(r.code).toBe(254);
    expect(r.stderr).toContain('ForbiddenException');
  });

  it('list, get, --query', async () => {
    const ids = await w.ok('boss', ['ban', 'list', 'mod', '-o', 'id']);
    expect(lines(ids.stdout)).toEqual([w.userArn('mallory')]);
    const get = await w.ok('boss', ['ban', 'get', 'mod', 'mallory', '-o', 'json']);
    expect(get.json().ChannelBan).toMatchObject({ Member: { Arn: w.userArn('mallory'), Name: 'MALLORY' }, CreatedBy: { Arn: w.userArn('boss') } });
    const q = await w.ok('boss', ['ban', 'get', 'mod', 'mallory', '--query', 'ChannelBan.Member.Name', '-o', 'text']);
    expect(q.stdout).toBe('MALLORY\n');
  });

  it('--dry-run sends no write; remove refuses without --yes', async () => {
    const before = w.e.requests.length;
    await w.ok('boss', ['ban', 'add', 'mod', 'bob', '--dry-run']);
    expect((await w.as('boss', ['ban', 'remove', 'mod', 'mallory'])).code).toBe(252);
    expect(writes('CreateChannelBan', before)).toEqual([]);
    expect(writes('DeleteChannelBan', before)).toEqual([]);
  });

  it('remove lifts the ban: the member can be added again', async () => {
    const r = await w.ok('boss', ['ban', 'remove', 'mod', 'mallory', '--yes']);
    expect(r.stderr).toContain('Lifted ban user mallory');
    await w.ok('boss', ['membership', 'add', 'mod', 'mallory']);
    const none = await w.ok('boss', ['ban', 'list', 'mod']);
    expect(none.stdout).toBe('{\n  "ChannelBans": []\n}\n');
  });
});
