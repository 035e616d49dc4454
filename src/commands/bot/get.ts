import type { Command } from 'commander';
import { runs } from '../command.js';
import type { Deps } from '../deps.js';
import { childArn } from '../../context/arn.js';

export function register(group: Command): void {
  group
    .command('get <bot>')
    .description('Describe a bot (id or ARN)')
    .action(runs(run, ([bot]) => ({ bot })));
}

export async function run(opts: { bot: string }, deps: Deps): Promise<void> {
  const arn = childArn('bot', opts.bot, deps.app);
  const output = await deps.aws.call('identity', 'DescribeAppInstanceBot', { AppInstanceBotArn: arn });
  await deps.render.item(output, { show: (d) => d.AppInstanceBot, id: (d) => d.AppInstanceBot?.AppInstanceBotArn });
}
