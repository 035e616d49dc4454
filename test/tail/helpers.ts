// In-process tail tests: an emulator on a random 127.0.0.1 port and the deps a tail function
// takes (the command deps: captured IO, --local settings aimed at that emulator, the real AWS caller).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDeps, type Deps } from '../../src/commands/deps.js';
import type { GlobalFlags } from '../../src/context/settings.js';
import { testIO, type TestIO } from '../../src/io/streams.js';
import { startEmulator, type Emulator } from '../../src/emulator/server.js';

export async function emulator(opts: { statePath?: string; port?: number; tls?: { cert: string; key: string } } = {}): Promise<Emulator> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return startEmulator({ port: opts.port ?? 0, statePath: opts.statePath, tls: opts.tls, log: () => {} });
}

/** The deps commands get (createDeps), with captured IO, aimed at the emulator. */
export function depsFor(emu: { url: string }, flags: GlobalFlags = {}, extraEnv: NodeJS.ProcessEnv = {}): Deps & { io: TestIO } {
  const env = { CHATCTL_LOCAL_ENDPOINT: emu.url, XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'chatctl-tail-cfg-')), ...extraEnv };
  const io = testIO();
  return { ...createDeps({ local: true, output: 'jsonl', ...flags }, env, io), io };
}

/** Polls until `check` returns a truthy value; fails after `ms`. */
export async function waitFor<T>(check: () => T, ms = 3000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const jsonLines = (text: string): any[] =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
