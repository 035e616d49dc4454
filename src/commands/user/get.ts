import type { Command } from 'commander';
import { runs } from '../command.js';
import type { Deps } from '../deps.js';
import { childArn } from '../../context/arn.js';

export function register(group: Command): void {
  group
    .command('get <user>')
    .description('Describe a user (id or ARN)')
    .action(runs(run, ([user]) => ({ user })));
}

export async function run(opts: { user: string }, deps: Deps): Promise<void> {
  const arn = childArn('user', opts.user, deps.app);
  const output = await deps.aws.call('identity', 'DescribeAppInstanceUser', { AppInstanceUserArn: arn });
  await deps.render.item(output, { show: (d) => d.AppInstanceUser, id: (d) => d.AppInstanceUser?.AppInstanceUserArn });
}
