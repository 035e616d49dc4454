// membership add/remove/list/get/preferences against the emulator: one member and many (in
// batches, from a file or stdin), reruns that add only what is missing, per-member failures
// with exit 1, dry runs, refusals; throttling retries and the progress bar with a fake AWS.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { depsFor } from '../../src/commands/deps.js';
import { addMembers, inPool, retryThrottled } from '../../src/commands/membership/bulk.js';
import { resolveSettings } from '../../src/context/settings.js';
import { CliError, ExitCode } from '../../src/io/errors.js';
import { progressBar } from '../../src/io/progress.js';
import { testIO } from '../../src/io/streams.js';
import { fakeAws } from '../support/fake-aws.js';
import { lines, messagingWorld, type World } from './messaging-fixture.js';

let w: World;
const dir = mkdtempSync(join(tmpdir(), 'chatctl-membership-'));
const file = (name: string, ids: string[]) => {
  const path = join(dir, name);
  writeFileSync(path, ids.join('\n') + '\n');
  return path;
};
const USERS = Array.from({ length: 260 }, (_, i) => `u${i}`);
const requestsOf = (operation: string, from: number) => w.e.requests.slice(from).filter((r) => r.startsWith(`messaging.${operation} `));

beforeAll(async () => {
  w = await messagingWorld('membership-test', 'boss', ['alice', 'bob', 'carol', ...USERS]);
}, 30_000);
afterAll(() => w?.e.close());

