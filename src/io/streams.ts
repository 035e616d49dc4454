// IOStreams in gh's sense: where results and messages go, what is a terminal, whether we may
// prompt. Commands receive one of these in deps, so tests can swap in buffers and TTY flags.
import { isatty } from 'node:tty';
import type { ChalkInstance } from 'chalk';
import { colorEnabled, makeChalk, type ColorMode } from './color.js';
import { ExitCode } from './errors.js';

export interface IO {
  /** Writes a result to stdout. */
  out(text: string): void;
  /** Writes a message to stderr. */
  err(text: string): void;
  /** Resolves once stdout has drained (call between pages so long lists stream). */
  drain(): Promise<void>;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  stdinIsTTY: boolean;
  /** Terminal width for table truncation (0 = do not truncate). */
  columns: number;
  outColor: ChalkInstance;
  errColor: ChalkInstance;
  /** stdin and stdout are TTYs, --no-input unset, CI unset. */
  canPrompt: boolean;
  /** Asks one question on stderr and reads a line from stdin. */
  ask(question: string): Promise<string>;
  /** All of stdin as UTF-8 text (`--from-file -`, `--file -`). */
  readStdin(): Promise<string>;
}

export interface IOOptions {
  color: ColorMode;
  noInput: boolean;
  env: NodeJS.ProcessEnv;
}

export function systemIO(opts: IOOptions): IO {
  const stdout = process.stdout;
  const stderr = process.stderr;
  const stdoutIsTTY = Boolean(stdout.isTTY);
  const stderrIsTTY = Boolean(stderr.isTTY);
  // isatty(0), not process.stdin.isTTY: the process.stdin getter builds a stream that only
  // prompts need.
  const stdinIsTTY = isatty(0);
  let pendingDrain: Promise<void> | undefined;
  return {
    out(text) {
      if (!stdout.write(text) && !pendingDrain) {
        pendingDrain = new Promise((resolve) =>
          stdout.once('drain', () => {
            pendingDrain = undefined;
            resolve();
          }),
        );
      }
    },
    err(text) {
      stderr.write(text);
    },
    drain: () => pendingDrain ?? Promise.resolve(),
    stdoutIsTTY,
    stderrIsTTY,
    stdinIsTTY,
    columns: stdoutIsTTY ? stdout.columns || 80 : 0,
    outColor: makeChalk(colorEnabled(opts.color, stdoutIsTTY, opts.env)),
    errColor: makeChalk(colorEnabled(opts.color, stderrIsTTY, opts.env)),
    canPrompt: stdinIsTTY && stdoutIsTTY && !opts.noInput && !opts.env.CI,
    ask: (question) => askLine(question, { input: process.stdin, output: stderr }),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

/** Does what the SIGINT that raw mode swallowed would have done: run the process's SIGINT
 * handlers (src/main.ts exits 130), or exit 130 when there are none. Synchronously: a signal
 * sent to ourselves could arrive after the idle event loop has already exited 0. */
function interruptProcess(): void {
  if (process.listenerCount('SIGINT') > 0) process.emit('SIGINT', 'SIGINT');
  else process.exit(ExitCode.sigint);
}

export interface AskStreams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** What Ctrl-C does; by default what SIGINT does. */
  interrupt?: () => void;
}

/** Reads one answer. Ctrl-C interrupts the run (exit 130, like Ctrl-C anywhere else);
 * Ctrl-D or the end of input is no answer (''), which a confirmation reads as "no". */
export async function askLine(question: string, streams: AskStreams): Promise<string> {
  const { createInterface } = await import('node:readline');
  const interrupt = streams.interrupt ?? interruptProcess;
  return new Promise<string>((resolve) => {
    const rl = createInterface({ input: streams.input, output: streams.output });
    let settled = false;
    const settle = (answer: string | undefined) => {
      if (settled) return;
      settled = true;
      rl.close();
      if (answer === undefined) {
        // End the prompt's line, so what comes next (the shell, an error) starts on its own.
        streams.output.write('\n');
        return;
      }
      resolve(answer);
    };
    rl.on('SIGINT', () => {
      settle(undefined);
      interrupt(); // the promise stays pending: the process is on its way out
    });
    rl.on('close', () => {
      if (settled) return;
      settle(undefined);
      resolve('');
    });
    rl.question(question, (answer) => settle(answer));
  });
}

/** A closed pipe (| head) ends the run quietly with 0; any other failed write of results
 * (a full disk, a revoked terminal) is one `error:` line and 255: the results are lost. */
export function onStdoutError(stdout: NodeJS.WriteStream, stderr: NodeJS.WriteStream, exit: (code: number) => void = process.exit): void {
  stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') return exit(ExitCode.ok);
    const reason = (err.message || String(err)).replace(/, write$/, '');
    stderr.write(`error: cannot write results to stdout: ${reason}\n`);
    exit(ExitCode.other);
  });
}

/** Resolves once everything written to stdout has been handed to the system (or has failed,
 * which the error handler above reports). */
export function stdoutFlushed(stdout: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    // Destroyed by a failed write: its error event is still to come, after this tick.
    if ((stdout as NodeJS.WriteStream).destroyed) return void setImmediate(resolve);
    stdout.write('', () => resolve());
  });
}

export interface TestIO extends IO {
  stdout(): string;
  stderr(): string;
  /** Answers the next prompts in order. */
  answers: string[];
}

/** IO with buffers, for run tests (gh's iostreams.Test()). */
export function testIO(opts: { tty?: boolean; columns?: number; color?: boolean; answers?: string[]; stdin?: string } = {}): TestIO {
  let out = '';
  let err = '';
  const tty = opts.tty ?? false;
  const answers = opts.answers ?? [];
  return {
    out: (text) => void (out += text),
    err: (text) => void (err += text),
    drain: () => Promise.resolve(),
    stdoutIsTTY: tty,
    stderrIsTTY: tty,
    stdinIsTTY: tty,
    columns: opts.columns ?? (tty ? 120 : 0),
    outColor: makeChalk(Boolean(opts.color)),
    errColor: makeChalk(Boolean(opts.color)),
    canPrompt: tty,
    answers,
    async ask(question) {
      err += question;
      return answers.shift() ?? '';
    },
    readStdin: async () => opts.stdin ?? '',
    stdout: () => out,
    stderr: () => err,
  };
}
