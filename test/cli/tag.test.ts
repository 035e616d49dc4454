// tag list/add/remove on identity, messaging and IVS Chat ARNs against the emulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChimeSDKMessagingClient, CreateChannelCommand } from '@aws-sdk/client-chime-sdk-messaging';
import { CreateRoomCommand, IvschatClient } from '@aws-sdk/client-ivschat';
import { LOCAL_CREDENTIALS } from '../../src/context/settings.js';
import { cliEnv as emulatorEnv, type CliEnv as Env } from './harness.js';

let e: Env;
let app: string;
let user: string;
const lines = (s: string) => s.split('\n').filter(Boolean);
const sdkConfig = () => ({ endpoint: e.url, region: 'us-east-1', credentials: LOCAL_CREDENTIALS });

beforeAll(async () => {
  // This file also calls the SDK in-process (to make a channel and a room).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  e = await emulatorEnv();
  const r = await e.run(['app-instance', 'create', 'tag-test', '--tag', 'env=test', '-o', 'id']);
  expect(r.code, r.stderr).toBe(0);
  app = r.stdout.trim();
  const u = await e.run(['--app-instance', app, 'user', 'create', 'alice', '--name', 'Alice', '--tag', 'team=chat', '-o', 'id']);
  expect(u.code, u.stderr).toBe(0);
  user = u.stdout.trim();
});
afterAll(() => e?.close());

