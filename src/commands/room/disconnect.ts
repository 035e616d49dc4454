import type { Command } from 'commander';
import { mutating, runs } from '../command.js';
import type { Deps } from '../deps.js';
import { usageError } from '../../io/errors.js';
import { resolveRoom } from '../../context/ivs-resolve.js';
import { checkReason } from './delete-message.js';

export interface DisconnectOptions {
  room: string;
  userId: string;
  reason?: string;
}

export function register(group: Command): void {
  mutating(
    group
      .command('disconnect <room> <user-id>')
      .description('Disconnect every connection of a user from a room (they may reconnect with a new token)')
      .option('--reason <text>', 'why (1-256 characters), shown to clients'),
  ).action(runs(run, ([room, userId], f) => ({ room, userId, ...f })));
}

export async function run(opts: DisconnectOptions, deps: Deps): Promise<void> {
  const length = [...opts.userId].length;
  if (length < 1 || length > 128) throw usageError(`user id must be 1-128 characters (got ${length})`);
  checkReason(opts.reason);
  const roomIdentifier = await resolveRoom(deps.aws, opts.room);
  await deps.confirm(`disconnect user ${opts.userId} from room ${opts.room}`);
  // DisconnectUser answers an empty object: nothing to print on stdout.
  await deps.aws.call('ivschat', 'DisconnectUser', { roomIdentifier, userId: opts.userId, reason: opts.reason });
  deps.done(`Disconnected user ${opts.userId} from room ${opts.room}`);
}
