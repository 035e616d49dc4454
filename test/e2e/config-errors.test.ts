// Configuration mistakes through the real binary: one error line, the documented exit code,
// no stack trace; and `config set` through a symlinked config file.
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, runChatctl } from './harness.js';

describe('configuration errors', () => {
  it('--profile nosuch: 253 naming the profile and the files read', async () => {
    const env = cleanEnv();
    const r = await runChatctl(['--profile', 'nosuch', 'app-instance', 'list'], { env });
    expect(r.code).toBe(253);
    expect(r.stderr.split('\n')[0]).toBe(
      `error: profile 'nosuch' (from --profile) not found in ${env.AWS_CONFIG_FILE}, ${env.AWS_SHARED_CREDENTIALS_FILE} or ${join(env.XDG_CONFIG_HOME!, 'chatctl', 'config.json')}`,
    );
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('a malformed --region: 252 saying so', async () => {
    const r = await runChatctl(['--region', 'eu west 1', '--local', 'app-instance', 'list']);
    expect(r.code).toBe(252);
    expect(r.stderr).toContain("error: invalid region 'eu west 1': not a region name");
  });

  it('config set writes through a symlinked config file', async () => {
    const env = cleanEnv();
    const dotfiles = mkdtempSync(join(tmpdir(), 'chatctl-dotfiles-'));
    writeFileSync(join(dotfiles, 'chatctl.json'), '{"profiles":{}}\n');
    mkdirSync(join(env.XDG_CONFIG_HOME!, 'chatctl'));
    const link = join(env.XDG_CONFIG_HOME!, 'chatctl', 'config.json');
    symlinkSync(join(dotfiles, 'chatctl.json'), link);
    const r = await runChatctl(['config', 'set', 'region', 'eu-west-1'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(dotfiles, 'chatctl.json'), 'utf8')).profiles.default.region).toBe('eu-west-1');
  });

  it('an unwritable config directory: 253 naming the path', async () => {
    const home = mkdtempSync(join(tmpdir(), 'chatctl-home-'));
    writeFileSync(join(home, 'chatctl'), 'a file where the directory should be');
    const r = await runChatctl(['config', 'set', 'region', 'eu-west-1'], { env: cleanEnv({ XDG_CONFIG_HOME: home }) });
    expect(r.code).toBe(253);
    expect(r.stderr.split('\n')[0]).toBe(`error: cannot write config file ${join(home, 'chatctl', 'config.json')}: not a directory (ENOTDIR)`);
  });
});
