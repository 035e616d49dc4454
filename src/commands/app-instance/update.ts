import type { Command } from 'commander';
import { mutating, runs } from '../command.js';
import type { Deps } from '../deps.js';
import { appInstanceArn } from '../../context/arn.js';
import { usageError } from '../../io/errors.js';

export interface UpdateAppInstanceOptions {
  app?: string;
  name?: string;
  metadata?: string;
}

export function register(group: Command): void {
  mutating(
    group
      .command('update [app]')
      .description('Change the name or metadata of an app instance')
      .option('--name <name>', 'new name')
      .option('--metadata <text>', 'new metadata'),
  ).action(runs(run, ([app], f) => ({ app, ...f })));
}

export async function run(opts: UpdateAppInstanceOptions, deps: Deps): Promise<void> {
  if (opts.name === undefined && opts.metadata === undefined) throw usageError('nothing to update', 'pass --name or --metadata');
  const arn = appInstanceArn(opts.app, deps.settings.appInstance);
  // UpdateAppInstance requires both Name and Metadata: resend the current value of the other.
  const { AppInstance: current } = await deps.aws.call('identity', 'DescribeAppInstance', { AppInstanceArn: arn });
  const output = await deps.aws.call('identity', 'UpdateAppInstance', {
    AppInstanceArn: arn,
    Name: opts.name ?? current?.Name,
    Metadata: opts.metadata ?? current?.Metadata ?? '',
  });
  await deps.render.item(output, { id: (d) => d.AppInstanceArn });
  deps.done(`Updated app instance ${opts.name ?? current?.Name}`);
}
