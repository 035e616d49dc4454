import type { Command } from 'commander';
import { mutating, runs } from '../command.js';
import type { Deps } from '../deps.js';
import { usageError } from '../../io/errors.js';
import { resolveRoom } from '../../context/ivs-resolve.js';
import { eventItem } from './views.js';

export interface DeleteMessageOptions {
  room: string;
  messageId: string;
  reason?: string;
}

export function checkReason(reason: string | undefined): void {
  if (reason === undefined) return;
  const length = [...reason].length;
  if (length < 1 || length > 256) throw usageError(`--reason must be 1-256 characters (got ${length})`);
}

export function register(group: Command): void {
  mutating(
    group
      .command('delete-message <room> <message-id>')
      .description('Tell the clients in a room to remove a message (sends the aws:DELETE_MESSAGE event)')
      .option('--reason <text>', 'why (1-256 characters), shown to clients'),
  ).action(runs(run, ([room, messageId], f) => ({ room, messageId, ...f })));
}

export async function run(opts: DeleteMessageOptions, deps: Deps): Promise<void> {
  if (!/^[a-zA-Z0-9]{12}$/.test(opts.messageId)) throw usageError(`'${opts.messageId}' is not a message id (12 letters and digits)`);
  checkReason(opts.reason);
  const roomIdentifier = await resolveRoom(deps.aws, opts.room);
  await deps.confirm(`delete message ${opts.messageId} in room ${opts.room}`);
  const output = await deps.aws.call('ivschat', 'DeleteMessage', { roomIdentifier, id: opts.messageId, reason: opts.reason });
  await deps.render.item(output, eventItem);
  deps.done(`Deleted message ${opts.messageId} in room ${opts.room}`);
}
