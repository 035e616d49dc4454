import type { Command } from 'commander';
import { mutating, runs } from '../command.js';
import type { Deps } from '../deps.js';
import { ignoringNotFound } from '../not-found.js';
import { adminTarget, describeMember } from './target.js';

export interface RemoveAdminOptions {
  member: string;
  ignoreNotFound?: boolean;
}

export function register(group: Command): void {
  mutating(
    group
      .command('remove <member>')
      .alias('rm')
      .description('Take admin rights away from a user or bot (asks first on a terminal; pass --yes in scripts)')
      .option('--ignore-not-found', 'succeed when it is not an admin'),
  ).action(runs(run, ([member], f) => ({ member, ...f })));
}

export async function run(opts: RemoveAdminOptions, deps: Deps): Promise<void> {
  const { adminArn, appArn } = adminTarget(opts.member, deps);
  const who = describeMember(adminArn);
  await ignoringNotFound(opts.ignoreNotFound, deps, `admin ${who}`, async () => {
    await deps.confirm(`remove admin ${who}`);
    await deps.aws.call('identity', 'DeleteAppInstanceAdmin', { AppInstanceArn: appArn, AppInstanceAdminArn: adminArn });
    deps.done(`Removed admin ${who}`);
  });
}
