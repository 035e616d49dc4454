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
    async ask(question) {
      const { createInterface } = await import('node:readline/promises');
      const rl = createInterface({ input: process.stdin, output: stderr });
      try {
        return await rl.question(question);
      } finally {
        rl.close();
      }
    },
  };
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
export function testIO(opts: { tty?: boolean; columns?: number; color?: boolean; answers?: string[] } = {}): TestIO {
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
    stdout: () => out,
    stderr: () => err,
  };
}