describe('tag on Chime identity ARNs', () => {
  it('list shows tags given at create time, in the API shape', async () => {
    const a = await e.run(['tag', 'list', app, '-o', 'json']);
    expect(a.code, a.stderr).toBe(0);
    expect(a.json()).toEqual({ Tags: [{ Key: 'env', Value: 'test' }] });
    const u = await e.run(['tag', 'list', user, '-o', 'json']);
    expect(u.json()).toEqual({ Tags: [{ Key: 'team', Value: 'chat' }] });
  });

  it('add sets tags and prints the resulting set', async () => {
    const r = await e.run(['tag', 'add', user, 'owner=ops', 'team=core', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const tags = r.json().Tags;
    expect(tags.sort((x: any, y: any) => x.Key.localeCompare(y.Key))).toEqual([
      { Key: 'owner', Value: 'ops' },
      { Key: 'team', Value: 'core' },
    ]);
    const again = await e.run(['tag', 'list', user, '-o', 'json']);
    expect(again.json().Tags).toHaveLength(2);
  });

  it('table and text views are KEY VALUE rows; -o id prints keys; --query filters', async () => {
    const t = await e.run(['tag', 'list', user, '-o', 'table']);
    expect(t.code, t.stderr).toBe(0);
    const rows = lines(t.stdout).map((l) => l.split(/\s{2,}/));
    expect(rows[0]).toEqual(['KEY', 'VALUE']);
    expect(rows.slice(1).sort()).toEqual([['owner', 'ops'], ['team', 'core']]);
    const text = await e.run(['tag', 'list', user, '-o', 'text']);
    expect(lines(text.stdout).sort()).toEqual(['owner\tops', 'team\tcore']);
    const ids = await e.run(['tag', 'list', user, '-o', 'id']);
    expect(lines(ids.stdout).sort()).toEqual(['owner', 'team']);
    const q = await e.run(['tag', 'list', user, '--query', "Tags[?Key=='owner'].Value | [0]", '-o', 'json']);
    expect(q.json()).toBe('ops');
  });

  it('add --dry-run plans TagResource and changes nothing', async () => {
    const d = await e.run(['tag', 'add', user, 'x=y', '--dry-run', '-o', 'json']);
    expect(d.code, d.stderr).toBe(0);
    expect(d.json()).toEqual({ dryRun: true, operations: [{ operation: 'TagResource', input: { ResourceARN: user, Tags: [{ Key: 'x', Value: 'y' }] } }] });
    expect((await e.run(['tag', 'list', user, '-o', 'id'])).stdout).not.toContain('x');
  });

  it('remove drops keys and prints what is left', async () => {
    const r = await e.run(['tag', 'rm', user, 'owner', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual({ Tags: [{ Key: 'team', Value: 'core' }] });
    const empty = await e.run(['tag', 'remove', user, 'team', '-o', 'table']);
    expect(empty.code, empty.stderr).toBe(0);
    expect(empty.stdout).toBe('');
    expect(empty.stderr).toContain('No tags found.');
    expect((await e.run(['tag', 'list', user, '-o', 'json'])).json()).toEqual({ Tags: [] });
  });

  it('bad ARNs and bad pairs are usage errors', async () => {
    expect((await e.run(['tag', 'list', 'arn:aws:s3:::bucket'])).code).toBe(252);
    expect((await e.run(['tag', 'list', 'alice'])).code).toBe(252);
    expect((await e.run(['tag', 'add', user, 'novalue'])).code).toBe(252);
    expect((await e.run(['tag', 'add', user])).code).toBe(252);
    expect((await e.run(['tag', 'remove', user])).code).toBe(252);
  });
});

// Channel ARNs go to the messaging service (test/unit/tag-target.test.ts), on the same Chime
// tag routes as identity ARNs: the emulator decides by the ARN's resource type.
describe('tag on Chime messaging ARNs', () => {
  it('add, list and remove tags on a channel', async () => {
    const chime = new ChimeSDKMessagingClient(sdkConfig());
    const { ChannelArn } = await chime.send(
      new CreateChannelCommand({ AppInstanceArn: app, Name: 'tagged', ChimeBearer: user, Tags: [{ Key: 'topic', Value: 'ops' }] }),
    );
    const a = await e.run(['tag', 'add', ChannelArn!, 'tier=gold', '-o', 'json']);
    expect(a.code, a.stderr).toBe(0);
    expect(a.json()).toEqual({ Tags: [{ Key: 'topic', Value: 'ops' }, { Key: 'tier', Value: 'gold' }] });
    const r = await e.run(['tag', 'remove', ChannelArn!, 'topic', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual({ Tags: [{ Key: 'tier', Value: 'gold' }] });
    expect((await e.run(['tag', 'list', ChannelArn!, '-o', 'json'])).json()).toEqual({ Tags: [{ Key: 'tier', Value: 'gold' }] });
    // The user's own tags are untouched: the two services keep tags per ARN.
    expect((await e.run(['tag', 'list', user, '-o', 'json'])).json().Tags).not.toContainEqual({ Key: 'tier', Value: 'gold' });
    expect((await e.run(['tag', 'list', `${app}/channel/missing`])).code).toBe(254);
  });
});

describe('tag on IVS Chat ARNs', () => {
  let room: string;

  beforeAll(async () => {
    const client = new IvschatClient(sdkConfig());
    const out = await client.send(new CreateRoomCommand({ name: 'lobby', tags: { stage: 'beta' } }));
    room = out.arn!;
  });

  it('list prints the IVS shape (a tags map)', async () => {
    const r = await e.run(['tag', 'list', room, '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual({ tags: { stage: 'beta' } });
  });

  it('add and remove', async () => {
    const a = await e.run(['tag', 'add', room, 'owner=ops', 'stage=ga', '-o', 'json']);
    expect(a.code, a.stderr).toBe(0);
    expect(a.json()).toEqual({ tags: { stage: 'ga', owner: 'ops' } });

    const d = await e.run(['tag', 'remove', room, 'owner', '--dry-run', '-o', 'json']);
    expect(d.json()).toEqual({ dryRun: true, operations: [{ operation: 'UntagResource', input: { resourceArn: room, tagKeys: ['owner'] } }] });

    const r = await e.run(['tag', 'remove', room, 'owner', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual({ tags: { stage: 'ga' } });

    const t = await e.run(['tag', 'list', room, '-o', 'table']);
    expect(lines(t.stdout).map((l) => l.split(/\s{2,}/))).toEqual([['KEY', 'VALUE'], ['stage', 'ga']]);
  });

  it('a missing room is a service error (254)', async () => {
    const r = await e.run(['tag', 'list', room.replace(/[^/]+$/, 'AAAAAAAAAAAA')]);
    expect(r.code).toBe(254);
  });
});
