// The tail loop shared by `tail channel` and `tail room`: connect, print matching events until
// --count, --timeout, a signal or the server ends it, and reconnect on the close codes the
// service calls retryable, with backoff and jitter, a fresh connection (endpoint, credentials,
// signature or token) each time, and one stderr line per state change. Exit codes follow
// cli-conventions §5: 0, 124 (timeout before --count), 130/143 (signals), 254 (the service
// refused the session), 255 (reconnects exhausted, network).
import { CliError, ExitCode } from '../io/errors.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import type { EventFilter } from './filters.js';
import type { EventPrinter } from './render.js';
import type { CloseInfo, TailDeps, TailEvent } from './types.js';

/** One open, subscribed connection. */
export interface Link {
  closed: Promise<CloseInfo>;
  close(code: number, reason?: string): void;
  /** Epoch ms by which the connection must be replaced (IVS session expiry); none for Chime. */
  renewAt?: number;
}

export interface Connector {
  /** What is being tailed, for messages: `channel general as alice`. */
  target: string;
  /** Connects and resolves once subscribed (SESSION_ESTABLISHED / open). Events go to deliver. */
  open(deliver: (event: TailEvent) => void): Promise<Link>;
  /** Whether a close with this code should be followed by a reconnect. */
  retryable(close: CloseInfo): boolean;
  /** Whether a failed open() may be retried (network trouble) or is final (e.g. NotFound). */
  retryableError(err: unknown): boolean;
  /** After a reconnect: deliver what was missed (backfill). Returns a summary for stderr. */
  afterReconnect?(deliver: (event: TailEvent) => void): Promise<string | undefined>;
}

export interface TailOptions {
  filter: EventFilter;
  printer: EventPrinter;
  count?: number;
  timeoutMs?: number;
  backoff?: BackoffPolicy;
}

/** Keys remembered for de-duplication (overlapping sockets, backfill against live frames). */
const SEEN_LIMIT = 20_000;
/** How long a stop waits for the server's answer to our close frame. */
const CLOSE_WAIT_MS = 1000;

