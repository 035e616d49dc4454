// `chatctl __complete <kind>`: live identifiers from the List APIs, against the emulator,
// with the 60 s cache and the rule that anything going wrong prints nothing.
import { mkdtempSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, runInProcess, type CliEnv } from '../cli/harness.js';
import { cleanEnv } from '../e2e/harness.js';

let e: CliEnv;
let app: string;
beforeAll(async () => {
  e = await cliEnv();
  app = (await e.ok(['app-instance', 'create', 'completion-demo', '-o', 'id'])).stdout.trim();
  for (const id of ['alice', 'bob']) await e.ok(['--app-instance', app, 'user', 'create', id, '--name', id, '-o', 'id']);
  await e.ok(['room', 'create', 'lobby', '-o', 'id']);
});
afterAll(() => e?.close());

const freshCache = () => ({ XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'chatctl-cache-')) });
const lines = (text: string) => text.split('\n').filter(Boolean).sort();

describe('chatctl __complete', () => {
  it('lists user ids under the app instance, bot ids as members, rooms by name and id', async () => {
    const env = freshCache();
    const users = await e.run(['--app-instance', app, '__complete', 'users'], { env });
    expect([users.code, users.stderr]).toEqual([0, '']);
    expect(lines(users.stdout)).toEqual(['alice', 'bob']);
    const apps = await e.run(['__complete', 'app-instances'], { env });
    expect(lines(apps.stdout)).toContain(app);
    const rooms = lines((await e.run(['__complete', 'rooms'], { env })).stdout);
    expect(rooms).toContain('lobby');
    expect(rooms.some((r) => /^[a-zA-Z0-9]{12}$/.test(r))).toBe(true);
  });

  it('answers from the cache for 60 s', async () => {
    const env = freshCache();
    expect(lines((await e.run(['--app-instance', app, '__complete', 'users'], { env })).stdout)).toEqual(['alice', 'bob']);
    await e.ok(['--app-instance', app, 'user', 'create', 'carol', '--name', 'carol', '-o', 'id']);
    expect(lines((await e.run(['--app-instance', app, '__complete', 'users'], { env })).stdout)).toEqual(['alice', 'bob']);
    expect(lines((await e.run(['--app-instance', app, '__complete', 'users'], { env: freshCache() })).stdout)).toContain('carol');
  });

  it('prints nothing when it cannot list: no app instance, no endpoint, unknown kind', async () => {
    for (const argv of [['__complete', 'users'], ['--endpoint-url', 'http://127.0.0.1:9', '__complete', 'rooms'], ['__complete', 'nonsense']]) {
      const r = await e.run(argv, { env: freshCache() });
      expect([r.code, r.stdout, r.stderr], argv.join(' ')).toEqual([0, '', '']);
    }
  });

  it('gives up after its 2 s budget on an endpoint that never answers', async () => {
    const held: Socket[] = [];
    const silent = createServer((socket) => void held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const started = Date.now();
      const env = cleanEnv({ CHATCTL_LOCAL: '1', ...freshCache() });
      const r = await runInProcess(['--endpoint-url', `http://127.0.0.1:${(silent.address() as AddressInfo).port}`, '__complete', 'rooms'], env);
      expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
      expect(Date.now() - started).toBeLessThan(3500);
    } finally {
      for (const s of held) s.destroy();
      silent.close();
    }
  });

  it('is not listed in help or in the completion scripts', async () => {
    const help = await e.run(['--help']);
    expect(help.stdout).not.toContain('__complete');
  });
});
