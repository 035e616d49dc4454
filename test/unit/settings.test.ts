import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSettings, LOCAL_ENDPOINT } from '../../src/context/settings.js';
import { writeConfig, readConfig } from '../../src/context/config-file.js';
import { CliError } from '../../src/io/errors.js';

function envWithConfig(profiles: Record<string, Record<string, string>>, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), 'chatctl-settings-'));
  const path = join(dir, 'config.json');
  writeConfig(path, { profiles });
  return { CHATCTL_CONFIG: path, ...extra };
}

describe('settings precedence', () => {
  it('flag beats env beats config file beats default, and says where each came from', () => {
    const env = envWithConfig({ default: { region: 'eu-west-1', 'app-instance': 'arn:file' } }, { AWS_REGION: 'us-west-2' });
    const fromFlag = resolveSettings({ region: 'ap-south-1' }, env, false);
    expect(fromFlag.region).toBe('ap-south-1');
    expect(fromFlag.sources.region.source).toBe('flag');

    const fromEnv = resolveSettings({}, env, false);
    expect(fromEnv.region).toBe('us-west-2');
    expect(fromEnv.sources.region.source).toBe('env AWS_REGION');

    const fromFile = resolveSettings({}, { ...env, AWS_REGION: undefined }, false);
    expect(fromFile.region).toBe('eu-west-1');
    expect(fromFile.sources.region.source).toMatch(/^config /);
    expect(fromFile.appInstance).toBe('arn:file');

    const none = resolveSettings({}, envWithConfig({}), false);
    expect(none.region).toBeUndefined();
    expect(none.sources.region.source).toBe('default');
  });

  it('reads the config of the selected profile', () => {
    const env = envWithConfig({ default: { region: 'eu-west-1' }, prod: { region: 'us-east-2' } });
    expect(resolveSettings({ profile: 'prod' }, env, false).region).toBe('us-east-2');
    expect(resolveSettings({}, { ...env, AWS_PROFILE: 'prod' }, false).region).toBe('us-east-2');
  });

  it('chooses table on a TTY and json otherwise, unless asked', () => {
    const env = envWithConfig({});
    expect(resolveSettings({}, env, true).output).toBe('table');
    expect(resolveSettings({}, env, false).output).toBe('json');
    expect(resolveSettings({}, { ...env, CHATCTL_OUTPUT: 'yaml' }, true).output).toBe('yaml');
    expect(resolveSettings({ output: 'id' }, env, true).outputExplicit).toBe(true);
  });

  it('rejects an unknown output format with a usage error listing the valid ones', () => {
    const env = envWithConfig({ default: { output: 'xml' } });
    try {
      resolveSettings({}, env, false);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CliError);
      expect((err as CliError).exitCode).toBe(252);
      expect((err as CliError).hint).toContain('json');
    }
  });

  it('--local points at the emulator with its credentials unless an endpoint flag is given', () => {
    const env = envWithConfig({});
    const local = resolveSettings({ local: true }, env, false);
    expect(local.endpointUrl).toBe(LOCAL_ENDPOINT);
    expect(local.credentials?.accessKeyId).toBeTruthy();
    expect(local.region).toBe('us-east-1');
    expect(resolveSettings({ local: true, endpointUrl: 'http://127.0.0.1:1' }, env, false).endpointUrl).toBe('http://127.0.0.1:1');
    expect(resolveSettings({}, { ...env, CHATCTL_LOCAL: '1', CHATCTL_LOCAL_ENDPOINT: 'http://127.0.0.1:9' }, false).endpointUrl).toBe('http://127.0.0.1:9');
  });

  it('--no-input, CHATCTL_NO_INPUT and CHATCTL_DEBUG', () => {
    const env = envWithConfig({});
    expect(resolveSettings({ input: false }, env, false).noInput).toBe(true);
    expect(resolveSettings({}, { ...env, CHATCTL_NO_INPUT: '1' }, false).noInput).toBe(true);
    expect(resolveSettings({}, { ...env, CHATCTL_DEBUG: '0' }, false).debug).toBe(false);
    expect(resolveSettings({}, { ...env, CHATCTL_DEBUG: '1' }, false).debug).toBe(true);
  });

  it('writes the config file readable by its owner only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatctl-settings-'));
    const path = join(dir, 'sub', 'config.json');
    writeConfig(path, { profiles: { default: { region: 'eu-west-1' } } });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readConfig(path).profiles.default.region).toBe('eu-west-1');
  });
});

describe('profiles and regions that cannot be right', () => {
  const awsFiles = (config: string, credentials: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'chatctl-aws-'));
    writeFileSync(join(dir, 'config'), config);
    writeFileSync(join(dir, 'credentials'), credentials);
    return { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
  };
  const failure = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      return err as CliError;
    }
    throw new Error('expected an error');
  };

  it('an unknown --profile is a configuration error naming the profile and the files read', () => {
    const env = envWithConfig({ default: {} }, awsFiles('[default]\nregion = us-east-1\n', ''));
    const err = failure(() => resolveSettings({ profile: 'nosuch' }, env, false));
    expect(err.exitCode).toBe(253);
    expect(err.message).toBe(`profile 'nosuch' (from --profile) not found in ${env.AWS_CONFIG_FILE}, ${env.AWS_SHARED_CREDENTIALS_FILE} or ${env.CHATCTL_CONFIG}`);
    expect(failure(() => resolveSettings({}, { ...env, AWS_PROFILE: 'nosuch' }, false)).message).toContain('(from env AWS_PROFILE)');
  });

  it('a profile in the AWS config or credentials file, or in chatctl config, is known', () => {
    const env = envWithConfig({ mine: {} }, awsFiles('[profile ops]\nregion = eu-west-1\n', '[ci]\naws_access_key_id = x\n'));
    for (const profile of ['ops', 'ci', 'mine']) expect(resolveSettings({ profile }, env, false).profile).toBe(profile);
  });

  it('a group that defines profiles (config set) may name a new one', () => {
    const env = envWithConfig({}, awsFiles('', ''));
    expect(resolveSettings({ profile: 'new', definesProfiles: true }, env, false).profile).toBe('new');
  });

  it('a malformed region is a usage error saying so, and where it came from', () => {
    const env = envWithConfig({});
    const fromFlag = failure(() => resolveSettings({ region: 'us east' }, env, false));
    expect([fromFlag.exitCode, fromFlag.message]).toEqual([252, "invalid region 'us east': not a region name"]);
    expect(failure(() => resolveSettings({}, { ...env, AWS_REGION: 'eu_west' }, false)).message).toContain('(from env AWS_REGION)');
    expect(resolveSettings({ region: 'eu-west-1' }, env, false).region).toBe('eu-west-1');
  });
});

describe('timeouts', () => {
  it('default to 60 s each, as the AWS CLI; 0 means none', () => {
    const env = envWithConfig({});
    expect(resolveSettings({}, env, false)).toMatchObject({ connectTimeoutMs: 60_000, readTimeoutMs: 60_000 });
    expect(resolveSettings({ cliConnectTimeout: 0, cliReadTimeout: 5 }, env, false)).toMatchObject({ connectTimeoutMs: 0, readTimeoutMs: 5_000 });
  });
});
