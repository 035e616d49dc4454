// The bundle is minified; --debug stack traces point into src/ through the shipped source
// maps, and without --debug there is no trace at all.
import { describe, expect, it } from 'vitest';
import { cleanEnv, runChatctl } from './harness.js';

describe('--debug stack traces', () => {
  const unreachable = ['--local', '--endpoint-url', 'http://127.0.0.1:9', 'app-instance', 'list'];

  it('name source files, not minified chunk positions', async () => {
    const r = await runChatctl([...unreachable, '--debug'], { env: cleanEnv() });
    expect(r.code).toBe(255);
    expect(r.stderr).toMatch(/^ {4}at src\/aws\/errors\.ts:\d+:\d+$/m);
    expect(r.stderr).toMatch(/^ {4}at src\/commands\/.*\.ts:\d+:\d+$/m);
    expect(r.stderr).not.toMatch(/dist\/[\w-]+\.cjs:\d+/);
  });

  it('are not printed without --debug', async () => {
    const r = await runChatctl(unreachable, { env: cleanEnv() });
    expect(r.code).toBe(255);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});
