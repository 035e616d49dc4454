// `chatctl tail channel` and `chatctl tail room`: flags only; the work is in src/tail/, loaded
// when a tail runs (it brings ws and the SDK). A tail returns its exit code (0, 124, 130, 143);
// failures throw and the root prints them.
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { collect, intArg, runs } from '../command.js';
import { handles, withExamples } from '../verb.js';
import type { Deps } from '../deps.js';

export function register(group: Command): void {
  // GetMessagingSessionEndpoint has no command of its own: `tail channel` is where it is used.
  common(
    handles(group.command('channel [channel...]'), 'messaging', 'GetMessagingSessionEndpoint')
      .description('Print the live events of the channels a user (--as) belongs to, all of them unless channels are named')
      .option('--message-type <type>', 'only STANDARD, CONTROL or SYSTEM (repeatable)', collect)
      .option('--prefetch', 'first print the channel details the service sends on connect (CHANNEL_DETAILS)')
      .option('--no-backfill', 'after a reconnect, do not list the messages sent while disconnected')
      .option('--print-url', 'print the presigned connect URL (valid 10 s) and exit'),
    [
      'chatctl tail channel general --as bob',
      'chatctl tail channel --as bob --count 3 --timeout 30s -o jsonl',
      'chatctl tail channel general --as bob --message-type STANDARD --search deploy',
    ],
  ).action(
    runs(
      async (opts: any, deps: Deps) => (await import('../../tail/chime.js')).tailChannel(opts, deps),
      ([channels], f) => ({ channels, ...f, timeoutMs: f.timeout }),
      { inAppInstance: true },
    ),
  );
  common(
    group
      .command('room <room>')
      .description('Print the live messages and events of an IVS Chat room (with a view-only chat token unless --capability)')
      .option('--user-id <id>', "the tail's own chat user id (default chatctl-tail-<random>)")
      .option('--capability <capability>', 'token capability: SEND_MESSAGE, DELETE_MESSAGE, DISCONNECT_USER (repeatable)', collect),
    ['chatctl tail room lobby', 'chatctl tail room lobby --count 1 --timeout 10s -o jsonl'],
  ).action(
    runs(
      async (opts: any, deps: Deps) => (await import('../../tail/ivs.js')).tailRoom(opts, deps),
      ([room], f) => ({ room, ...f, timeoutMs: f.timeout }),
    ),
  );
}

function common(cmd: Command, examples: string[]): Command {
  withExamples(cmd, examples);
  return cmd
    .option('--event-type <type>', 'only these event types (repeatable)', collect)
    .option('--sender <who>', 'only events from this sender: ARN, id or name (repeatable)', collect)
    .option('--search <text>', 'only events whose text contains this, any case (repeatable)', collect)
    .option('--count <n>', 'exit 0 after N matching events', intArg(1))
    .option('--timeout <duration>', 'stop after this long (30s, 5m, 500ms); exit 124 if --count was not reached', duration)
    .addHelpText(
      'after',
      '\nOn a terminal: one line per event. With -o jsonl (the default in a pipe): one JSON object per event.\n' +
        'Status lines (connected, reconnecting) go to stderr.',
    );
}

/** `30s`, `5m`, `1h`, `500ms`, or a number of seconds -> milliseconds. */
export function duration(value: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  if (!m) throw new InvalidArgumentError(`'${value}' is not a duration (e.g. 30s, 5m, 500ms).`);
  const scale = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Math.round(Number(m[1]) * scale);
}