describe('membership add', () => {
  let ch: string;
  beforeAll(async () => {
    ch = await w.channel('boss', 'team', ['--privacy', 'PRIVATE', '--mode', 'RESTRICTED']);
  });

  it('adds one member with CreateChannelMembership; -o id prints the member ARN', async () => {
    const before = w.e.requests.length;
    const r = await w.ok('boss', ['membership', 'add', 'team', 'alice', '-o', 'id']);
    expect(r.stdout).toBe(`${w.userArn('alice')}\n`);
    expect(r.stderr).toContain('Added user alice to channel team');
    expect(requestsOf('CreateChannelMembership', before)).toEqual(['messaging.CreateChannelMembership 201']);
  });

  it('adding an existing member again succeeds with a note, and sends no write', async () => {
    const before = w.e.requests.length;
    const r = await w.ok('boss', ['membership', 'add', ch, w.userArn('alice'), '-o', 'json']);
    expect(r.json()).toMatchObject({ ChannelArn: ch, Member: { Arn: w.userArn('alice'), Name: 'ALICE' } });
    expect(r.stderr).toContain('user alice is already in channel team; not added again');
    expect(requestsOf('CreateChannelMembership', before)).toEqual([]);
  });

  it('adds many from a file plus names in batches of 100; a rerun adds only what is missing', async () => {
    const members = file('250.txt', ['# the first 250', ...USERS.slice(0, 250), '', w.userArn('u0')]);
    let before = w.e.requests.length;
    const r = await w.ok('boss', ['membership', 'add', 'team', 'bob', 'carol', '--from-file', members, '-o', 'json']);
    const out = r.json();
    expect(out.BatchChannelMemberships.Members).toHaveLength(252);
    expect(out.BatchChannelMemberships.Members[0]).toEqual({ Arn: w.userArn('bob'), Name: 'BOB' });
    expect(out.BatchChannelMemberships).toMatchObject({ ChannelArn: ch, Type: 'DEFAULT', InvitedBy: { Arn: w.userArn('boss') } });
    expect(out.Errors).toEqual([]);
    expect(r.stderr).toContain('Added 252 members to channel team');
    expect(requestsOf('BatchCreateChannelMembership', before)).toHaveLength(3);

    const ids = await w.ok('boss', ['membership', 'list', 'team', '-o', 'id']);
    expect(lines(ids.stdout)).toHaveLength(253);

    before = w.e.requests.length;
    const again = await w.ok('boss', ['membership', 'add', 'team', '--from-file', file('255.txt', USERS.slice(0, 255)), '-o', 'json']);
    expect(again.json().BatchChannelMemberships.Members).toHaveLength(255);
    expect(again.stderr).toContain('user u0, user u1');
    expect(again.stderr).toContain('and 240 more are already in channel team');
    expect(again.stderr).toContain('Added 5 members');
    const batches = requestsOf('BatchCreateChannelMembership', before);
    expect(batches).toHaveLength(1);
  });

  it('a rerun with every member present sends no write and claims nothing added', async () => {
    const before = w.e.requests.length;
    const r = await w.ok('boss', ['membership', 'add', 'team', 'bob', 'carol', 'u3', '-o', 'id']);
    expect(lines(r.stdout)).toEqual([w.userArn('bob'), w.userArn('carol'), w.userArn('u3')]);
    expect(r.stderr).toContain('user bob, user carol, user u3 are already in channel team; not added again');
    expect(r.stderr).not.toContain('Added');
    expect(requestsOf('BatchCreateChannelMembership', before)).toEqual([]);
  });

  it('reads members from stdin with --from-file -', async () => {
    const r = await w.ok('boss', ['membership', 'add', 'team', '--from-file', '-', '--type', 'HIDDEN', '-o', 'id'], { stdin: 'u255\nu0\n' });
    expect(lines(r.stdout)).toEqual([w.userArn('u255'), w.userArn('u0')]);
    expect(r.stderr).toContain('user u0 is already in channel team');
  });

  it('reports each failing member and exits 1; the others are added', async () => {
    await w.ok('boss', ['ban', 'add', 'team', 'u256']);
    const before = w.e.requests.length;
    const r = await w.as('boss', ['membership', 'add', 'team', 'u257', 'ghost', 'u256', 'u258', '-o', 'json']);
    expect(r.code, r.stderr).toBe(1);
    const out = r.json();
    expect(out.BatchChannelMemberships.Members.map((m: any) => m.Arn)).toEqual([w.userArn('u257'), w.userArn('u258')]);
    expect(out.Errors.map((e: any) => [e.MemberArn, e.ErrorCode])).toEqual([
      [w.userArn('ghost'), 'NotFound'],
      [w.userArn('u256'), 'Forbidden'],
    ]);
    expect(r.stderr).toMatch(/✗ user ghost: NotFound: .+/);
    expect(r.stderr).toMatch(/✗ user u256: Forbidden: .*banned/);
    expect(r.stderr).toContain('error: 2 of 4 members failed');
    expect(requestsOf('BatchCreateChannelMembership', before)).toHaveLength(1);
  });

  it('a refused batch fails each of its members (exit 1, each named)', async () => {
    const r = await w.as('alice', ['membership', 'add', 'team', 'u259', 'carol', 'bob'], {});
    // alice is a plain member of a RESTRICTED channel: she may list, not add.
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/✗ user u259: ForbiddenException: .+/);
    expect(r.stderr).toContain('error: 1 of 3 members failed');
  });

  it("a non-member of a private channel gets the add's own ForbiddenException, not the look-up's", async () => {
    const r = await w.as('u259', ['membership', 'add', 'team', 'u259']);
    expect(r.code).toBe(254);
    expect(r.stderr).toContain('error: CreateChannelMembership: ForbiddenException');
  });

  it('--dry-run sends no write and prints the planned batches', async () => {
    const before = w.e.requests.length;
    const r = await w.ok('boss', ['membership', 'add', 'team', '--from-file', file('dry.txt', USERS), '--dry-run', '-o', 'json']);
    const plan = r.json();
    expect(plan.dryRun).toBe(true);
    // Of the 260, only u256 (banned) and u259 (refused above) are not members: only they are planned.
    expect(plan.operations.map((o: any) => o.operation)).toEqual(['BatchCreateChannelMembership']);
    expect(plan.operations[0].input.MemberArns).toEqual([w.userArn('u256'), w.userArn('u259')]);
    expect(requestsOf('BatchCreateChannelMembership', before)).toEqual([]);
    expect(r.stderr).toContain('dry run: no changes made');
  });

  it('refuses without members, without --as, and with an unreadable file', async () => {
    expect((await w.as('boss', ['membership', 'add', 'team'])).code).toBe(252);
    expect((await w.run(['membership', 'add', 'team', 'alice'])).code).toBe(253);
    const missing = await w.as('boss', ['membership', 'add', 'team', '--from-file', join(dir, 'nope.txt')]);
    expect(missing.code).toBe(252);
    expect(missing.stderr).toContain('cannot read --from-file');
  });
});

