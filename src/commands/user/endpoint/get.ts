import type { Command } from 'commander';
import { runs } from '../../command.js';
import type { Deps } from '../../deps.js';
import { childArn } from '../../../context/arn.js';

export function register(group: Command): void {
  group
    .command('get <user> <id>')
    .description('Describe one push endpoint of a user')
    .action(runs(run, ([user, id]) => ({ user, id })));
}

export async function run(opts: { user: string; id: string }, deps: Deps): Promise<void> {
  const output = await deps.aws.call('identity', 'DescribeAppInstanceUserEndpoint', {
    AppInstanceUserArn: childArn('user', opts.user, deps.app),
    EndpointId: opts.id,
  });
  await deps.render.item(output, { show: (d) => d.AppInstanceUserEndpoint, id: (d) => d.AppInstanceUserEndpoint?.EndpointId });
}