export async function runTail(deps: TailDeps, connector: Connector, opts: TailOptions): Promise<number> {
  const { io, settings } = deps;
  const note = (line: string) => {
    if (!settings.quiet) io.err(line + '\n');
  };
  const backoff = opts.backoff ?? DEFAULT_BACKOFF;
  let stopCode: number | undefined;
  let resolveStop!: (code: number) => void;
  const stopped = new Promise<number>((resolve) => (resolveStop = resolve));
  const stop = (code: number) => {
    if (stopCode !== undefined) return;
    stopCode = code;
    resolveStop(code);
  };

  const seen = new RecentKeys(SEEN_LIMIT);
  let matched = 0;
  // While a backfill runs, live events wait here, so the output stays in time order.
  let held: TailEvent[] | undefined;
  const deliver = (event: TailEvent) => {
    if (held) held.push(event);
    else print(event);
  };
  const print = (event: TailEvent) => {
    if (stopCode !== undefined) return;
    if (event.key !== undefined && !seen.add(event.key)) return;
    if (!opts.filter(event)) return;
    opts.printer.print(event);
    matched++;
    if (opts.count !== undefined && matched >= opts.count) stop(ExitCode.ok);
  };

  const onSigint = () => stop(ExitCode.sigint);
  const onSigterm = () => stop(ExitCode.sigterm);
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);
  const timer = opts.timeoutMs !== undefined ? setTimeout(() => stop(opts.count !== undefined ? ExitCode.timeout : ExitCode.ok), opts.timeoutMs) : undefined;

  let link: Link | undefined;
  try {
    let attempt = 0;
    let connectedBefore = false;
    let lostAt: Date | undefined;
    while (stopCode === undefined) {
      try {
        link = await untilStopped(connector.open(deliver), stopped);
      } catch (err) {
        if (!connectedBefore || !connector.retryableError(err)) throw err;
        attempt = await pause(`could not reconnect (${describe(err)})`, ++attempt);
        continue;
      }
      if (!link) break; // stopped while connecting
      if (!connectedBefore) note(`connected to ${connector.target}; waiting for events (Ctrl-C to stop)`);
      else {
        const gap = lostAt ? `between ${lostAt.toISOString()} and ${new Date().toISOString()}` : 'while disconnected';
        if (!connector.afterReconnect) note(`reconnected to ${connector.target}; events ${gap} may be missing`);
        else {
          note(`reconnected to ${connector.target}; listing the messages sent ${gap}`);
          held = [];
          try {
            const summary = await connector.afterReconnect(print);
            if (summary) note(summary);
          } catch (err) {
            note(`! backfill failed (${describe(err)}); messages sent while disconnected may be missing`);
          } finally {
            const live = held;
            held = undefined;
            for (const event of live) print(event);
          }
        }
      }
      connectedBefore = true;
      attempt = 0;

      const close = await watch();
      if (!close) break;
      if (!connector.retryable(close)) {
        if (close.code === 1000) {
          note(`the server ended the session (${close.code}${close.reason ? ': ' + close.reason : ''})`);
          stop(ExitCode.ok);
          break;
        }
        throw new CliError(
          `${connector.target}: the service closed the connection (${close.code}${close.reason ? ': ' + close.reason : ''})`,
          close.code === 4401 || close.code === 4003 ? ExitCode.service : ExitCode.other,
        );
      }
      lostAt = new Date();
      attempt = await pause(`connection lost (code ${close.code})`, ++attempt);
    }
  } finally {
    clearTimeout(timer);
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
    if (link) await closeLink(link);
    opts.printer.flush();
    await io.drain();
  }
  return stopCode ?? ExitCode.ok;

  /** Waits on the current link: its close (returned), a stop (undefined), or its renewal. */
  async function watch(): Promise<CloseInfo | undefined> {
    for (;;) {
      const current = link!;
      const renew = current.renewAt !== undefined ? delay(Math.max(0, current.renewAt - Date.now())) : undefined;
      const outcome = await Promise.race([
        current.closed.then((close) => ({ kind: 'closed' as const, close })),
        stopped.then(() => ({ kind: 'stopped' as const })),
        ...(renew ? [renew.promise.then(() => ({ kind: 'renew' as const }))] : []),
      ]);
      renew?.cancel();
      if (outcome.kind === 'stopped') return undefined;
      if (outcome.kind === 'closed') return outcome.close;
      // Hand over before the session ends: open the next connection, then close this one.
      // Frames seen on both during the overlap are dropped by the de-duplication above.
      try {
        const next = await untilStopped(connector.open(deliver), stopped);
        if (!next) return undefined;
        link = next;
        current.close(1000, 'session renewed');
        note(`renewed the session to ${connector.target}`);
      } catch (err) {
        note(`! could not renew the session (${describe(err)}); staying on the current one`);
        current.renewAt = undefined;
      }
    }
  }

  /** Announces a retry and sleeps; throws 255 once the attempts are used up. */
  async function pause(why: string, attemptNo: number): Promise<number> {
    if (attemptNo > backoff.maxAttempts) {
      throw new CliError(`lost connection to ${connector.target} after ${backoff.maxAttempts} attempts`, ExitCode.other, 'rerun the command');
    }
    const ms = backoffDelay(backoff, attemptNo);
    note(`! ${why}; reconnecting in ${(ms / 1000).toFixed(1)}s (attempt ${attemptNo}/${backoff.maxAttempts})`);
    const wait = delay(ms);
    await Promise.race([wait.promise, stopped]);
    wait.cancel();
    return attemptNo;
  }
}

/** The last `limit` to `2 × limit` keys, in two generations: O(1) per key. (Evicting the
 * oldest entry of one big Set is not: V8 skips the deleted slots at its front each time.) */
export class RecentKeys {
  private current = new Set<string>();
  private previous = new Set<string>();

  constructor(private readonly limit: number) {}

  /** Adds the key; false when it was already there. */
  add(key: string): boolean {
    if (this.current.has(key) || this.previous.has(key)) return false;
    if (this.current.size >= this.limit) {
      this.previous = this.current;
      this.current = new Set();
    }
    this.current.add(key);
    return true;
  }
}

async function closeLink(link: Link): Promise<void> {
  link.close(1000);
  const wait = delay(CLOSE_WAIT_MS);
  await Promise.race([link.closed, wait.promise]);
  wait.cancel();
}

/** The promise's value, or undefined when `stopped` settles first (a late link is closed). */
async function untilStopped<T extends Link>(promise: Promise<T>, stopped: Promise<number>): Promise<T | undefined> {
  const result = await Promise.race([promise, stopped.then(() => undefined)]);
  if (result === undefined) promise.then((late) => late.close(1000), () => {});
  return result;
}

function delay(ms: number): { promise: Promise<void>; cancel(): void } {
  let timer: NodeJS.Timeout;
  const promise = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return { promise, cancel: () => clearTimeout(timer) };
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