describe('membership list, get', () => {
  it('list -o json is the API response; --query runs on it', async () => {
    const r = await w.ok('boss', ['membership', 'list', 'team', '--max-items', '3', '-o', 'json']);
    expect(r.json().ChannelMemberships).toHaveLength(3);
    expect(r.json().NextToken).toBeTruthy();
    const q = await w.ok('boss', ['membership', 'list', 'team', '--query', 'ChannelMemberships[?Member.Name==`ALICE`].Member.Arn | [0]', '-o', 'json']);
    expect(q.json()).toBe(w.userArn('alice'));
  });

  it('list --type HIDDEN lists the hidden members only', async () => {
    const r = await w.ok('boss', ['membership', 'list', 'team', '--type', 'HIDDEN', '-o', 'id']);
    expect(lines(r.stdout)).toEqual([w.userArn('u255')]);
    expect((await w.as('boss', ['membership', 'list', 'team', '--type', 'SECRET'])).code).toBe(252);
  });

  it('get describes one membership; a non-member is 254 NotFound', async () => {
    const r = await w.ok('boss', ['membership', 'get', 'team', 'alice', '-o', 'json']);
    expect(r.json().ChannelMembership).toMatchObject({ Member: { Arn: w.userArn('alice') }, Type: 'DEFAULT', InvitedBy: { Arn: w.userArn('boss') } });
    const id = await w.ok('boss', ['membership', 'get', 'team', 'alice', '-o', 'id']);
    expect(id.stdout).toBe(`${w.userArn('alice')}\n`);
    const missing = await w.as('boss', ['membership', 'get', 'team', 'ghost']);
    expect(missing.code).toBe(254);
    expect(missing.stderr).toContain('DescribeChannelMembership: NotFoundException');
  });
});

describe('elastic channels', () => {
  it('--sub-channel reaches the membership calls', async () => {
    await w.channel('boss', 'big', ['--elastic', '--max-subchannels', '3', '--target-memberships', '2', '--min-membership-pct', '10']);
    await w.ok('boss', ['membership', 'add', 'big', 'u10', 'u11', 'u12', 'u13']);
    const sub = (await w.ok('boss', ['membership', 'get', 'big', 'u10', '--query', 'ChannelMembership.SubChannelId', '-o', 'text'])).stdout.trim();
    expect(sub).toBeTruthy();
    const inSub = lines((await w.ok('boss', ['membership', 'list', 'big', '--sub-channel', sub, '-o', 'id'])).stdout);
    expect(inSub).toContain(w.userArn('u10'));
    expect(inSub.length).toBeLessThan(4);
    // Only a moderator joins a chosen sub-channel (the service places everyone else).
    expect((await w.as('boss', ['membership', 'add', 'big', 'u14', '--sub-channel', sub])).stderr).toContain('BadRequestException');
    await w.ok('boss', ['moderator', 'add', 'big', 'u14']);
    await w.ok('boss', ['membership', 'add', 'big', 'u14', '--sub-channel', sub]);
    expect((await w.ok('boss', ['membership', 'get', 'big', 'u14', '--sub-channel', sub, '-o', 'id'])).stdout).toBe(`${w.userArn('u14')}\n`);
    const elsewhere = await w.as('boss', ['membership', 'get', 'big', 'u14', '--sub-channel', 'no-such-sub']);
    expect(elsewhere.code).toBe(254);
  });
});

describe('membership preferences', () => {
  it('set and get by the member themselves', async () => {
    const rule = '{"priority":["high"]}';
    const set = await w.ok('alice', ['membership', 'preferences', 'set', 'team', 'alice', '--push', 'FILTERED', '--filter-rule', rule, '-o', 'json']);
    expect(set.json().Preferences).toEqual({ PushNotifications: { AllowNotifications: 'FILTERED', FilterRule: rule } });
    const get = await w.ok('alice', ['membership', 'preferences', 'get', 'team', 'alice', '-o', 'json']);
    expect(get.json().Preferences.PushNotifications.AllowNotifications).toBe('FILTERED');
    const none = await w.ok('alice', ['membership', 'preferences', 'set', 'team', 'alice', '--push', 'NONE', '-o', 'id']);
    expect(none.stdout).toBe(`${w.userArn('alice')}\n`);
  });

  it('checks --push and --filter-rule before any call', async () => {
    const before = w.e.requests.length;
    for (const args of [
      ['--push', 'FILTERED'],
      ['--push', 'ALL', '--filter-rule', '{}'],
      ['--push', 'FILTERED', '--filter-rule', '{oops'],
      ['--push', 'FILTERED', '--filter-rule', '[1]'],
      ['--push', 'SOME'],
      [],
    ]) {
      const r = await w.as('alice', ['membership', 'preferences', 'set', 'team', 'alice', ...args]);
      expect(r.code, args.join(' ')).toBe(252);
    }
    expect(w.e.requests.length).toBe(before);
  });

  it("someone else's preferences are the service's ForbiddenException", async () => {
    const r = await w.as('boss', ['membership', 'preferences', 'get', 'team', 'alice']);
    expect(r.code).toBe(254);
    expect(r.stderr).toContain('ForbiddenException');
  });
});

