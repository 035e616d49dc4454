// The global behaviour every command shares, through the real binary: help, exit codes,
// output formats, --query, config precedence, confirmation, dry run, debug redaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, emulatorEnv, runChatctl, type Env } from './harness.js';

let e: Env;
beforeAll(async () => {
  e = await emulatorEnv();
});
afterAll(() => e.close());

describe('help and usage errors', () => {
  it('--help lists the groups on stdout and exits 0', async () => {
    const r = await runChatctl(['--help']);
    expect(r.code).toBe(0);
    for (const group of ['app-instance', 'user', 'admin', 'bot', 'retention', 'room', 'logging', 'token', 'tag', 'emulator', 'config', 'completion']) {
      expect(r.stdout).toMatch(new RegExp(`^  ${group}\\b`, 'm'));
    }
    expect(r.stdout).toContain('252');
  });

  it('an unknown flag exits 252 with one error line and a usage pointer', async () => {
    const r = await runChatctl(['app-instance', 'list', '--bogus']);
    expect(r.code).toBe(252);
    expect(r.stderr).toContain("error: unknown option '--bogus'");
    expect(r.stderr).toContain("Run 'chatctl app-instance list --help' for usage.");
    expect(r.stdout).toBe('');
  });

  it('a group without a verb prints its help on stderr and exits 252', async () => {
    const r = await runChatctl(['app-instance']);
    expect(r.code).toBe(252);
    expect(r.stderr).toContain('create');
    expect(r.stdout).toBe('');
  });

  it('an invalid output format lists the valid ones', async () => {
    const r = await runChatctl(['app-instance', 'list', '-o', 'xml']);
    expect(r.code).toBe(252);
    expect(r.stderr).toContain('json');
  });
});

describe('configuration errors', () => {
  it('no region and no endpoint exits 253 with a hint', async () => {
    const r = await runChatctl(['app-instance', 'list'], { env: cleanEnv({ AWS_ACCESS_KEY_ID: 'AKIAX', AWS_SECRET_ACCESS_KEY: 'x' }) });
    expect(r.code).toBe(253);
    expect(r.stderr).toMatch(/^error: .*region/m);
    expect(r.stderr).toContain('hint: set --region or AWS_REGION');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a command that needs an app instance exits 253 without one', async () => {
    const r = await e.run(['app-instance', 'get']);
    expect(r.code).toBe(253);
    expect(r.stderr).toContain('no app instance');
  });

  it('an unreachable endpoint exits 255', async () => {
    const r = await runChatctl(['--local', 'app-instance', 'list'], { env: cleanEnv({ CHATCTL_LOCAL_ENDPOINT: 'http://127.0.0.1:9' }) });
    expect(r.code).toBe(255);
    expect(r.stderr).toContain('ECONNREFUSED');
    expect(r.stderr).toContain('chatctl emulator start');
  });
});

