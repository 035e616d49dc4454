// App instances named by ARN, id or name, as a positional and as the default app instance
// (--app-instance, CHATCTL_APP_INSTANCE, config), against the emulator.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, type CliEnv } from './harness.js';

let e: CliEnv;
let demo: string;
const lines = (s: string) => s.split('\n').filter(Boolean);
const idOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

beforeAll(async () => {
  e = await cliEnv();
  demo = (await e.ok(['app-instance', 'create', 'demo', '-o', 'id'])).stdout.trim();
  await e.ok(['--app-instance', demo, 'user', 'create', 'alice', '--name', 'Alice']);
});
afterAll(() => e?.close());

describe('the default app instance by id or name', () => {
  it('--app-instance takes a name or an id as well as an ARN', async () => {
    for (const ref of ['demo', idOf(demo), demo]) {
      const r = await e.ok(['--app-instance', ref, 'user', 'list', '-o', 'id']);
      expect(lines(r.stdout), ref).toEqual([`${demo}/user/alice`]);
    }
  });

  it('so does CHATCTL_APP_INSTANCE; the name is looked up once per run', async () => {
    const before = e.requests.length;
    const r = await e.ok(['user', 'get', 'alice', '-o', 'id'], { env: { CHATCTL_APP_INSTANCE: 'demo' } });
    expect(r.stdout).toBe(`${demo}/user/alice\n`);
    expect(e.requests.slice(before).map((line) => line.split(' ')[0])).toEqual(['identity.ListAppInstances', 'identity.DescribeAppInstanceUser']);
  });

  it('a name that is nowhere is 254, saying where the value came from', async () => {
    const flag = await e.run(['--app-instance', 'ghost', 'user', 'list']);
    expect(flag.code).toBe(254);
    expect(flag.stderr).toContain("error: app instance 'ghost' not found\n");

    const env = await e.run(['user', 'list'], { env: { CHATCTL_APP_INSTANCE: 'ghost' } });
    expect(env.code).toBe(254);
    expect(env.stderr).toContain("error: app instance 'ghost' not found (from env CHATCTL_APP_INSTANCE)");

    const dir = mkdtempSync(join(tmpdir(), 'chatctl-cfg-'));
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ profiles: { default: { 'app-instance': 'arn:aws:chime:us-east-1:123456789012:app-instance' } } }));
    const file = await e.run(['user', 'list'], { env: { CHATCTL_CONFIG: config } });
    expect(file.code).toBe(252);
    expect(file.stderr).toContain(`is not an app instance ARN (from config ${config})`);
  });

  it('an ambiguous name is a usage error listing the candidates', async () => {
    const a = (await e.ok(['app-instance', 'create', 'twin', '-o', 'id'])).stdout.trim();
    const b = (await e.ok(['app-instance', 'create', 'twin', '-o', 'id'])).stdout.trim();
    const r = await e.run(['--app-instance', 'twin', 'user', 'list']);
    expect(r.code).toBe(252);
    expect(r.stderr).toContain("error: app instance name 'twin' is ambiguous: 2 app instances have it");
    expect(r.stderr).toContain(`  ${a}\n`);
    expect(r.stderr).toContain(`  ${b}\n`);
    // An id is never ambiguous.
    expect((await e.ok(['app-instance', 'get', idOf(a), '-o', 'id'])).stdout).toBe(`${a}\n`);
    await e.ok(['app-instance', 'delete', a, b, '--yes']);
  });

  it('verbs that never use it ignore a default that resolves to nothing', async () => {
    const env = { CHATCTL_APP_INSTANCE: 'ghost' };
    expect((await e.run(['app-instance', 'list', '-o', 'id'], { env })).code).toBe(0);
    expect((await e.run(['room', 'list', '-o', 'id'], { env })).code).toBe(0);
    const created = await e.ok(['app-instance', 'create', 'ghost', '-o', 'id'], { env });
    expect((await e.ok(['user', 'list', '-o', 'json'], { env })).stdout).toContain('"AppInstanceUsers": []');
    await e.ok(['app-instance', 'delete', created.stdout.trim(), '--yes']);
  });
});

describe('app-instance verbs take an ARN, id or name', () => {
  it('get, update and retention by name; update by id', async () => {
    expect((await e.ok(['app-instance', 'get', 'demo', '-o', 'id'])).stdout).toBe(`${demo}\n`);
    await e.ok(['app-instance', 'update', idOf(demo), '--metadata', 'by id']);
    expect((await e.ok(['app-instance', 'get', 'demo', '-o', 'json'])).json().AppInstance).toMatchObject({ Name: 'demo', Metadata: 'by id' });
    await e.ok(['retention', 'set', 'demo', '--days', '30']);
    const got = await e.ok(['retention', 'get', 'demo', '-o', 'json']);
    expect(got.json().AppInstanceRetentionSettings.ChannelRetentionSettings.RetentionDays).toBe(30);
    expect((await e.ok(['retention', 'get', 'demo', '-o', 'id'])).stdout).toBe(`${demo}\n`);
  });

  it('create --if-not-exists finds one by name', async () => {
    const again = await e.ok(['app-instance', 'create', 'demo', '--if-not-exists', '-o', 'id']);
    expect(again.stdout).toBe(`${demo}\n`);
    expect(again.stderr).toContain('already exists');
  });

  it('delete takes several, reports each and exits 1 when some failed', async () => {
    const one = (await e.ok(['app-instance', 'create', 'one', '-o', 'id'])).stdout.trim();
    const two = (await e.ok(['app-instance', 'create', 'two', '-o', 'id'])).stdout.trim();
    const r = await e.run(['app-instance', 'delete', 'one', 'nothing-here', two, '--yes']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('✓ Deleted app instance one');
    expect(r.stderr).toContain("✗ app instance nothing-here: app instance 'nothing-here' not found");
    expect(r.stderr).toContain(`✓ Deleted app instance ${two}`);
    expect(r.stderr).toContain('error: 1 of 3 app instances failed');
    const left = lines((await e.ok(['app-instance', 'list', '-o', 'id'])).stdout);
    expect(left).not.toContain(one);
    expect(left).not.toContain(two);
    const ignored = await e.run(['app-instance', 'delete', 'one', 'nothing-here', '--yes', '--ignore-not-found']);
    expect(ignored.code, ignored.stderr).toBe(0);
    expect(ignored.stderr).toContain('app instance nothing-here not found; nothing to do');
  });
});
