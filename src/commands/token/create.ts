import type { Command } from 'commander';
import { collect, intArg, keyValue, runs } from '../command.js';
import type { Deps } from '../deps.js';
import { usageError } from '../../io/errors.js';
import { resolveRoom } from '../../context/ivs-resolve.js';

export const CAPABILITIES = ['SEND_MESSAGE', 'DELETE_MESSAGE', 'DISCONNECT_USER'] as const;

export interface CreateTokenOptions {
  room: string;
  userId: string;
  capability?: string[];
  duration?: number;
  attribute?: Record<string, string>;
}

export function register(group: Command): void {
  group
    .command('create <room>')
    .description(
      'Create a chat token for one WebSocket connection to a room. The token is a secret: it is printed only with an explicit -o (json, jsonl, yaml, text, id), --query, or on a terminal.',
    )
    .requiredOption('--user-id <id>', 'the chat participant (1-128 characters)')
    .option('--capability <capability>', `what the holder may do besides reading: ${CAPABILITIES.join(', ')} (repeatable)`, collect)
    .option('--duration <minutes>', 'session length in minutes, 1-180 (default 60)', intArg(1, 180))
    .option('--attribute <key=value>', 'attribute attached to every message the user sends (repeatable; 1 KB in all)', keyValue)
    .action(runs(run, ([room], f) => ({ room, ...f })));
}

/** Whether the user asked to see the token: a format chosen on purpose, a query, or a person
 * at a terminal. The implicit json of a pipe (CI logs) does not count. */
export function tokenRequested(deps: Deps): boolean {
  const { settings, io } = deps;
  return settings.outputExplicit || Boolean(settings.query) || io.stdoutIsTTY;
}

export async function run(opts: CreateTokenOptions, deps: Deps): Promise<void> {
  const capabilities = [...new Set((opts.capability ?? []).map((c) => c.toUpperCase()))];
  const unknown = capabilities.filter((c) => !(CAPABILITIES as readonly string[]).includes(c));
  if (unknown.length) throw usageError(`unknown capability ${unknown.join(', ')}`, `valid capabilities: ${CAPABILITIES.join(', ')}`);
  const length = [...opts.userId].length;
  if (length < 1 || length > 128) throw usageError(`--user-id must be 1-128 characters (got ${length})`);

  const roomIdentifier = await resolveRoom(deps.aws, opts.room);
  const output = await deps.aws.call('ivschat', 'CreateChatToken', {
    roomIdentifier,
    userId: opts.userId,
    capabilities: capabilities.length ? capabilities : undefined,
    sessionDurationInMinutes: opts.duration,
    attributes: opts.attribute && Object.keys(opts.attribute).length ? opts.attribute : undefined,
  });
  if (tokenRequested(deps)) {
    await deps.render.item(output, { id: (d) => d.token });
  } else {
    const { token: _secret, ...rest } = output;
    await deps.render.item(rest, { id: () => undefined });
    deps.warn('the token is not printed unless asked for: pass -o json (or -o id for the token alone)');
  }
  deps.done(`Created a chat token for ${opts.userId} in room ${opts.room}`);
}
