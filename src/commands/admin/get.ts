import type { Command } from 'commander';
import { runs } from '../command.js';
import type { Deps } from '../deps.js';
import { adminTarget } from './target.js';

export function register(group: Command): void {
  group
    .command('get <member>')
    .description('Describe an admin (user id, bot/<id>, or ARN)')
    .action(runs(run, ([member]) => ({ member })));
}

export async function run(opts: { member: string }, deps: Deps): Promise<void> {
  const { adminArn, appArn } = adminTarget(opts.member, deps);
  const output = await deps.aws.call('identity', 'DescribeAppInstanceAdmin', { AppInstanceArn: appArn, AppInstanceAdminArn: adminArn });
  await deps.render.item(output, { show: (d) => d.AppInstanceAdmin, id: (d) => d.AppInstanceAdmin?.Admin?.Arn });
}
