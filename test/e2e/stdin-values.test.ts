// `-` as a flag value reads the real standard input of the process.
import { describe, expect, it } from 'vitest';
import { runChatctl } from './harness.js';

describe('- for a flag value', () => {
  it('is the text piped to chatctl', async () => {
    const r = await runChatctl(['--local', 'app-instance', 'create', 'demo', '--metadata', '-', '--dry-run', '-o', 'json'], { input: '{"owner":"ops"}' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().operations[0].input.Metadata).toBe('{"owner":"ops"}');
  });
});
