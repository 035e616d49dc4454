// IVS Chat tokens. `token create` keeps a hand-written run for where the token is shown: it is a
// secret, printed only when asked for.
import type { Command } from 'commander';
import type { ChatTokenCapability } from '@aws-sdk/client-ivschat';
import { collect, keyValue, runs } from '../command.js';
import type { Deps } from '../deps.js';
import { resolveRoom } from '../../context/ivs-resolve.js';
import { usageError } from '../../io/errors.js';
import { declare, modelEnum, rangeOption, withinLength } from '../verb.js';

const CAPABILITIES = () => modelEnum('ivschat', 'CreateChatToken', 'capabilities') as readonly ChatTokenCapability[];

export function register(group: Command): void {

  declare(
    group,
    {
      usage: 'create <room>',
      summary:
        'Create a chat token for one WebSocket connection to a room. The token is a secret: it is printed only with an explicit -o (json, jsonl, yaml, text, id), --query, or on a terminal.',
      examples: ['chatctl token create lobby --user-id alice --capability SEND_MESSAGE --duration 30 -o json', 'TOKEN=$(chatctl token create lobby --user-id viewer -o id)'],
      flags: (cmd) =>
        cmd
          .requiredOption('--user-id <id>', 'the chat participant (1-128 characters)')
          .option('--capability <capability>', `what the holder may do besides reading: ${CAPABILITIES().join(', ')} (repeatable)`, collect)
          .addOption(rangeOption('--duration <minutes>', 'session length in minutes (default 60)', 'ivschat', 'CreateChatToken', 'sessionDurationInMinutes'))
          .option('--attribute <key=value>', 'attribute attached to every message the user sends (repeatable; 1 KB in all)', keyValue),
    },
    'ivschat',
    'CreateChatToken',
  ).action(runs(createToken, ([room], f) => ({ room, ...f })));
}

export interface CreateTokenOptions {
  room: string;
  userId: string;
  capability?: string[];
  duration?: number;
  attribute?: Record<string, string>;
}

/** Whether the user asked to see the token: a format chosen on purpose, a query, or a person
 * at a terminal. The implicit json of a pipe (CI logs) does not count. */
export function tokenRequested(deps: Deps): boolean {
  const { settings, io } = deps;
  return settings.outputExplicit || Boolean(settings.query) || io.stdoutIsTTY;
}

export async function createToken(opts: CreateTokenOptions, deps: Deps): Promise<void> {
  const known = CAPABILITIES();
  // Capabilities are matched in any case (send_message), once each, in the order given.
  const requested = [...new Set((opts.capability ?? []).map((c) => c.toUpperCase()))];
  const capabilities = requested.flatMap((c) => known.filter((k) => k === c));
  const unknown = requested.filter((c) => !known.some((k) => k === c));
  if (unknown.length) throw usageError(`unknown capability ${unknown.join(', ')}`, `valid capabilities: ${known.join(', ')}`);
  withinLength(opts.userId, '--user-id', 'ivschat', 'CreateChatToken', 'userId');

  const output = await deps.aws.call('ivschat', 'CreateChatToken', {
    roomIdentifier: await resolveRoom(deps.aws, opts.room),
    userId: opts.userId,
    capabilities: capabilities.length ? capabilities : undefined,
    sessionDurationInMinutes: opts.duration,
    attributes: opts.attribute && Object.keys(opts.attribute).length ? opts.attribute : undefined,
  });
  if (deps.settings.dryRun) return;
  if (tokenRequested(deps)) {
    await deps.render.item(output, { id: (d) => d.token });
  } else {
    const { token: _secret, ...rest } = output;
    await deps.render.item(rest, { id: () => undefined });
    deps.warn('the token is not printed unless asked for: pass -o json (or -o id for the token alone)');
  }
  deps.done(`Created a chat token for ${opts.userId} in room ${opts.room}`);
}
