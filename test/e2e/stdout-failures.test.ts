// Results that cannot be written are a failure (255, one error line), except a reader that
// went away (| head), which is a quiet 0.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BIN, cleanEnv } from './harness.js';

const toFullDisk = (args: string) =>
  spawnSync('bash', ['-c', `node ${JSON.stringify(BIN)} ${args} > /dev/full`], { env: cleanEnv(), encoding: 'utf8' });

describe.skipIf(!existsSync('/dev/full'))('stdout that fails with other than EPIPE', () => {
  for (const args of ['--help', 'config list -o id', 'config list -o json', 'completion bash']) {
    it(`chatctl ${args} > /dev/full: one error line, exit 255`, () => {
      const r = toFullDisk(args);
      expect(r.status).toBe(255);
      expect(r.stderr).toBe('error: cannot write results to stdout: ENOSPC: no space left on device\n');
    });
  }
});
