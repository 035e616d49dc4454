// file://, fileb:// and - for flag values, as the AWS CLI reads them.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { flagValue, type Stdin } from '../../src/io/values.js';
import { CliError } from '../../src/io/errors.js';
import { testIO } from '../../src/io/streams.js';

const dir = mkdtempSync(join(tmpdir(), 'chatctl-values-'));
const file = (name: string, content: string | Buffer) => {
  writeFileSync(join(dir, name), content);
  return join(dir, name);
};
const stdinWith = (text: string): Stdin => ({ read: () => text });

describe('flagValue', () => {
  it('file:// and fileb:// give the file contents, unchanged', () => {
    const path = file('meta.json', '{"team": "ops"}\n');
    expect(flagValue(`file://${path}`, '--metadata', stdinWith(''))).toBe('{"team": "ops"}\n');
    expect(flagValue(`fileb://${path}`, '--metadata', stdinWith(''))).toBe('{"team": "ops"}\n');
  });

  it('other values are kept as typed', () => {
    for (const typed of ['plain', 'file:/x', 'http://x', 'file://', '--']) expect(flagValue(typed, '--name', stdinWith('no'))).toBe(typed);
  });

  it('- reads standard input, once per run', () => {
    const stdin = stdinWith('from a pipe');
    expect(flagValue('-', '--metadata', stdin)).toBe('from a pipe');
    const again = (() => {
      try {
        flagValue('-', '--name', stdin);
      } catch (err) {
        return err as CliError;
      }
    })();
    expect(again?.exitCode).toBe(252);
    expect(again?.message).toContain('already read for --metadata');
  });

  it('a missing file is a usage error naming the path', () => {
    const missing = join(dir, 'nope.txt');
    expect(() => flagValue(`file://${missing}`, '--metadata', stdinWith(''))).toThrow(
      expect.objectContaining({ exitCode: 252, message: `--metadata: cannot read file://${missing} (${missing}): no such file` }),
    );
    mkdirSync(join(dir, 'adir'));
    expect(() => flagValue(`file://${join(dir, 'adir')}`, '--metadata', stdinWith(''))).toThrow(/it is a directory/);
  });
});

describe('every value flag of the CLI', () => {
  async function chatctl(...argv: string[]) {
    const io = testIO();
    const code = await run(['--local', '-o', 'json', ...argv], { io, env: { CHATCTL_CONFIG: join(dir, 'none.json') } });
    return { code, stdout: io.stdout(), stderr: io.stderr() };
  }

  it('reads file:// for a text flag, and for flags with their own parsing (KEY=VALUE)', async () => {
    const metadata = file('m.txt', 'line one\nline two');
    const tag = file('tag.txt', 'team=ops');
    const r = await chatctl('app-instance', 'create', 'demo', '--metadata', `file://${metadata}`, '--tag', `file://${tag}`, '--dry-run');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).operations[0].input).toMatchObject({ Name: 'demo', Metadata: 'line one\nline two', Tags: [{ Key: 'team', Value: 'ops' }] });
  });

  it('checks the contents as it checks a typed value', async () => {
    const r = await chatctl('app-instance', 'list', '--max-items', `file://${file('n.txt', 'many')}`);
    expect(r.code).toBe(252);
    expect(r.stderr).toContain('not a whole number');
  });

  it('a missing file is 252 naming the path, before anything runs', async () => {
    const r = await chatctl('app-instance', 'create', 'demo', '--metadata', 'file://does-not-exist.txt', '--dry-run');
    expect(r.code).toBe(252);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: --metadata: cannot read file:\/\/does-not-exist.txt \(.*does-not-exist.txt\): no such file$/m);
  });
});
