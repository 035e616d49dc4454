// Run tests for `retention set`: shortening asks (252 without a TTY and --yes), lengthening
// does not; a fake Aws records the calls.
import { describe, expect, it } from 'vitest';
import { run, shortens } from '../../src/commands/retention/set.js';
import { depsFor } from '../../src/commands/deps.js';
import type { Aws } from '../../src/aws/clients.js';
import { resolveSettings } from '../../src/context/settings.js';
import { CliError } from '../../src/io/errors.js';
import { testIO } from '../../src/io/streams.js';

const APP = 'arn:aws:chime:us-east-1:123456789012:app-instance/abc';

function fakeAws(currentDays: number | undefined) {
  const calls: Array<{ operation: string; input: Record<string, unknown> }> = [];
  const aws: Aws = {
    planned: [],
    async call(_service, operation, input = {}) {
      calls.push({ operation, input });
      if (operation === 'GetAppInstanceRetentionSettings') {
        return { AppInstanceRetentionSettings: { ChannelRetentionSettings: currentDays === undefined ? {} : { RetentionDays: currentDays } } } as any;
      }
      return { AppInstanceRetentionSettings: (input as any).AppInstanceRetentionSettings } as any;
    },
  };
  return { aws, calls };
}

function setup(currentDays: number | undefined, flags: { yes?: boolean } = {}, tty = false, answers: string[] = []) {
  const io = testIO({ tty, answers });
  const settings = resolveSettings({ output: 'json', appInstance: APP, ...flags }, { XDG_CONFIG_HOME: '/nonexistent' }, tty);
  const { aws, calls } = fakeAws(currentDays);
  return { io, calls, deps: depsFor(io, settings, aws) };
}

describe('shortens', () => {
  it.each([
    [undefined, 60, false],
    [90, 60, true],
    [60, 60, false],
    [30, 60, false],
  ])('from %s to %i days: %s', (current, days, expected) => {
    expect(shortens(current, days)).toBe(expected);
  });
});

describe('retention set', () => {
  it('lengthening needs no confirmation', async () => {
    const { deps, io, calls } = setup(30);
    await run({ days: 60 }, deps);
    expect(calls.map((c) => c.operation)).toEqual(['GetAppInstanceRetentionSettings', 'PutAppInstanceRetentionSettings']);
    expect(calls[1].input).toEqual({ AppInstanceArn: APP, AppInstanceRetentionSettings: { ChannelRetentionSettings: { RetentionDays: 60 } } });
    expect(JSON.parse(io.stdout()).AppInstanceRetentionSettings.ChannelRetentionSettings.RetentionDays).toBe(60);
  });

  it('shortening without a TTY and without --yes is refused with 252 and writes nothing', async () => {
    const { deps, calls } = setup(90);
    const err = await run({ days: 60 }, deps).catch((e) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(252);
    expect(calls.map((c) => c.operation)).toEqual(['GetAppInstanceRetentionSettings']);
  });

  it('the first retention on an app instance needs no confirmation', async () => {
    const { deps, calls } = setup(undefined);
    await run({ days: 60 }, deps);
    expect(calls.map((c) => c.operation)).toEqual(['GetAppInstanceRetentionSettings', 'PutAppInstanceRetentionSettings']);
  });

  it('shortening with --yes goes ahead and says so on stderr', async () => {
    const { deps, io, calls } = setup(90, { yes: true });
    await run({ days: 60 }, deps);
    expect(calls.map((c) => c.operation)).toContain('PutAppInstanceRetentionSettings');
    expect(io.stderr()).toMatch(/shorten message retention .* from 90 to 60 days .*confirmed by --yes/);
  });

  it('asks on a terminal and stops on "n"', async () => {
    const { deps, io, calls } = setup(90, {}, true, ['n']);
    const err = await run({ days: 60 }, deps).catch((e) => e);
    expect((err as CliError).exitCode).toBe(252);
    expect(io.stderr()).toMatch(/from 90 to 60 days/);
    expect(calls.map((c) => c.operation)).toEqual(['GetAppInstanceRetentionSettings']);
  });
});
