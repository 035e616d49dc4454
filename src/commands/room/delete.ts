import type { Command } from 'commander';
import { mutating, runs } from '../command.js';
import type { Deps } from '../deps.js';
import { resolveRoom } from '../../context/ivs-resolve.js';
import { ignoringNotFound } from '../not-found.js';

export interface DeleteRoomOptions {
  room: string;
  ignoreNotFound?: boolean;
}

export function register(group: Command): void {
  mutating(
    group
      .command('delete <room>')
      .alias('rm')
      .description('Delete a room (ARN, id or name); connected clients stay connected until their session ends')
      .option('--ignore-not-found', 'succeed when it does not exist'),
  ).action(runs(run, ([room], f) => ({ room, ...f })));
}

export async function run(opts: DeleteRoomOptions, deps: Deps): Promise<void> {
  await ignoringNotFound(opts.ignoreNotFound, deps, `room ${opts.room}`, async () => {
    const identifier = await resolveRoom(deps.aws, opts.room);
    await deps.confirm(`delete room ${opts.room === identifier ? identifier : `${opts.room} (${identifier})`}`);
    await deps.aws.call('ivschat', 'DeleteRoom', { identifier });
    deps.done(`Deleted room ${opts.room}`);
  });
}
