import type { Command } from 'commander';
import { mutating, runs } from '../../command.js';
import type { Deps } from '../../deps.js';
import { childArn, shortId } from '../../../context/arn.js';
import { ignoringNotFound } from '../../not-found.js';

export interface DeregisterEndpointOptions {
  user: string;
  id: string;
  ignoreNotFound?: boolean;
}

export function register(group: Command): void {
  mutating(
    group
      .command('deregister <user> <id>')
      .description('Remove a push endpoint of a user (asks first on a terminal; pass --yes in scripts)')
      .option('--ignore-not-found', 'succeed when it does not exist'),
  ).action(runs(run, ([user, id], f) => ({ user, id, ...f })));
}

export async function run(opts: DeregisterEndpointOptions, deps: Deps): Promise<void> {
  const arn = childArn('user', opts.user, deps.app);
  const what = `endpoint ${opts.id} of user ${shortId(arn)}`;
  await ignoringNotFound(opts.ignoreNotFound, deps, what, async () => {
    await deps.confirm(`deregister ${what}`);
    await deps.aws.call('identity', 'DeregisterAppInstanceUserEndpoint', { AppInstanceUserArn: arn, EndpointId: opts.id });
    deps.done(`Deregistered ${what}`);
  });
}
