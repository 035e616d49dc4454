// The guides in docs/ are executable: every ```sh block of a guide runs, in order, as one bash
// script (set -euo pipefail) with `chatctl` on the PATH, so the commands they teach cannot rot.
// The ops and CI guides run against an emulator of this test; the emulator guide starts its own.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, emulatorEnv, type Env } from './harness.js';

const docs = new URL('../../docs/', import.meta.url);
const guides = readdirSync(docs).filter((f) => /^guide-.*\.md$/.test(f));

export function shellBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

/** A directory holding a `chatctl` that runs this checkout's binary. */
function pathWithChatctl(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chatctl-path-'));
  writeFileSync(join(dir, 'chatctl'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`);
  chmodSync(join(dir, 'chatctl'), 0o755);
  return `${dir}:${process.env.PATH}`;
}

function runScript(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Async: the test's emulator answers from this process meanwhile.
    // Its own process group, so a timeout also ends the emulators a guide started.
    const child = spawn('bash', ['-euo', 'pipefail', '-c', script], { cwd: mkdtempSync(join(tmpdir(), 'chatctl-guide-')), env, detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

let e: Env;
beforeAll(async () => {
  e = await emulatorEnv();
});
afterAll(() => e?.close());

describe('docs/ guides', () => {
  it('there are guides, each with commands', () => {
    expect(guides).toEqual(expect.arrayContaining(['guide-ops-scripting.md', 'guide-ci-provisioning.md', 'guide-emulator-in-ci.md']));
    for (const guide of guides) expect(shellBlocks(readFileSync(new URL(guide, docs), 'utf8')).length, guide).toBeGreaterThan(0);
  });

  const expected: Record<string, RegExp[]> = {
    'guide-ops-scripting.md': [/^user alice is arn:aws:chime:/m, /^3$/m, /"team": "ops"/, /^no such user$/m],
    'guide-ci-provisioning.md': [/^second run: nothing changed$/m, /^lobby: arn:aws:ivschat:/m],
    'guide-emulator-in-ci.md': [/^emulator at http:\/\/127\.0\.0\.1:\d+$/m, /^kept$/m],
  };

  for (const guide of guides) {
    it(`${guide}: every command runs`, async () => {
      const script = shellBlocks(readFileSync(new URL(guide, docs), 'utf8')).join('\n');
      const own = guide === 'guide-emulator-in-ci.md';
      const env = { ...(own ? cleanEnv() : e.env), PATH: pathWithChatctl() };
      const r = await runScript(script, env);
      expect(r.code, `stdout:\n${r.stdout}\nstderr:\n${r.stderr}`).toBe(0);
      for (const pattern of expected[guide] ?? []) expect(r.stdout).toMatch(pattern);
    }, 90_000);
  }
});
