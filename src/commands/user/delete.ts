import type { Command } from 'commander';
import { mutating, runs } from '../command.js';
import type { Deps } from '../deps.js';
import { childArn, shortId } from '../../context/arn.js';
import { ignoringNotFound } from '../not-found.js';

export interface DeleteUserOptions {
  user: string;
  ignoreNotFound?: boolean;
}

export function register(group: Command): void {
  mutating(
    group
      .command('delete <user>')
      .alias('rm')
      .description('Delete a user (asks first on a terminal; pass --yes in scripts)')
      .option('--ignore-not-found', 'succeed when it does not exist'),
  ).action(runs(run, ([user], f) => ({ user, ...f })));
}

export async function run(opts: DeleteUserOptions, deps: Deps): Promise<void> {
  const arn = childArn('user', opts.user, deps.app);
  await ignoringNotFound(opts.ignoreNotFound, deps, `user ${shortId(arn)}`, async () => {
    await deps.confirm(`delete user ${shortId(arn)}`);
    await deps.aws.call('identity', 'DeleteAppInstanceUser', { AppInstanceUserArn: arn });
    deps.done(`Deleted user ${shortId(arn)}`);
  });
}
