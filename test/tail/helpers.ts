// In-process tail tests: an emulator on a random 127.0.0.1 port and the deps a tail function
// takes (captured IO, --local settings aimed at that emulator, the real SDK-backed AWS caller).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAws } from '../../src/aws/clients.js';
import { resolveSettings, type GlobalFlags } from '../../src/context/settings.js';
import { testIO, type TestIO } from '../../src/io/streams.js';
import { startEmulator, type Emulator } from '../../src/emulator/server.js';
import type { TailDeps } from '../../src/tail/types.js';

export async function emulator(opts: { statePath?: string; port?: number; tls?: { cert: string; key: string } } = {}): Promise<Emulator> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return startEmulator({ port: opts.port ?? 0, statePath: opts.statePath, tls: opts.tls, log: () => {} });
}

export function depsFor(emu: { url: string }, flags: GlobalFlags = {}, extraEnv: NodeJS.ProcessEnv = {}): TailDeps & { io: TestIO } {
  const env = { CHATCTL_LOCAL_ENDPOINT: emu.url, XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'chatctl-tail-cfg-')), ...extraEnv };
  const settings = resolveSettings({ local: true, output: 'jsonl', ...flags }, env, false);
  const io = testIO();
  return { io, settings, aws: createAws(settings, io) };
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
