// `chatctl emulator start` as a user runs it: prints its endpoint, serves chatctl, keeps state
// in --state across a restart, and shuts down cleanly on SIGTERM / SIGINT.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cleanEnv, runChatctl } from './harness.js';

interface Started {
  child: ChildProcess;
  info: { Endpoint: string; AccessKeyId: string; SecretAccessKey: string; Region: string };
  exited: Promise<number | null>;
}

async function start(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, [BIN, 'emulator', 'start', '--port', '0', '-o', 'json', ...args], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let out = '';
  for await (const chunk of child.stdout!) {
    out += chunk;
    try {
      return { child, info: JSON.parse(out), exited };
    } catch {
      // not the whole object yet
    }
  }
  throw new Error(`emulator did not start: ${out}`);
}

const envFor = (s: Started) => cleanEnv({ CHATCTL_LOCAL: '1', CHATCTL_LOCAL_ENDPOINT: s.info.Endpoint });

describe('chatctl emulator start', () => {
  it('keeps state in --state across a restart and exits 143 on SIGTERM', async () => {
    const state = join(mkdtempSync(join(tmpdir(), 'chatctl-state-')), 'state.json');
    const first = await start(['--state', state]);
    expect(first.info.Endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const created = await runChatctl(['app-instance', 'create', 'durable', '-o', 'id'], { env: envFor(first) });
    expect(created.code, created.stderr).toBe(0);
    const arn = created.stdout.trim();
    expect(readFileSync(state, 'utf8')).toContain(arn);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(143);

    const second = await start(['--state', state]);
    try {
      const got = await runChatctl(['app-instance', 'get', arn, '-o', 'json'], { env: envFor(second) });
      expect(got.code, got.stderr).toBe(0);
      expect(got.json().AppInstance.Name).toBe('durable');
    } finally {
      second.child.kill('SIGINT');
      expect(await second.exited).toBe(130);
    }
  });

  it('rejects a request signed with a wrong secret (exit 254, the service error name on stderr)', async () => {
    const s = await start([]);
    try {
      const env = cleanEnv({ AWS_ACCESS_KEY_ID: s.info.AccessKeyId, AWS_SECRET_ACCESS_KEY: 'wrong', AWS_REGION: s.info.Region });
      const r = await runChatctl(['--endpoint-url', s.info.Endpoint, 'app-instance', 'list'], { env });
      expect(r.code).toBe(254);
      expect(r.stderr).toMatch(/^error: ListAppInstances: InvalidSignatureException: /m);
      const ok = await runChatctl(['--endpoint-url', s.info.Endpoint, 'app-instance', 'list', '-o', 'json'], {
        env: { ...env, AWS_SECRET_ACCESS_KEY: s.info.SecretAccessKey },
      });
      expect(ok.code, ok.stderr).toBe(0);
    } finally {
      s.child.kill('SIGTERM');
      await s.exited;
    }
  });
});
