import type { Command } from 'commander';
import { runs } from '../command.js';
import type { Deps } from '../deps.js';
import { appInstanceArn } from '../../context/arn.js';

export function register(group: Command): void {
  group
    .command('get [app]')
    .description('Show the message retention of an app instance (default: --app-instance)')
    .action(runs(run, ([app]) => ({ app })));
}

export async function run(opts: { app?: string }, deps: Deps): Promise<void> {
  const arn = appInstanceArn(opts.app, deps.settings.appInstance);
  const output = await deps.aws.call('identity', 'GetAppInstanceRetentionSettings', { AppInstanceArn: arn });
  await deps.render.item(output, { id: () => arn });
}