describe('app-instance end to end', () => {
  it('create, get, list, update, delete with the formats and --query', async () => {
    const created = await e.run(['app-instance', 'create', 'plumbing-demo', '--metadata', 'm1', '-o', 'json']);
    expect(created.code, created.stderr).toBe(0);
    const arn = created.json().AppInstanceArn;
    expect(arn).toMatch(/^arn:aws:chime:us-east-1:\d{12}:app-instance\/[\w-]+$/);
    expect(created.stderr).toContain('✓ Created app instance plumbing-demo');

    const got = await e.run(['app-instance', 'get', arn, '-o', 'json']);
    expect(got.json().AppInstance).toMatchObject({ AppInstanceArn: arn, Name: 'plumbing-demo', Metadata: 'm1' });

    const ids = await e.run(['app-instance', 'list', '-o', 'id']);
    expect(ids.stdout.trim().split('\n')).toContain(arn);

    const queried = await e.run(['app-instance', 'list', '--query', "AppInstances[?Name=='plumbing-demo'].Metadata", '-o', 'json']);
    expect(queried.json()).toEqual(['m1']);

    const updated = await e.run(['--app-instance', arn, 'app-instance', 'update', '--metadata', 'm2', '-o', 'json']);
    expect(updated.code, updated.stderr).toBe(0);
    const after = await e.run(['app-instance', 'get', arn, '-o', 'json']);
    expect(after.json().AppInstance).toMatchObject({ Name: 'plumbing-demo', Metadata: 'm2' });

    const refused = await e.run(['app-instance', 'delete', arn]);
    expect(refused.code).toBe(252);
    expect(refused.stderr).toContain('refusing to delete app instance');
    expect(refused.stderr).toContain('hint: pass --yes');
    expect((await e.run(['app-instance', 'get', arn, '-o', 'json'])).code).toBe(0);

    const dry = await e.run(['app-instance', 'delete', arn, '--dry-run', '-o', 'json']);
    expect(dry.code).toBe(0);
    expect(dry.json()).toEqual({ dryRun: true, operations: [{ operation: 'DeleteAppInstance', input: { AppInstanceArn: arn } }] });
    expect((await e.run(['app-instance', 'get', arn, '-o', 'json'])).code).toBe(0);

    const deleted = await e.run(['app-instance', 'delete', arn, '--yes']);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.stderr).toContain('confirmed by --yes');
    const gone = await e.run(['app-instance', 'get', arn]);
    expect(gone.code).toBe(254);
    expect(gone.stderr).toMatch(/^error: DescribeAppInstance: NotFoundException: /m);

    const again = await e.run(['app-instance', 'delete', arn, '--yes', '--ignore-not-found']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('not found');
  });

  it('create --if-not-exists returns the existing instance', async () => {
    const first = await e.run(['app-instance', 'create', 'idem-demo', '-o', 'id']);
    const second = await e.run(['app-instance', 'create', 'idem-demo', '--if-not-exists', '-o', 'id']);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toContain('already exists');
  });

  it('with -o json a service error also writes a JSON error line on stderr', async () => {
    const r = await e.run(['app-instance', 'get', 'arn:aws:chime:us-east-1:123456789012:app-instance/missing', '-o', 'json']);
    expect(r.code).toBe(254);
    const line = r.stderr.trim().split('\n').pop()!;
    expect(JSON.parse(line)).toMatchObject({ error: { code: 'NotFoundException', exitCode: 254 } });
  });

  it('--debug logs the request with the signature and secrets redacted', async () => {
    const r = await e.run(['app-instance', 'list', '--debug', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('debug: ListAppInstancesCommand GET');
    expect(r.stderr).toContain('Signature=REDACTED');
    expect(r.stderr).not.toMatch(/Signature=[0-9a-f]{64}/);
    expect(r.stderr).not.toContain('chatctl/emulator/secret');
    JSON.parse(r.stdout);
  });

  it('stops quietly with exit 0 when stdout closes early', async () => {
    for (let i = 0; i < 3; i++) await e.run(['app-instance', 'create', `pipe-${i}`, '-o', 'id']);
    // Async spawn: the emulator runs in this process and must keep answering meanwhile.
    const { spawn } = await import('node:child_process');
    const child = spawn('bash', ['-c', `set -o pipefail; node ${JSON.stringify(BIN)} app-instance list -o jsonl | head -c 1 >/dev/null`], { env: e.env });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const status = await new Promise((resolve) => child.on('close', resolve));
    const r = { status, stderr };
    expect(r.status).toBe(0);
    expect(r.stderr).not.toContain('EPIPE');
  });
});

describe('config', () => {
  it('set, get, list with sources, unset; flags still win', async () => {
    const env = cleanEnv();
    const set = await runChatctl(['config', 'set', 'region', 'eu-west-1'], { env });
    expect(set.code, set.stderr).toBe(0);
    expect((await runChatctl(['config', 'get', 'region'], { env })).stdout).toBe('eu-west-1\n');
    const list = await runChatctl(['config', 'list', '-o', 'json'], { env: { ...env, CHATCTL_APP_INSTANCE: 'arn:x' } });
    const rows = list.json().Settings;
    expect(rows.find((r: any) => r.Key === 'region')).toMatchObject({ Value: 'eu-west-1', Source: expect.stringMatching(/^config /) });
    expect(rows.find((r: any) => r.Key === 'app-instance')).toMatchObject({ Value: 'arn:x', Source: 'env CHATCTL_APP_INSTANCE' });
    expect((await runChatctl(['--region', 'us-west-2', 'config', 'get', 'region'], { env })).stdout).toBe('us-west-2\n');
    expect((await runChatctl(['config', 'unset', 'region'], { env })).code).toBe(0);
    expect((await runChatctl(['config', 'get', 'region'], { env })).code).toBe(252);
    expect((await runChatctl(['config', 'set', 'colour', 'on'], { env })).code).toBe(252);
    const badValue = await runChatctl(['config', 'set', 'output', 'xml'], { env });
    expect(badValue.code).toBe(252);
    expect(badValue.stderr).toContain('valid values: table, json');
  });

  it('a default app instance from the config file expands short ids', async () => {
    const created = await e.run(['app-instance', 'create', 'cfg-demo', '-o', 'id']);
    const arn = created.stdout.trim();
    const env = { ...e.env };
    expect((await runChatctl(['config', 'set', 'app-instance', arn], { env })).code).toBe(0);
    const got = await runChatctl(['app-instance', 'get', '-o', 'json'], { env });
    expect(got.json().AppInstance.Name).toBe('cfg-demo');
  });
});
