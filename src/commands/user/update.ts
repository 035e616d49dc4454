import type { Command } from 'commander';
import { mutating, runs } from '../command.js';
import type { Deps } from '../deps.js';
import { childArn, shortId } from '../../context/arn.js';
import { usageError } from '../../io/errors.js';

export interface UpdateUserOptions {
  user: string;
  name?: string;
  metadata?: string;
}

export function register(group: Command): void {
  mutating(
    group
      .command('update <user>')
      .description('Change the name or metadata of a user')
      .option('--name <name>', 'new display name')
      .option('--metadata <text>', 'new metadata'),
  ).action(runs(run, ([user], f) => ({ user, ...f })));
}

export async function run(opts: UpdateUserOptions, deps: Deps): Promise<void> {
  if (opts.name === undefined && opts.metadata === undefined) throw usageError('nothing to update', 'pass --name or --metadata');
  const arn = childArn('user', opts.user, deps.app);
  // UpdateAppInstanceUser requires both Name and Metadata: resend the current value of the other.
  const { AppInstanceUser: current } = await deps.aws.call('identity', 'DescribeAppInstanceUser', { AppInstanceUserArn: arn });
  const output = await deps.aws.call('identity', 'UpdateAppInstanceUser', {
    AppInstanceUserArn: arn,
    Name: opts.name ?? current?.Name,
    Metadata: opts.metadata ?? current?.Metadata ?? '',
  });
  await deps.render.item(output, { id: (d) => d.AppInstanceUserArn });
  deps.done(`Updated user ${shortId(arn)}`);
}
