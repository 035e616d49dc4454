// `chatctl emulator start` refusing to start: one error line, exit 253, nothing served; and the
// warning when it listens beyond loopback. Spawns the built CLI (npm test builds first).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, runChatctl } from '../e2e/harness.js';

const dir = mkdtempSync(join(tmpdir(), 'chatctl-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('chatctl emulator start refuses', () => {
  it('a busy port: one line, exit 253, hint --port 0', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const r = await runChatctl(['emulator', 'start', '--port', String(port)], { env: cleanEnv() });
      expect(r.code).toBe(253);
      expect(r.stderr.trim().split('\n')).toEqual([`error: port ${port} on 127.0.0.1 is already in use; use --port 0 to pick a free port`]);
    } finally {
      busy.close();
    }
  });

  it('a state path it cannot write, and a state file with wrong contents, naming the path', async () => {
    const file = join(dir, 'not-a-dir');
    writeFileSync(file, 'x');
    const unwritable = await runChatctl(['emulator', 'start', '--port', '0', '--state', join(file, 'state.json')], { env: cleanEnv() });
    expect(unwritable.code).toBe(253);
    expect(unwritable.stderr).toContain(join(file, 'state.json'));
    const wrong = join(dir, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ format: 'chatctl-emulator-state', version: 1, state: { identity: null } }));
    const refused = await runChatctl(['emulator', 'start', '--port', '0', '--state', wrong], { env: cleanEnv() });
    expect(refused.code).toBe(253);
    expect(refused.stderr.trim()).toBe(`error: ${wrong}: "state.identity" must be an object, found null`);
  });

  it('an account id or region that AWS would not have', async () => {
    const account = await runChatctl(['emulator', 'start', '--port', '0', '--account', '1234'], { env: cleanEnv() });
    expect(account.code).toBe(252);
    expect(account.stderr).toContain('12 digits');
    const region = await runChatctl(['--region', 'moon-base', 'emulator', 'start', '--port', '0'], { env: cleanEnv() });
    expect(region.code).toBe(252);
    expect(region.stderr).toContain('moon-base');
  });
});

describe('chatctl emulator start --host', () => {
  it('warns that the credentials are public when it listens beyond loopback', async () => {
    const child = spawn(process.execPath, [BIN, 'emulator', 'start', '--host', '0.0.0.0', '--port', '0', '-o', 'json'], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    try {
      for (let i = 0; i < 200 && !stderr.includes('warning:'); i++) await new Promise((r) => setTimeout(r, 25));
      expect(stderr).toMatch(/warning: listening on 0\.0\.0\.0.*credentials are public/);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
