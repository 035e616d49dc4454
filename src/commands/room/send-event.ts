import type { Command } from 'commander';
import { keyValue, mutating, runs } from '../command.js';
import type { Deps } from '../deps.js';
import { usageError } from '../../io/errors.js';
import { resolveRoom } from '../../context/ivs-resolve.js';
import { eventItem } from './views.js';

export interface SendEventOptions {
  room: string;
  name: string;
  attribute?: Record<string, string>;
}

export function register(group: Command): void {
  mutating(
    group
      .command('send-event <room> <name>')
      .description('Send an application event to everyone connected to a room')
      .option('--attribute <key=value>', 'event attribute (repeatable; 1 KB in all)', keyValue),
  ).action(runs(run, ([room, name], f) => ({ room, name, ...f })));
}

export async function run(opts: SendEventOptions, deps: Deps): Promise<void> {
  const length = [...opts.name].length;
  if (length < 1 || length > 100) throw usageError(`event name must be 1-100 characters (got ${length})`);
  const roomIdentifier = await resolveRoom(deps.aws, opts.room);
  const output = await deps.aws.call('ivschat', 'SendEvent', {
    roomIdentifier,
    eventName: opts.name,
    attributes: opts.attribute && Object.keys(opts.attribute).length ? opts.attribute : undefined,
  });
  await deps.render.item(output, eventItem);
  deps.done(`Sent event ${opts.name} to room ${opts.room}`);
}
