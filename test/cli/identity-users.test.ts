// user create/list/get/update/delete/expire and user endpoint ... against the emulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv as emulatorEnv, type CliEnv as Env } from './harness.js';

let e: Env;
let app: string;
const run = (...args: string[]) => e.run(['--app-instance', app, ...args]);
const lines = (s: string) => s.split('\n').filter(Boolean);

beforeAll(async () => {
  e = await emulatorEnv();
  const r = await e.run(['app-instance', 'create', 'users-test', '-o', 'id']);
  expect(r.code, r.stderr).toBe(0);
  app = r.stdout.trim();
});
afterAll(() => e?.close());

describe('user', () => {
  it('create prints the new ARN (json and -o id) and a confirmation on stderr', async () => {
    const r = await run('user', 'create', 'alice', '--name', 'Alice', '--metadata', 'm1', '-o', 'json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual({ AppInstanceUserArn: `${app}/user/alice` });
    expect(r.stderr).toContain('Created user alice');

    const b = await run('user', 'create', 'bob', '--name', 'Bob', '-o', 'id');
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toBe(`${app}/user/bob\n`);
  });

  it('create of an existing id fails (254) unless --if-not-exists', async () => {
    const again = await run('user', 'create', 'alice', '--name', 'Alice', '-o', 'json');
    expect(again.code).toBe(254);
    expect(again.stderr).toMatch(/CreateAppInstanceUser: \w+Exception/);

    const idem = await run('user', 'create', 'alice', '--name', 'Other', '--if-not-exists', '-o', 'id');
    expect(idem.code, idem.stderr).toBe(0);
    expect(idem.stdout).toBe(`${app}/user/alice\n`);
    expect(idem.stderr).toContain('already exists');
    const got = await run('user', 'get', 'alice', '-o', 'json');
    expect(got.json().AppInstanceUser.Name).toBe('Alice');
  });

  it('list shows created users in json, -o id, --query and text', async () => {
    const j = await run('user', 'list', '-o', 'json');
    expect(j.code, j.stderr).toBe(0);
    const users = j.json().AppInstanceUsers;
    expect(users.map((u: any) => u.Name).sort()).toEqual(['Alice', 'Bob']);
    expect(users.find((u: any) => u.Name === 'Alice')).toMatchObject({ AppInstanceUserArn: `${app}/user/alice`, Metadata: 'm1' });

    const ids = await run('user', 'ls', '-o', 'id');
    expect(lines(ids.stdout).sort()).toEqual([`${app}/user/alice`, `${app}/user/bob`]);

    const q = await run('user', 'list', '--query', "AppInstanceUsers[?Name=='Bob'].AppInstanceUserArn", '-o', 'json');
    expect(q.code, q.stderr).toBe(0);
    expect(q.json()).toEqual([`${app}/user/bob`]);

    const t = await run('user', 'list', '-o', 'text');
    expect(lines(t.stdout).map((l) => l.split('\t')[0]).sort()).toEqual(['alice', 'bob']);
  });

  it('list pages with --page-size and stops at --max-items', async () => {
    const r = await run('user', 'list', '--page-size', '1', '-o', 'id');
    expect(lines(r.stdout)).toHaveLength(2);
    const m = await run('user', 'list', '--max-items', '1', '-o', 'json');
    expect(m.json().AppInstanceUsers).toHaveLength(1);
    expect(typeof m.json().NextToken).toBe('string');
    const bad = await run('user', 'list', '--page-size', '51');
    expect(bad.code).toBe(252);
  });

  it('get prints the Describe output, by id or ARN', async () => {
    const r = await run('user', 'get', 'alice', '-o', 'json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().AppInstanceUser).toMatchObject({ AppInstanceUserArn: `${app}/user/alice`, Name: 'Alice', Metadata: 'm1' });
    const byArn = await e.run(['user', 'get', `${app}/user/bob`, '-o', 'id']);
    expect(byArn.code, byArn.stderr).toBe(0);
    expect(byArn.stdout).toBe(`${app}/user/bob\n`);
  });

  it('get of a missing user exits 254 with NotFoundException', async () => {
    const r = await run('user', 'get', 'nobody');
    expect(r.code).toBe(254);
    expect(r.stderr).toContain('NotFoundException');
  });

  it('a short id without an app instance is a configuration error (253)', async () => {
    const r = await e.run(['user', 'get', 'alice']);
    expect(r.code).toBe(253);
  });

  it('update resends the unchanged field', async () => {
    const n = await run('user', 'update', 'alice', '--name', 'Alice Two', '-o', 'json');
    expect(n.code, n.stderr).toBe(0);
    expect(n.json()).toEqual({ AppInstanceUserArn: `${app}/user/alice` });
    let got = (await run('user', 'get', 'alice', '-o', 'json')).json().AppInstanceUser;
    expect(got).toMatchObject({ Name: 'Alice Two', Metadata: 'm1' });

    const m = await run('user', 'update', 'alice', '--metadata', 'm2');
    expect(m.code, m.stderr).toBe(0);
    got = (await run('user', 'get', 'alice', '-o', 'json')).json().AppInstanceUser;
    expect(got).toMatchObject({ Name: 'Alice Two', Metadata: 'm2' });
  });

  it('update --dry-run plans the call and changes nothing; no flags is a usage error', async () => {
    const d = await run('user', 'update', 'alice', '--name', 'Changed', '--dry-run', '-o', 'json');
    expect(d.code, d.stderr).toBe(0);
    expect(d.json()).toEqual({
      dryRun: true,
      operations: [{ operation: 'UpdateAppInstanceUser', input: { AppInstanceUserArn: `${app}/user/alice`, Name: 'Changed', Metadata: 'm2' } }],
    });
    expect(d.stderr).toContain('dry run: no changes made');
    expect((await run('user', 'get', 'alice', '-o', 'json')).json().AppInstanceUser.Name).toBe('Alice Two');

    const none = await run('user', 'update', 'alice');
    expect(none.code).toBe(252);
  });

  it('create --expire-days sets ExpirationSettings; out-of-range days are refused before any call', async () => {
    const r = await run('user', 'create', 'carol', '--name', 'Carol', '--expire-days', '30', '-o', 'json');
    expect(r.code, r.stderr).toBe(0);
    const got = (await run('user', 'get', 'carol', '-o', 'json')).json().AppInstanceUser;
    expect(got.ExpirationSettings).toEqual({ ExpirationDays: 30, ExpirationCriterion: 'CREATED_TIMESTAMP' });

    for (const days of ['0', '5476', 'ten']) {
      const bad = await run('user', 'create', 'dave', '--name', 'Dave', '--expire-days', days);
      expect(bad.code, days).toBe(252);
    }
    expect((await run('user', 'get', 'dave')).code).toBe(254);
  });

  it('expire --days / --clear', async () => {
    const s = await run('user', 'expire', 'bob', '--days', '10', '-o', 'json');
    expect(s.code, s.stderr).toBe(0);
    expect(s.json()).toMatchObject({ AppInstanceUserArn: `${app}/user/bob`, ExpirationSettings: { ExpirationDays: 10, ExpirationCriterion: 'CREATED_TIMESTAMP' } });
    expect((await run('user', 'get', 'bob', '-o', 'json')).json().AppInstanceUser.ExpirationSettings).toEqual({
      ExpirationDays: 10,
      ExpirationCriterion: 'CREATED_TIMESTAMP',
    });

    const dry = await run('user', 'expire', 'bob', '--clear', '--dry-run', '-o', 'json');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.json().operations[0]).toEqual({ operation: 'PutAppInstanceUserExpirationSettings', input: { AppInstanceUserArn: `${app}/user/bob` } });
    expect((await run('user', 'get', 'bob', '-o', 'json')).json().AppInstanceUser.ExpirationSettings?.ExpirationDays).toBe(10);

    const c = await run('user', 'expire', 'bob', '--clear');
    expect(c.code, c.stderr).toBe(0);
    expect((await run('user', 'get', 'bob', '-o', 'json')).json().AppInstanceUser.ExpirationSettings).toBeUndefined();

    for (const args of [[], ['--days', '5', '--clear'], ['--days', '0'], ['--days', '5476']]) {
      const bad = await run('user', 'expire', 'bob', ...args);
      expect(bad.code, args.join(' ')).toBe(252);
    }
  });

  it('delete needs --yes without a terminal, honours --dry-run, then deletes', async () => {
    const refused = await run('user', 'delete', 'carol');
    expect(refused.code).toBe(252);
    expect(refused.stderr).toContain('refusing to delete user carol without confirmation');
    expect((await run('user', 'get', 'carol')).code).toBe(0);

    const dry = await run('user', 'delete', 'carol', '--dry-run', '-o', 'json');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.json().operations).toEqual([{ operation: 'DeleteAppInstanceUser', input: { AppInstanceUserArn: `${app}/user/carol` } }]);
    expect((await run('user', 'get', 'carol')).code).toBe(0);

    const del = await run('user', 'rm', 'carol', '--yes');
    expect(del.code, del.stderr).toBe(0);
    expect(del.stdout).toBe('');
    const gone = await run('user', 'get', 'carol');
    expect(gone.code).toBe(254);
    expect(gone.stderr).toContain('NotFoundException');
    expect(lines((await run('user', 'list', '-o', 'id')).stdout)).not.toContain(`${app}/user/carol`);

    expect((await run('user', 'delete', 'carol', '--yes')).code).toBe(254);
    const ignored = await run('user', 'delete', 'carol', '--yes', '--ignore-not-found');
    expect(ignored.code, ignored.stderr).toBe(0);
    expect(ignored.stderr).toContain('not found; nothing to do');
  });
});

