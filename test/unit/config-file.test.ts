import { lstatSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfigValue, readConfig, writeConfig } from '../../src/context/config-file.js';
import { CliError } from '../../src/io/errors.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'chatctl-config-'));

describe('writeConfig', () => {
  it('writes through a symlinked config file to its target, keeping the link', () => {
    const dir = scratch();
    mkdirSync(join(dir, 'dotfiles'));
    mkdirSync(join(dir, 'chatctl'));
    const target = join(dir, 'dotfiles', 'chatctl.json');
    writeFileSync(target, JSON.stringify({ profiles: { default: { region: 'eu-west-1' } } }));
    const link = join(dir, 'chatctl', 'config.json');
    symlinkSync('../dotfiles/chatctl.json', link);

    writeConfig(link, { profiles: { default: { region: 'us-west-2' } } });

    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(target, 'utf8')).profiles.default.region).toBe('us-west-2');
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(readConfig(link).profiles.default.region).toBe('us-west-2');
  });

  it('creates the target of a dangling link', () => {
    const dir = scratch();
    const link = join(dir, 'config.json');
    symlinkSync(join(dir, 'elsewhere', 'real.json'), link);
    writeConfig(link, { profiles: {} });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readConfig(join(dir, 'elsewhere', 'real.json'))).toEqual({ profiles: {} });
  });

  it('an unwritable config directory is a configuration error naming the path', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'not-a-dir'), '');
    const path = join(dir, 'not-a-dir', 'chatctl', 'config.json');
    try {
      writeConfig(path, { profiles: {} });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CliError);
      expect((err as CliError).exitCode).toBe(253);
      expect((err as CliError).message).toBe(`cannot write config file ${path}: not a directory (ENOTDIR)`);
    }
  });

  it.skipIf(process.platform !== 'linux')('fails instead of spinning under a path that cannot be created', () => {
    expect(() => writeConfig('/proc/chatctl-test/config.json', { profiles: {} })).toThrow(/cannot write config file \/proc\/chatctl-test\/config.json/);
  });
});

describe('checkConfigValue app-instance', () => {
  it('takes an app instance ARN, id or name and refuses anything else before storing it', () => {
    expect(() => checkConfigValue('app-instance', 'arn:aws:chime:us-east-1:123456789012:app-instance/abc')).not.toThrow();
    expect(() => checkConfigValue('app-instance', 'demo')).not.toThrow();
    for (const bad of ['arn:aws:chime:us-east-1:123456789012:channel/abc', 'bell\u0007', ' ']) {
      expect(() => checkConfigValue('app-instance', bad), bad).toThrow(CliError);
    }
  });
});
