// Node 20's code cache (bin/code-cache.cjs) is kept per set of V8 flags: a cache made under other
// flags is rejected by V8, so one shared directory would be rewritten by every switch.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cleanEnv } from './harness.js';

const nodeHasCompileCache = 'enableCompileCache' in (await import('node:module'));

describe.skipIf(nodeHasCompileCache)('code cache (Node 20)', () => {
  it('keeps one cache directory per set of V8 flags, reused by runs with the same flags', () => {
    const cache = mkdtempSync(join(tmpdir(), 'chatctl-cache-'));
    const run = (nodeOptions?: string, execArgv: string[] = []) => {
      const env = cleanEnv({ XDG_CACHE_HOME: cache, ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}) });
      const r = spawnSync(process.execPath, [...execArgv, BIN, '--help'], { env, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return readdirSync(join(cache, 'chatctl')).sort();
    };
    const plain = run();
    expect(plain).toHaveLength(1);
    expect(run()).toEqual(plain);
    const withOptions = run('--max-old-space-size=200');
    expect(withOptions).toHaveLength(2);
    expect(run(undefined, ['--max-semi-space-size=8'])).toHaveLength(3);
    // Runs with flags seen before reuse their directory.
    expect(run('--max-old-space-size=200')).toHaveLength(3);
    expect(run()).toHaveLength(3);
  });
});