describe('membership remove', () => {
  it('refuses without --yes and removes nothing', async () => {
    const before = w.e.requests.length;
    const r = await w.as('boss', ['membership', 'remove', 'team', 'u1', 'u2']);
    expect(r.code).toBe(252);
    expect(r.stderr).toContain('refusing to remove user u1, user u2 from channel team without confirmation');
    expect(requestsOf('DeleteChannelMembership', before)).toEqual([]);
  });

  it('asks on a terminal; no answer removes nothing', async () => {
    const before = w.e.requests.length;
    const r = await w.as('boss', ['membership', 'remove', 'team', 'u1'], { tty: true, answers: ['n'] });
    expect(r.code).toBe(252);
    expect(r.stderr).toContain('Remove user u1 from channel team? [y/N]');
    expect(requestsOf('DeleteChannelMembership', before)).toEqual([]);
  });

  it('--dry-run plans one DeleteChannelMembership per member', async () => {
    const r = await w.ok('boss', ['membership', 'remove', 'team', 'u1', 'u2', '--dry-run', '-o', 'json']);
    expect(r.json().operations.map((o: any) => o.input.MemberArn)).toEqual([w.userArn('u1'), w.userArn('u2')]);
  });

  it('removes several; a member not in the channel fails alone (exit 1, named)', async () => {
    const r = await w.as('boss', ['membership', 'remove', 'team', 'u1', 'u2', 'ghost', 'u3', '--yes', '-o', 'json']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.json().Removed).toEqual([w.userArn('u1'), w.userArn('u2'), w.userArn('u3')]);
    expect(r.json().Errors).toEqual([{ MemberArn: w.userArn('ghost'), ErrorCode: 'NotFoundException', ErrorMessage: expect.stringContaining('not a member') }]);
    expect(r.stderr).toMatch(/✗ user ghost: NotFoundException: /);
    expect(r.stderr).toContain('error: 1 of 4 members failed');
    const left = await w.ok('boss', ['membership', 'list', 'team', '-o', 'id']);
    expect(lines(left.stdout)).not.toContain(w.userArn('u2'));
  });

  it('--ignore-not-found makes absent members a note; --from-file - reads stdin', async () => {
    const r = await w.as('boss', ['membership', 'remove', 'team', '--from-file', '-', '--ignore-not-found', '--yes', '-o', 'id'], { stdin: 'u1\nu4\nu5\n' });
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)).toEqual([w.userArn('u4'), w.userArn('u5')]);
    expect(r.stderr).toContain('user u1 is not in channel team; nothing to do');
    expect(r.stderr).toContain('Removed 2 members from channel team');
  });

  it('one member: its error is the command error (254)', async () => {
    const r = await w.as('boss', ['membership', 'remove', 'team', 'ghost', '--yes']);
    expect(r.code).toBe(254);
    expect(r.stderr).toContain('error: DeleteChannelMembership: NotFoundException');
  });

  it('a member may leave on their own', async () => {
    const r = await w.ok('carol', ['membership', 'remove', 'team', 'carol', '--yes']);
    expect(r.stderr).toContain('Removed user carol from channel team');
  });
});

