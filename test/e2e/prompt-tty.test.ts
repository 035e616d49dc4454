// Confirmation prompts in a real terminal (a pty from python3's pty module): Ctrl-C exits 130
// quietly, Ctrl-D is "not confirmed" (252).
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, emulatorEnv, type Env } from './harness.js';

const PTY_DRIVER = String.raw`
import json, os, pty, sys, time
argv, key = json.loads(sys.argv[1]), sys.argv[2].encode().decode('unicode_escape').encode()
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)
out, deadline = b'', time.time() + 15
while b'to delete' not in out and time.time() < deadline:
    out += os.read(fd, 1024)
os.write(fd, key)
while True:
    try:
        chunk = os.read(fd, 1024)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
_, status = os.waitpid(pid, 0)
print(json.dumps({'code': os.waitstatus_to_exitcode(status), 'output': out.decode('utf8', 'replace')}))
`;

const hasPython = spawnSync('python3', ['-c', 'import pty'], { encoding: 'utf8' }).status === 0;

let e: Env;
beforeAll(async () => {
  e = await emulatorEnv();
});
afterAll(() => e?.close());

async function atPrompt(key: string) {
  const arn = (await e.run(['app-instance', 'create', `prompt-${Math.random().toString(36).slice(2, 8)}`, '-o', 'id'])).stdout.trim();
  const { spawn } = await import('node:child_process');
  // Async spawn: the emulator answers from this process meanwhile.
  const child = spawn('python3', ['-c', PTY_DRIVER, JSON.stringify([process.execPath, BIN, 'app-instance', 'delete', arn]), key], { env: e.env });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  await new Promise((resolve) => child.on('close', resolve));
  const result = JSON.parse(stdout) as { code: number; output: string };
  const stillThere = (await e.run(['app-instance', 'get', arn, '-o', 'json'])).code === 0;
  return { ...result, stillThere };
}

describe.skipIf(!hasPython)('confirmation prompt on a terminal', () => {
  it('Ctrl-C exits 130 quietly and deletes nothing', async () => {
    const r = await atPrompt('\\x03');
    expect(r.code).toBe(130);
    expect(r.output).not.toMatch(/error|Abort/i);
    expect(r.stillThere).toBe(true);
  });

  it('Ctrl-D is not confirmed: 252', async () => {
    const r = await atPrompt('\\x04');
    expect(r.code).toBe(252);
    expect(r.output).toContain('not confirmed');
    expect(r.stillThere).toBe(true);
  });
});
