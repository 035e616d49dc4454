// With --local, the SDK is given every setting it would otherwise look up in the shared AWS
// config files, so a call reads neither: here both files are FIFOs nobody writes, and reading
// either would hang the process until the harness kills it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorEnv, type Env } from './harness.js';

let e: Env;
beforeAll(async () => {
  e = await emulatorEnv();
});
afterAll(() => e?.close());

describe('--local', () => {
  it('makes its SDK calls without reading ~/.aws/config or ~/.aws/credentials', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatctl-fifo-'));
    const config = join(dir, 'config');
    const credentials = join(dir, 'credentials');
    execFileSync('mkfifo', [config, credentials]);
    const r = await e.run(['app-instance', 'list', '-o', 'json'], {
      env: { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials },
      timeoutMs: 8_000,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual({ AppInstances: [] });
  });
});