describe('bulk machinery (fake AWS)', () => {
  const APP = 'arn:aws:chime:us-east-1:123456789012:app-instance/fake';
  const throttled = () => new CliError('BatchCreateChannelMembership: ThrottledClientException: slow down', ExitCode.service, undefined, 'ThrottledClientException');

  function setup(stubs: Parameters<typeof fakeAws>[0], tty = false) {
    const io = testIO({ tty });
    const settings = resolveSettings({ output: 'json', appInstance: APP, as: 'boss' }, { XDG_CONFIG_HOME: '/nonexistent' }, tty);
    const aws = fakeAws(stubs, 'messaging');
    return { io, aws, deps: depsFor(io, settings, aws) };
  }

  it('retries a throttled batch with backoff, then reports success', async () => {
    let refusals = 2;
    const { io, aws, deps } = setup({
      ListChannelMemberships: () => ({ ChannelMemberships: [] }),
      BatchCreateChannelMembership: (input) => {
        if (refusals-- > 0) throw throttled();
        return { BatchChannelMemberships: { Members: input.MemberArns.map((Arn: string) => ({ Arn })) }, Errors: [] };
      },
    });
    const members = Array.from({ length: 11 }, (_, i) => `m${i}`);
    vi.useFakeTimers();
    try {
      const running = addMembers({ channel: 'c', members, type: 'DEFAULT' }, deps);
      await vi.runAllTimersAsync();
      expect(await running).toBe(0);
    } finally {
      vi.useRealTimers();
    }
    expect(aws.inputsOf('BatchCreateChannelMembership')).toHaveLength(3);
    expect(JSON.parse(io.stdout()).BatchChannelMemberships.Members).toHaveLength(11);
    aws.verify();
  });

  it('a batch still throttled after the retries fails each of its members (exit 1)', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    await expect(
      retryThrottled(async () => {
        calls++;
        throw throttled();
      }, async (ms) => void sleeps.push(ms)),
    ).rejects.toThrow(/ThrottledClientException/);
    expect(calls).toBe(6);
    // Backoff doubles: 200, 400, 800 ... ms, ±20%.
    sleeps.forEach((ms, i) => expect(ms / (200 * 2 ** i)).toBeGreaterThanOrEqual(0.8));
    sleeps.forEach((ms, i) => expect(ms / (200 * 2 ** i)).toBeLessThanOrEqual(1.2));
  });

  it('other errors are not retried', async () => {
    let calls = 0;
    const forbidden = new CliError('X: ForbiddenException: no', ExitCode.service, undefined, 'ForbiddenException');
    await expect(retryThrottled(async () => { calls++; throw forbidden; }, async () => {})).rejects.toBe(forbidden);
    expect(calls).toBe(1);
  });

  it('inPool keeps at most N in flight and stops on an unhandled error', async () => {
    let inFlight = 0;
    let peak = 0;
    const seen: number[] = [];
    await inPool(Array.from({ length: 20 }, (_, i) => i), 4, async (i) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 1));
      seen.push(i);
      inFlight--;
    });
    expect(peak).toBe(4);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    const started: number[] = [];
    await expect(inPool([1, 2, 3, 4, 5, 6], 1, async (i) => { started.push(i); if (i === 2) throw new Error('boom'); })).rejects.toThrow('boom');
    expect(started).toEqual([1, 2]);
  });

  it('the progress bar appears after its delay, redraws on stderr, and clears itself', () => {
    const io = testIO({ tty: true });
    let t = 0;
    const bar = progressBar(io, { total: 200, label: 'members', delayMs: 300, now: () => t });
    bar.advance(100);
    expect(io.stderr()).toBe('');
    t = 400;
    bar.advance(50);
    expect(io.stderr()).toContain('150/200 members');
    t = 450;
    bar.advance(10); // within 100 ms of the last draw: not redrawn
    expect(io.stderr()).not.toContain('160/200');
    bar.stop();
    expect(io.stderr().endsWith('\r\u001b[2K')).toBe(true);
  });

  it('no progress bar when stderr is not a terminal', async () => {
    const { io, deps } = setup({
      ListChannelMemberships: () => ({ ChannelMemberships: [] }),
      BatchCreateChannelMembership: (input) => ({ BatchChannelMemberships: { Members: input.MemberArns.map((Arn: string) => ({ Arn })) }, Errors: [] }),
    });
    await addMembers({ channel: 'c', members: Array.from({ length: 150 }, (_, i) => `m${i}`), type: 'DEFAULT' }, deps);
    expect(io.stderr()).not.toMatch(/\r|\u001b/);
  });
});
