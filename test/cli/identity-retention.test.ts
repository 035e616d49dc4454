// retention get/set/disable against the emulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv as emulatorEnv, type CliEnv as Env } from './harness.js';

let e: Env;
let app: string;
const days = async (...args: string[]) => {
  const r = await e.run(['retention', 'get', ...args, '-o', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return r.json().AppInstanceRetentionSettings?.ChannelRetentionSettings?.RetentionDays;
};

beforeAll(async () => {
  e = await emulatorEnv();
  const r = await e.run(['app-instance', 'create', 'retention-test', '-o', 'id']);
  expect(r.code, r.stderr).toBe(0);
  app = r.stdout.trim();
});
afterAll(() => e?.close());

describe('retention', () => {
  it('starts without retention', async () => {
    expect(await days(app)).toBeUndefined();
  });

  it('set --days 60 (the first retention, no confirmation needed), then get shows 60', async () => {
    expect(await days(app)).toBeUndefined();
    const r = await e.run(['retention', 'set', app, '--days', '60', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().AppInstanceRetentionSettings).toEqual({ ChannelRetentionSettings: { RetentionDays: 60 } });
    expect(await days(app)).toBe(60);
    // The app instance may also come from --app-instance.
    expect(await days('--app-instance', app)).toBe(60);
  });

  it('lengthening needs no confirmation', async () => {
    const r = await e.run(['--app-instance', app, 'retention', 'set', '--days', '90', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(await days(app)).toBe(90);
  });

  it('shortening an existing retention needs --yes without a terminal', async () => {
    const r = await e.run(['retention', 'set', app, '--days', '30']);
    expect(r.code).toBe(252);
    expect(r.stderr).toMatch(/refusing to shorten message retention .* from 90 to 30 days/);
    expect(await days(app)).toBe(90);
  });

  it('--dry-run plans the write and changes nothing', async () => {
    const r = await e.run(['retention', 'set', app, '--days', '30', '--dry-run', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual({
      dryRun: true,
      operations: [
        { operation: 'PutAppInstanceRetentionSettings', input: { AppInstanceArn: app, AppInstanceRetentionSettings: { ChannelRetentionSettings: { RetentionDays: 30 } } } },
      ],
    });
    expect(await days(app)).toBe(90);
  });

  it('out-of-range or missing days are usage errors', async () => {
    for (const args of [['--days', '0'], ['--days', '5476'], ['--days', '1.5'], []]) {
      const r = await e.run(['retention', 'set', app, ...args, '--yes']);
      expect(r.code, args.join(' ')).toBe(252);
    }
    expect(await days(app)).toBe(90);
  });

  it('disable turns retention off without asking', async () => {
    const r = await e.run(['retention', 'disable', app, '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(await days(app)).toBeUndefined();
  });

  it('get of an unknown app instance exits 254; a malformed ARN 252', async () => {
    const missing = await e.run(['retention', 'get', app.replace(/[^/]+$/, 'does-not-exist')]);
    expect(missing.code).toBe(254);
    expect(missing.stderr).toContain('NotFoundException');
    const noSuchName = await e.run(['retention', 'get', 'no-such-app']);
    expect(noSuchName.code).toBe(254);
    expect(noSuchName.stderr).toContain("error: app instance 'no-such-app' not found");
    expect((await e.run(['retention', 'get', 'arn:aws:chime:us-east-1:123456789012:not-an-app-instance'])).code).toBe(252);
  });
});
