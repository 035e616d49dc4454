// In-process CLI tests: an emulator on a random 127.0.0.1 port in the test process, and the CLI's
// run(argv, { io, env }) with buffered streams against it. Same interface as the spawned-binary
// harness (test/e2e/harness.ts), which remains for what only a real process shows.
import { run as runCli } from '../../src/cli.js';
import { LOCAL_CREDENTIALS } from '../../src/context/settings.js';
import { startEmulator, type Emulator } from '../../src/emulator/server.js';
import { testIO } from '../../src/io/streams.js';
import { cleanEnv, runResult, type RunResult } from '../e2e/harness.js';

export type { RunResult };

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  /** Pretend stdin/stdout/stderr are a terminal (prompts allowed, table output). */
  tty?: boolean;
  /** Answers to prompts, in order. */
  answers?: string[];
  /** What the command reads from stdin (`--from-file -`, `--file -`). */
  stdin?: string;
}

export interface CliEnv {
  emulator: Emulator;
  /** `service.Operation status` of every request the emulator answered, in order. */
  requests: string[];
  /** The requests the emulator answered while `action` ran (`messaging.CreateChannel 201`). */
  requestsDuring(action: () => Promise<unknown>): Promise<string[]>;
  url: string;
  env: NodeJS.ProcessEnv;
  run(args: string[], opts?: RunOptions): Promise<RunResult>;
  /** Runs, and fails the test with the output unless the exit code is 0. */
  ok(args: string[], opts?: RunOptions): Promise<RunResult>;
  close(): Promise<void>;
}

export async function runInProcess(args: string[], env: NodeJS.ProcessEnv, opts: RunOptions = {}): Promise<RunResult> {
  const io = testIO({ tty: opts.tty, answers: opts.answers, stdin: opts.stdin });
  const code = await runCli(args, { io, env: { ...env, ...opts.env } });
  return runResult(code, io.stdout(), io.stderr());
}

export async function cliEnv(): Promise<CliEnv> {
  const requests: string[] = [];
  const emulator = await startEmulator({
    port: 0,
    accessKeyId: LOCAL_CREDENTIALS.accessKeyId,
    secretAccessKey: LOCAL_CREDENTIALS.secretAccessKey,
    log: (line) => {
      // Request lines look like `POST /app-instances identity.CreateAppInstance 201 3ms`.
      const m = /^\S+ \S+ (\w+\.\w+) (\d{3}) \d+ms$/.exec(line);
      if (m) requests.push(`${m[1]} ${m[2]}`);
    },
  });
  const env = cleanEnv({ CHATCTL_LOCAL: '1', CHATCTL_LOCAL_ENDPOINT: emulator.url });
  const run = (args: string[], opts?: RunOptions) => runInProcess(args, env, opts);
  return {
    emulator,
    requests,
    async requestsDuring(action) {
      const before = requests.length;
      await action();
      return requests.slice(before);
    },
    url: emulator.url,
    env,
    run,
    async ok(args, opts) {
      const r = await run(args, opts);
      if (r.code !== 0) throw new Error(`chatctl ${args.join(' ')} exited ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
      return r;
    },
    close: () => emulator.close(),
  };
}
