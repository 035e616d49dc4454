// A progress bar on stderr for long multi-item runs (`membership add --from-file`). Drawn only
// for people: stderr and stdout both terminals, CI unset, not --quiet (cli-conventions §9);
// never an escape code anywhere else. It appears after a short delay, so fast runs do not
// flicker, and redraws at most every 100 ms.
import type { IO } from './streams.js';

export interface Progress {
  /** Some more items are finished. */
  advance(count: number): void;
  /** Clears the bar (before the final report). */
  stop(): void;
}

export interface ProgressOptions {
  total: number;
  /** What is counted: `members`. */
  label: string;
  /** Milliseconds before the bar first appears. */
  delayMs?: number;
  now?: () => number;
}

const WIDTH = 30;
const REDRAW_MS = 100;

export const noProgress: Progress = { advance() {}, stop() {} };

/** Whether a run may draw progress on this IO. */
export const progressAllowed = (io: IO, quiet: boolean, env: NodeJS.ProcessEnv = process.env) =>
  io.stderrIsTTY && io.stdoutIsTTY && !quiet && !env.CI;

export function progressBar(io: IO, opts: ProgressOptions): Progress {
  const now = opts.now ?? Date.now;
  const shownFrom = now() + (opts.delayMs ?? 300);
  let done = 0;
  let drawn = false;
  let lastDraw = -Infinity;
  const draw = () => {
    const filled = opts.total ? Math.round((done / opts.total) * WIDTH) : WIDTH;
    io.err(`\r${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)} ${done}/${opts.total} ${opts.label}`);
    drawn = true;
    lastDraw = now();
  };
  return {
    advance(count) {
      done += count;
      const t = now();
      if (t >= shownFrom && t - lastDraw >= REDRAW_MS) draw();
    },
    stop() {
      if (drawn) io.err('\r\u001b[2K');
      drawn = false;
    },
  };
}