describe('user endpoint', () => {
  const PINPOINT = 'arn:aws:mobiletargeting:us-east-1:123456789012:apps/0123456789abcdef0123456789abcdef';
  let endpointId: string;

  it('register prints the endpoint id', async () => {
    const r = await run('user', 'endpoint', 'register', 'alice', '--type', 'GCM', '--resource-arn', PINPOINT, '--device-token', 'tok-1', '--name', 'phone', '-o', 'json');
    expect(r.code, r.stderr).toBe(0);
    const out = r.json();
    expect(out.AppInstanceUserArn).toBe(`${app}/user/alice`);
    expect(typeof out.EndpointId).toBe('string');
    endpointId = out.EndpointId;

    const id = await run('user', 'endpoint', 'register', 'alice', '--type', 'APNS', '--resource-arn', PINPOINT, '--device-token', 'tok-2', '--voip-token', 'voip-2', '--allow-messages', 'NONE', '-o', 'id');
    expect(id.code, id.stderr).toBe(0);
    expect(lines(id.stdout)).toHaveLength(1);
  });

  it('register validates --type and required flags before any call', async () => {
    expect((await run('user', 'endpoint', 'register', 'alice', '--type', 'SMS', '--resource-arn', PINPOINT, '--device-token', 't')).code).toBe(252);
    expect((await run('user', 'endpoint', 'register', 'alice', '--type', 'GCM', '--resource-arn', PINPOINT)).code).toBe(252);
    expect((await run('user', 'endpoint', 'register', 'alice', '--resource-arn', PINPOINT, '--device-token', 't')).code).toBe(252);
  });

  it('list and get show the registered endpoints', async () => {
    const l = await run('user', 'endpoint', 'list', 'alice', '-o', 'json');
    expect(l.code, l.stderr).toBe(0);
    const eps = l.json().AppInstanceUserEndpoints;
    expect(eps).toHaveLength(2);
    expect(eps.find((x: any) => x.EndpointId === endpointId)).toMatchObject({ Name: 'phone', Type: 'GCM', AppInstanceUserArn: `${app}/user/alice` });

    const ids = await run('user', 'endpoint', 'list', 'alice', '-o', 'id');
    expect(lines(ids.stdout)).toContain(endpointId);

    const g = await run('user', 'endpoint', 'get', 'alice', endpointId, '-o', 'json');
    expect(g.code, g.stderr).toBe(0);
    expect(g.json().AppInstanceUserEndpoint).toMatchObject({
      EndpointId: endpointId,
      Name: 'phone',
      Type: 'GCM',
      ResourceArn: PINPOINT,
      EndpointAttributes: { DeviceToken: 'tok-1' },
    });

    const none = await run('user', 'endpoint', 'list', 'bob', '-o', 'json');
    expect(none.json()).toEqual({ AppInstanceUserEndpoints: [] });
  });

  it('update changes only what is given', async () => {
    const u = await run('user', 'endpoint', 'update', 'alice', endpointId, '--allow-messages', 'NONE', '-o', 'json');
    expect(u.code, u.stderr).toBe(0);
    expect(u.json()).toMatchObject({ EndpointId: endpointId });
    const g = (await run('user', 'endpoint', 'get', 'alice', endpointId, '-o', 'json')).json().AppInstanceUserEndpoint;
    expect(g).toMatchObject({ AllowMessages: 'NONE', Name: 'phone' });

    expect((await run('user', 'endpoint', 'update', 'alice', endpointId)).code).toBe(252);
    expect((await run('user', 'endpoint', 'update', 'alice', endpointId, '--allow-messages', 'SOME')).code).toBe(252);
  });

  it('deregister asks, then removes the endpoint', async () => {
    const refused = await run('user', 'endpoint', 'deregister', 'alice', endpointId);
    expect(refused.code).toBe(252);
    const r = await run('user', 'endpoint', 'deregister', 'alice', endpointId, '--yes');
    expect(r.code, r.stderr).toBe(0);
    const g = await run('user', 'endpoint', 'get', 'alice', endpointId);
    expect(g.code).toBe(254);
    expect(g.stderr).toContain('NotFoundException');
    expect(lines((await run('user', 'endpoint', 'list', 'alice', '-o', 'id')).stdout)).not.toContain(endpointId);
  });
});
