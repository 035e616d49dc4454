import type { Command } from 'commander';
import { runs } from '../command.js';
import type { Deps } from '../deps.js';
import { resolveRoom } from '../../context/ivs-resolve.js';
import { roomItem } from './views.js';

export function register(group: Command): void {
  group
    .command('get <room>')
    .description('Show a room (ARN, id or name)')
    .action(runs(run, ([room]) => ({ room })));
}

export async function run(opts: { room: string }, deps: Deps): Promise<void> {
  const identifier = await resolveRoom(deps.aws, opts.room);
  const output = await deps.aws.call('ivschat', 'GetRoom', { identifier });
  await deps.render.item(output, roomItem);
}
