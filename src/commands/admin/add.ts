import type { Command } from 'commander';
import { mutating, runs } from '../command.js';
import type { Deps } from '../deps.js';
import { adminTarget, describeMember } from './target.js';

export function register(group: Command): void {
  mutating(
    group
      .command('add <member>')
      .description('Make a user (id or ARN) or a bot (bot/<id> or ARN) an app instance admin'),
  ).action(runs(run, ([member]) => ({ member })));
}

export async function run(opts: { member: string }, deps: Deps): Promise<void> {
  const { adminArn, appArn } = adminTarget(opts.member, deps);
  const output = await deps.aws.call('identity', 'CreateAppInstanceAdmin', { AppInstanceArn: appArn, AppInstanceAdminArn: adminArn });
  await deps.render.item(output, { id: (d) => d.AppInstanceAdmin?.Arn });
  deps.done(`Made ${describeMember(adminArn)} an admin`);
}
