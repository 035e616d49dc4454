import type { Command } from 'commander';
import { intArg, mutating, runs } from '../command.js';
import type { Deps } from '../deps.js';
import { childArn, shortId } from '../../context/arn.js';
import { usageError } from '../../io/errors.js';

export interface ExpireUserOptions {
  user: string;
  days?: number;
  clear?: boolean;
}

export function register(group: Command): void {
  mutating(
    group
      .command('expire <user>')
      .description('Set (--days) or remove (--clear) the expiration of a user; expiry counts from its creation')
      .option('--days <n>', 'delete the user this many days after it was created (1-5475)', intArg(1, 5475))
      .option('--clear', 'remove the expiration setting'),
  ).action(runs(run, ([user], f) => ({ user, ...f })));
}

export async function run(opts: ExpireUserOptions, deps: Deps): Promise<void> {
  if ((opts.days === undefined) === !opts.clear) {
    throw usageError('pass exactly one of --days N and --clear', "Run 'chatctl user expire --help' for usage.");
  }
  const arn = childArn('user', opts.user, deps.app);
  const output = await deps.aws.call('identity', 'PutAppInstanceUserExpirationSettings', {
    AppInstanceUserArn: arn,
    // Without ExpirationSettings the call removes the user's expiration.
    ExpirationSettings: opts.clear ? undefined : { ExpirationDays: opts.days, ExpirationCriterion: 'CREATED_TIMESTAMP' },
  });
  await deps.render.item(output, { id: (d) => d.AppInstanceUserArn });
  deps.done(opts.clear ? `Removed the expiration of user ${shortId(arn)}` : `User ${shortId(arn)} expires ${opts.days} days after creation`);
}
