// channel create/list/search/get/update/delete/expire/subchannels/mark-read against the emulator.
// Cast: admin1 (app instance admin), alice (creates and moderates), bob (member), carol (no
// membership anywhere).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv as emulatorEnv, type CliEnv as Env } from './harness.js';

let e: Env;
let app: string;
const run = (...args: string[]) => e.run(['--app-instance', app, ...args]);
const as = (who: string, ...args: string[]) => run('--as', who, ...args);
const lines = (s: string) => s.split('\n').filter(Boolean);
const arn = (id: string) => `${app}/channel/${id}`;
const requestsDuring = (action: () => Promise<unknown>) => e.requestsDuring(action);

beforeAll(async () => {
  e = await emulatorEnv();
  const r = await e.run(['app-instance', 'create', 'channels-test', '-o', 'id']);
  expect(r.code, r.stderr).toBe(0);
  app = r.stdout.trim();
  for (const id of ['admin1', 'alice', 'bob', 'carol']) expect((await run('user', 'create', id, '--name', id)).code).toBe(0);
  expect((await run('admin', 'add', 'admin1')).code).toBe(0);
});
afterAll(() => e?.close());

describe('channel create', () => {
  it('prints the new ARN (json and -o id), the caller moderates it, members are added', async () => {
    const r = await as('alice', 'channel', 'create', 'Ops', '--id', 'ops', '--privacy', 'PRIVATE', '--mode', 'RESTRICTED', '--member', 'bob', '--metadata', 'm1', '--tag', 'team=ops', '-o', 'json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual({ ChannelArn: arn('ops') });
    expect(r.stderr).toContain('Created channel Ops (ops)');

    const pub = await as('alice', 'channel', 'create', 'Lobby', '--id', 'lobby', '-o', 'id');
    expect(pub.code, pub.stderr).toBe(0);
    expect(pub.stdout).toBe(`${arn('lobby')}\n`);

    // Without --id the service names the channel.
    const gen = await as('alice', 'channel', 'create', 'Scratch', '-o', 'id');
    expect(gen.code, gen.stderr).toBe(0);
    expect(gen.stdout.startsWith(`${app}/channel/`)).toBe(true);

    const got = (await as('bob', 'channel', 'get', 'ops', '-o', 'json')).json().Channel;
    expect(got).toMatchObject({ Name: 'Ops', Privacy: 'PRIVATE', Mode: 'RESTRICTED', Metadata: 'm1', CreatedBy: { Arn: `${app}/user/alice` } });
    const tags = await run('tag', 'list', arn('ops'), '-o', 'json');
    expect(tags.json().Tags).toEqual([{ Key: 'team', Value: 'ops' }]);
  });

  it('an existing id fails (254) unless --if-not-exists, which needs --id', async () => {
    const again = await as('alice', 'channel', 'create', 'Ops', '--id', 'ops');
    expect(again.code).toBe(254);
    expect(again.stderr).toMatch(/error: CreateChannel: ConflictException: /);

    const idem = await as('alice', 'channel', 'create', 'Other name', '--id', 'ops', '--if-not-exists', '-o', 'id');
    expect(idem.code, idem.stderr).toBe(0);
    expect(idem.stdout).toBe(`${arn('ops')}\n`);
    expect(idem.stderr).toContain('already exists');
    expect((await as('alice', 'channel', 'get', 'ops', '-o', 'json')).json().Channel.Name).toBe('Ops');

    const noId = await as('alice', 'channel', 'create', 'Ops', '--if-not-exists');
    expect(noId.code).toBe(252);
    expect(noId.stderr).toContain('--if-not-exists needs --id');
  });

  it('--dry-run prints the planned CreateChannel and sends no write', async () => {
    let r: any;
    const requests = await requestsDuring(async () => {
      r = await as('alice', 'channel', 'create', 'Dry', '--id', 'dry', '--moderator', 'bot/b1', '--dry-run', '-o', 'json');
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual({
      dryRun: true,
      operations: [
        {
          operation: 'CreateChannel',
          input: { AppInstanceArn: app, Name: 'Dry', ChannelId: 'dry', ModeratorArns: [`${app}/bot/b1`], ChimeBearer: `${app}/user/alice` },
        },
      ],
    });
    expect(requests).toEqual([]);
  });

  it('checks counts, enums and limits at their edges before any call', async () => {
    const members = (n: number) => Array.from({ length: n }, (_, i) => ['--member', `m${i}`]).flat();
    const requests = await requestsDuring(async () => {
      const eleven = await as('alice', 'channel', 'create', 'X', ...members(11));
      expect(eleven.code).toBe(252);
      expect(eleven.stderr).toContain('--member given 11 times; CreateChannel takes at most 10');
      const badPrivacy = await as('alice', 'channel', 'create', 'X', '--privacy', 'SECRET');
      expect(badPrivacy.code).toBe(252);
      expect(badPrivacy.stderr).toMatch(/PUBLIC.*PRIVATE/);
      expect((await as('alice', 'channel', 'create', 'X', '--expire-days', '5476', '--expire-criterion', 'CREATED_TIMESTAMP')).code).toBe(252);
      expect((await as('alice', 'channel', 'create', 'X', '--expire-days', '0', '--expire-criterion', 'CREATED_TIMESTAMP')).code).toBe(252);
      const noCriterion = await as('alice', 'channel', 'create', 'X', '--expire-days', '30');
      expect(noCriterion.code).toBe(252);
      expect(noCriterion.stderr).toContain('missing --expire-criterion');
      expect((await as('alice', 'channel', 'create', 'X', '--max-subchannels', '1')).code).toBe(252);
      expect((await as('alice', 'channel', 'create', 'X', '--target-memberships', '1')).code).toBe(252);
      expect((await as('alice', 'channel', 'create', 'X', '--min-membership-pct', '41')).code).toBe(252);
      const emptyName = await as('alice', 'channel', 'create', '');
      expect(emptyName.code).toBe(252);
      expect(emptyName.stderr).toContain('the channel name must be 1-256 characters (got 0)');
      expect((await as('alice', 'channel', 'create', 'X', '--metadata', 'm'.repeat(1025))).stderr).toContain('--metadata must be 0-1024 characters (got 1025)');
      expect((await as('alice', 'channel', 'update', 'ops', '--name', 'n'.repeat(257))).code).toBe(252);
      const partial = await as('alice', 'channel', 'create', 'X', '--elastic', '--max-subchannels', '2');
      expect(partial.code).toBe(252);
      expect(partial.stderr).toContain('missing --target-memberships, --min-membership-pct');
    });
    expect(requests).toEqual([]);

    // The edges themselves pass: ten members, 5475 days, 2 sub-channels of 2, 40 %.
    for (const id of ['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9']) await run('user', 'create', id, '--name', id);
    const ten = await as(
      'alice', 'channel', 'create', 'Ten', '--id', 'ten', ...members(10), '--expire-days', '5475', '--expire-criterion', 'LAST_MESSAGE_TIMESTAMP',
      '--metadata', 'm'.repeat(1024), '-o', 'id',
    );
    expect(ten.code, ten.stderr).toBe(0);
    const tenGot = (await as('admin1', 'channel', 'get', 'ten', '-o', 'json')).json().Channel;
    expect(tenGot.ExpirationSettings).toEqual({ ExpirationDays: 5475, ExpirationCriterion: 'LAST_MESSAGE_TIMESTAMP' });
    const elastic = await as(
      'alice', 'channel', 'create', 'Town hall', '--id', 'town', '--elastic',
      '--max-subchannels', '2', '--target-memberships', '2', '--min-membership-pct', '40', '-o', 'id',
    );
    expect(elastic.code, elastic.stderr).toBe(0);
    const town = (await as('alice', 'channel', 'get', 'town', '-o', 'json')).json().Channel;
    expect(town.ElasticChannelConfiguration).toEqual({ MaximumSubChannels: 2, TargetMembershipsPerSubChannel: 2, MinimumMembershipPercentage: 40 });
  });

  it('without --as exits 253 naming --as, before any call', async () => {
    const requests = await requestsDuring(async () => {
      const r = await run('channel', 'create', 'X');
      expect(r.code).toBe(253);
      expect(r.stderr).toContain('--as');
    });
    expect(requests).toEqual([]);
  });
});

describe('channel list', () => {
  it('lists public channels to a user, all of them to an admin; -o id, --privacy', async () => {
    const mine = await as('carol', 'channel', 'list', '-o', 'id');
    expect(mine.code, mine.stderr).toBe(0);
    expect(lines(mine.stdout)).toContain(arn('lobby'));
    expect(lines(mine.stdout)).not.toContain(arn('ops'));

    const all = await as('admin1', 'channel', 'ls', '-o', 'id');
    expect(lines(all.stdout)).toEqual(expect.arrayContaining([arn('ops'), arn('lobby')]));
    const priv = await as('admin1', 'channel', 'list', '--privacy', 'PRIVATE', '-o', 'id');
    expect(lines(priv.stdout)).toEqual([arn('ops')]);
  });

  it('a non-admin asking for PRIVATE channels exits 254 with the service error', async () => {
    const r = await as('carol', 'channel', 'list', '--privacy', 'PRIVATE');
    expect(r.code).toBe(254);
    expect(r.stderr).toMatch(/error: ListChannels: ForbiddenException: /);
  });

  it('--query runs on the API response; text shows the columns', async () => {
    const q = await as('admin1', 'channel', 'list', '--query', "Channels[?Privacy=='PRIVATE'].Name", '-o', 'json');
    expect(q.code, q.stderr).toBe(0);
    expect(q.json()).toEqual(['Ops']);
    const t = await as('admin1', 'channel', 'list', '--privacy', 'PRIVATE', '-o', 'text');
    expect(t.stdout.split('\t').slice(0, 4)).toEqual(['ops', 'Ops', 'RESTRICTED', 'PRIVATE']);
  });

  it('pages with --page-size, stops at --max-items with a NextToken, and the page size is bounded', async () => {
    const total = lines((await as('admin1', 'channel', 'list', '-o', 'id')).stdout).length;
    const paged = await requestsDuring(async () => {
      const r = await as('admin1', 'channel', 'list', '--page-size', '2', '-o', 'id');
      expect(lines(r.stdout)).toHaveLength(total);
    });
    expect(paged.filter((r) => r === 'messaging.ListChannels 200').length).toBe(Math.ceil(total / 2));
    const m = await as('admin1', 'channel', 'list', '--max-items', '1', '-o', 'json');
    expect(m.json().Channels).toHaveLength(1);
    expect(typeof m.json().NextToken).toBe('string');
    const rest = await as('admin1', 'channel', 'list', '--starting-token', m.json().NextToken, '-o', 'json');
    expect(rest.json().Channels).toHaveLength(total - 1);
    expect((await as('admin1', 'channel', 'list', '--page-size', '50', '-o', 'id')).code).toBe(0);
    expect((await as('admin1', 'channel', 'list', '--page-size', '51')).code).toBe(252);
  });

  it('--member lists the channels of a member with the membership', async () => {
    const r = await as('bob', 'channel', 'list', '--member', 'bob', '-o', 'json');
    expect(r.code, r.stderr).toBe(0);
    const items = r.json().ChannelMemberships;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ ChannelSummary: { ChannelArn: arn('ops'), Name: 'Ops' }, AppInstanceUserMembershipSummary: { Type: 'DEFAULT' } });
    const ids = await as('bob', 'channel', 'list', '--member', 'bob', '-o', 'id');
    expect(ids.stdout).toBe(`${arn('ops')}\n`);
    // Another user's channels: admins only.
    const other = await as('carol', 'channel', 'list', '--member', 'bob');
    expect(other.code).toBe(254);
    expect(other.stderr).toContain('ForbiddenException');
    expect((await as('admin1', 'channel', 'list', '--member', 'bob', '-o', 'id')).stdout).toBe(`${arn('ops')}\n`);
  });

  it('--moderator lists the channels a user moderates', async () => {
    const r = await as('alice', 'channel', 'list', '--moderator', 'alice', '-o', 'json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().Channels.map((c: any) => c.ChannelSummary.ChannelArn)).toEqual(expect.arrayContaining([arn('ops'), arn('lobby'), arn('town')]));
    const none = await as('bob', 'channel', 'list', '--moderator', 'bob', '-o', 'text');
    expect(none.code, none.stderr).toBe(0);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('No channels found.');
  });

  it('scopes do not combine', async () => {
    const r = await as('admin1', 'channel', 'list', '--member', 'bob', '--moderator', 'alice');
    expect(r.code).toBe(252);
    expect((await as('admin1', 'channel', 'list', '--member', 'bob', '--privacy', 'PUBLIC')).code).toBe(252);
  });
});

describe('channel search', () => {
  it('finds channels by members; EQUALS needs the exact set', async () => {
    const r = await as('admin1', 'channel', 'search', '--member', 'bob', '-o', 'id');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${arn('ops')}\n`);
    const exact = await as('admin1', 'channel', 'search', '--member', 'bob', '--operator', 'EQUALS', '-o', 'id');
    expect(exact.stdout).toBe(`${arn('ops')}\n`);
    // m0 is one of ten members of Ten: included, but not the exact set.
    expect((await as('admin1', 'channel', 'search', '--member', 'm0', '-o', 'id')).stdout).toBe(`${arn('ten')}\n`);
    const j = await as('admin1', 'channel', 'search', '--member', 'm0', '--operator', 'EQUALS', '-o', 'json');
    expect(j.json()).toEqual({ Channels: [] });
    const q = await as('admin1', 'channel', 'search', '--member', 'm0', '--member', 'm9', '--query', 'Channels[].Name', '-o', 'json');
    expect(q.json()).toEqual(['Ten']);
    const many = Array.from({ length: 21 }, () => ['--member', 'bob']).flat();
    expect((await as('admin1', 'channel', 'search', ...many)).code).toBe(252);
    expect((await as('admin1', 'channel', 'search', '--member', 'bob', '--operator', 'LIKE')).code).toBe(252);
  });
});

describe('channel get', () => {
  it('describes a channel by id or ARN; -o id prints the ARN', async () => {
    const r = await as('alice', 'channel', 'get', 'ops', '-o', 'id');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${arn('ops')}\n`);
    const byArn = await e.run(['--as', `${app}/user/alice`, 'channel', 'get', arn('ops'), '--query', 'Channel.Mode', '-o', 'json']);
    expect(byArn.code, byArn.stderr).toBe(0);
    expect(byArn.json()).toBe('RESTRICTED');
  });

  it('--membership-of and --moderated-by describe the relation', async () => {
    const m = await as('bob', 'channel', 'get', 'ops', '--membership-of', 'bob', '-o', 'json');
    expect(m.code, m.stderr).toBe(0);
    expect(m.json().ChannelMembership).toMatchObject({ ChannelSummary: { ChannelArn: arn('ops') }, AppInstanceUserMembershipSummary: { Type: 'DEFAULT' } });
    expect((await as('bob', 'channel', 'get', 'ops', '--membership-of', 'bob', '-o', 'id')).stdout).toBe(`${arn('ops')}\n`);

    const mod = await as('alice', 'channel', 'get', 'ops', '--moderated-by', 'alice', '-o', 'json');
    expect(mod.code, mod.stderr).toBe(0);
    expect(mod.json().Channel.ChannelSummary).toMatchObject({ ChannelArn: arn('ops'), Name: 'Ops' });
    expect((await as('alice', 'channel', 'get', 'ops', '--moderated-by', 'alice', '-o', 'id')).stdout).toBe(`${arn('ops')}\n`);

    expect((await as('alice', 'channel', 'get', 'ops', '--moderated-by', 'alice', '--membership-of', 'bob')).code).toBe(252);
  });

  it('a non-member cannot describe a PRIVATE channel (254, ForbiddenException)', async () => {
    const r = await as('carol', 'channel', 'get', 'ops');
    expect(r.code, r.stdout).toBe(254);
    expect(r.stderr).toMatch(/error: DescribeChannel: ForbiddenException: /);
    expect(r.stdout).toBe('');
  });

  it('a missing channel is 254 NotFound; no --as is 253', async () => {
    const r = await as('admin1', 'channel', 'get', 'nope');
    expect(r.code).toBe(254);
    expect(r.stderr).toContain('NotFoundException');
    const noAs = await run('channel', 'get', 'ops');
    expect(noAs.code).toBe(253);
    expect(noAs.stderr).toContain('CHATCTL_AS');
  });
});

describe('channel update', () => {
  it('changes only what is given', async () => {
    const r = await as('alice', 'channel', 'update', 'ops', '--name', 'Operations', '-o', 'json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual({ ChannelArn: arn('ops') });
    expect(r.stderr).toContain('Updated channel ops');
    const got = (await as('alice', 'channel', 'get', 'ops', '-o', 'json')).json().Channel;
    expect(got).toMatchObject({ Name: 'Operations', Mode: 'RESTRICTED', Metadata: 'm1' });

    const mode = await as('alice', 'channel', 'update', 'ops', '--mode', 'UNRESTRICTED', '-o', 'id');
    expect(mode.stdout).toBe(`${arn('ops')}\n`);
    expect((await as('alice', 'channel', 'get', 'ops', '-o', 'json')).json().Channel.Mode).toBe('UNRESTRICTED');
  });

  it('nothing to update is 252; a plain member is forbidden (254); --dry-run sends nothing', async () => {
    expect((await as('alice', 'channel', 'update', 'ops')).code).toBe(252);
    const member = await as('bob', 'channel', 'update', 'ops', '--name', 'Mine');
    expect(member.code).toBe(254);
    expect(member.stderr).toMatch(/error: UpdateChannel: ForbiddenException: /);
    const requests = await requestsDuring(async () => {
      const d = await as('alice', 'channel', 'update', 'ops', '--metadata', 'm2', '--dry-run', '-o', 'json');
      expect(d.json().operations).toEqual([{ operation: 'UpdateChannel', input: { ChannelArn: arn('ops'), Metadata: 'm2', ChimeBearer: `${app}/user/alice` } }]);
    });
    expect(requests).toEqual([]);
  });
});

describe('channel expire', () => {
  it('sets and clears the expiration', async () => {
    const r = await as('alice', 'channel', 'expire', 'lobby', '--days', '1', '--criterion', 'CREATED_TIMESTAMP', '-o', 'json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual({ ChannelArn: arn('lobby'), ExpirationSettings: { ExpirationDays: 1, ExpirationCriterion: 'CREATED_TIMESTAMP' } });
    expect(r.stderr).toContain('Channel lobby expires 1 days after its CREATED_TIMESTAMP');
    const cleared = await as('alice', 'channel', 'expire', 'lobby', '--clear', '-o', 'id');
    expect(cleared.code, cleared.stderr).toBe(0);
    expect(cleared.stdout).toBe(`${arn('lobby')}\n`);
    expect((await as('alice', 'channel', 'get', 'lobby', '-o', 'json')).json().Channel.ExpirationSettings).toBeUndefined();
  });

  it('needs days and criterion together, or --clear alone', async () => {
    const requests = await requestsDuring(async () => {
      expect((await as('alice', 'channel', 'expire', 'lobby')).code).toBe(252);
      expect((await as('alice', 'channel', 'expire', 'lobby', '--days', '5')).stderr).toContain('missing --criterion');
      expect((await as('alice', 'channel', 'expire', 'lobby', '--clear', '--days', '5', '--criterion', 'CREATED_TIMESTAMP')).code).toBe(252);
      expect((await as('alice', 'channel', 'expire', 'lobby', '--days', '5476', '--criterion', 'CREATED_TIMESTAMP')).code).toBe(252);
      expect((await as('alice', 'channel', 'expire', 'lobby', '--days', '1', '--criterion', 'NEVER')).code).toBe(252);
    });
    expect(requests).toEqual([]);
  });
});

describe('channel subchannels', () => {
  it('lists the sub-channels of an elastic channel', async () => {
    const r = await as('alice', 'channel', 'subchannels', 'town', '-o', 'json');
    expect(r.code, r.stderr).toBe(0);
    expect(Array.isArray(r.json().SubChannels)).toBe(true);
    for (const s of r.json().SubChannels) expect(typeof s.SubChannelId).toBe('string');
    const ids = await as('alice', 'channel', 'subchannels', 'town', '-o', 'id');
    expect(lines(ids.stdout)).toEqual(r.json().SubChannels.map((s: any) => s.SubChannelId));
  });

  it('a plain user may not list them (254)', async () => {
    const r = await as('carol', 'channel', 'subchannels', 'town');
    expect(r.code).toBe(254);
    expect(r.stderr).toContain('ForbiddenException');
  });
});

describe('channel mark-read', () => {
  it("moves the member's read marker", async () => {
    const r = await as('bob', 'channel', 'mark-read', 'ops', '-o', 'json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual({ ChannelArn: arn('ops') });
    expect(r.stderr).toContain('Marked channel ops read');
    const m = (await as('bob', 'channel', 'get', 'ops', '--membership-of', 'bob', '-o', 'json')).json();
    expect(m.ChannelMembership.AppInstanceUserMembershipSummary.ReadMarkerTimestamp).toBeDefined();
  });

  it('a non-member cannot (254)', async () => {
    const r = await as('carol', 'channel', 'mark-read', 'ops');
    expect(r.code).toBe(254);
    expect(r.stderr).toMatch(/error: UpdateChannelReadMarker: ForbiddenException: /);
  });
});

describe('channel delete', () => {
  it('refuses without --yes when it cannot ask, and deletes nothing', async () => {
    const requests = await requestsDuring(async () => {
      const r = await as('alice', 'channel', 'delete', 'lobby');
      expect(r.code).toBe(252);
      expect(r.stderr).toContain('refusing to delete channel lobby without confirmation');
    });
    expect(requests).toEqual([]);
  });

  it('asks on a terminal; no answer keeps the channel', async () => {
    const kept = await e.run(['--app-instance', app, '--as', 'alice', 'channel', 'delete', 'lobby'], { tty: true, answers: ['n'] });
    expect(kept.code).toBe(252);
    expect((await as('alice', 'channel', 'get', 'lobby')).code).toBe(0);
    const yes = await e.run(['--app-instance', app, '--as', 'alice', 'channel', 'delete', 'lobby'], { tty: true, answers: ['y'] });
    expect(yes.code, yes.stderr).toBe(0);
    expect((await as('alice', 'channel', 'get', 'lobby')).code).toBe(254);
  });

  it('--dry-run sends no DeleteChannel', async () => {
    const requests = await requestsDuring(async () => {
      const d = await as('alice', 'channel', 'delete', 'ten', '--dry-run', '-o', 'json');
      expect(d.code, d.stderr).toBe(0);
      expect(d.json().operations).toEqual([{ operation: 'DeleteChannel', input: { ChannelArn: arn('ten'), ChimeBearer: `${app}/user/alice` } }]);
    });
    expect(requests).toEqual([]);
  });

  it('a plain member may not delete (254)', async () => {
    const r = await as('bob', 'channel', 'delete', 'ops', '--yes');
    expect(r.code).toBe(254);
    expect(r.stderr).toMatch(/error: DeleteChannel: ForbiddenException: /);
  });

  it('deletes several, reports each, exit 1 when one failed; --ignore-not-found', async () => {
    const r = await as('alice', 'channel', 'delete', 'ten', 'nope', 'town', '--yes');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('✓ Deleted channel ten');
    expect(r.stderr).toMatch(/✗ channel nope: .*NotFoundException/);
    expect(r.stderr).toContain('✓ Deleted channel town');
    expect(r.stderr).toContain('1 of 3 channels failed');

    const gone = await as('alice', 'channel', 'rm', 'ten', '--yes', '--ignore-not-found');
    expect(gone.code, gone.stderr).toBe(0);
    expect(gone.stderr).toContain('channel ten not found; nothing to do');
    expect((await as('alice', 'channel', 'delete', 'ten', '--yes')).code).toBe(254);
  });
});
