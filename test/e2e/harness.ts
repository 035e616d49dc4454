// e2e harness: an emulator on a random 127.0.0.1 port (in the test process) and a way to spawn
// the real bin/chatctl.js against it, with no TTY, an isolated config dir and no AWS settings
// leaking in from the machine.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../../src/emulator/server.js';
import { LOCAL_CREDENTIALS } from '../../src/context/settings.js';

export const BIN = fileURLToPath(new URL('../../bin/chatctl.js', import.meta.url));

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (throws with the output when it is not JSON). */
  json(): any;
}

export interface Env {
  url: string;
  /** Environment for a spawned chatctl that points at this emulator. */
  env: NodeJS.ProcessEnv;
  /** Runs chatctl with these arguments (no TTY). */
  run(args: string[], opts?: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number }): Promise<RunResult>;
  close(): Promise<void>;
}

/** Environment with nothing from the developer's machine that could change chatctl's behaviour. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(AWS_|CHATCTL_|XDG_CONFIG_HOME$|NO_COLOR$|FORCE_COLOR$|CI$)/.test(k)) continue;
    env[k] = v;
  }
  env.XDG_CONFIG_HOME = mkdtempSync(join(tmpdir(), 'chatctl-cfg-'));
  // Keep the SDK away from ~/.aws on the test machine.
  env.AWS_CONFIG_FILE = join(env.XDG_CONFIG_HOME, 'aws-config');
  env.AWS_SHARED_CREDENTIALS_FILE = join(env.XDG_CONFIG_HOME, 'aws-credentials');
  env.AWS_EC2_METADATA_DISABLED = 'true';
  return { ...env, ...extra };
}

/** A run's outcome; json() fails the test with the output when stdout is not JSON. */
export function runResult(code: number | null, stdout: string, stderr: string): RunResult {
  return {
    code,
    stdout,
    stderr,
    json() {
      try {
        return JSON.parse(stdout);
      } catch {
        throw new Error(`stdout is not JSON (exit ${code}):\n${stdout}\nstderr:\n${stderr}`);
      }
    },
  };
}

export function runChatctl(args: string[], opts: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: opts.env ?? cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(runResult(code, stdout, stderr));
    });
    child.stdin.end(opts.input ?? '');
  });
}

/** Starts an emulator and returns a runner bound to it (--local credentials, its endpoint). */
export async function emulatorEnv(): Promise<Env> {
  const emulator = await startEmulator({
    port: 0,
    accessKeyId: LOCAL_CREDENTIALS.accessKeyId,
    secretAccessKey: LOCAL_CREDENTIALS.secretAccessKey,
  });
  const env = cleanEnv({ CHATCTL_LOCAL: '1', CHATCTL_LOCAL_ENDPOINT: emulator.url });
  return {
    url: emulator.url,
    env,
    run: (args, opts = {}) => runChatctl(args, { ...opts, env: { ...env, ...opts.env } }),
    close: () => emulator.close(),
  };
}
