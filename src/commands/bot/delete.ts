import type { Command } from 'commander';
import { mutating, runs } from '../command.js';
import type { Deps } from '../deps.js';
import { childArn, shortId } from '../../context/arn.js';
import { ignoringNotFound } from '../not-found.js';

export interface DeleteBotOptions {
  bot: string;
  ignoreNotFound?: boolean;
}

export function register(group: Command): void {
  mutating(
    group
      .command('delete <bot>')
      .alias('rm')
      .description('Delete a bot (asks first on a terminal; pass --yes in scripts)')
      .option('--ignore-not-found', 'succeed when it does not exist'),
  ).action(runs(run, ([bot], f) => ({ bot, ...f })));
}

export async function run(opts: DeleteBotOptions, deps: Deps): Promise<void> {
  const arn = childArn('bot', opts.bot, deps.app);
  await ignoringNotFound(opts.ignoreNotFound, deps, `bot ${shortId(arn)}`, async () => {
    await deps.confirm(`delete bot ${shortId(arn)}`);
    await deps.aws.call('identity', 'DeleteAppInstanceBot', { AppInstanceBotArn: arn });
    deps.done(`Deleted bot ${shortId(arn)}`);
  });
}
