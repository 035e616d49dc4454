import type { Command } from 'commander';
import { choice, mutating, runs } from '../../command.js';
import type { Deps } from '../../deps.js';
import { childArn } from '../../../context/arn.js';
import { usageError } from '../../../io/errors.js';
import { ALLOW_MESSAGES } from './register.js';

export interface UpdateEndpointOptions {
  user: string;
  id: string;
  name?: string;
  allowMessages?: string;
}

export function register(group: Command): void {
  mutating(
    group
      .command('update <user> <id>')
      .description('Rename a push endpoint or change whether it receives messages')
      .option('--name <name>', 'new endpoint name')
      .addOption(choice('--allow-messages <value>', 'whether the endpoint receives channel messages', ALLOW_MESSAGES)),
  ).action(runs(run, ([user, id], f) => ({ user, id, ...f })));
}

export async function run(opts: UpdateEndpointOptions, deps: Deps): Promise<void> {
  if (opts.name === undefined && opts.allowMessages === undefined) {
    throw usageError('nothing to update', 'pass --name or --allow-messages');
  }
  // Both members are optional in UpdateAppInstanceUserEndpoint, so no read is needed.
  const output = await deps.aws.call('identity', 'UpdateAppInstanceUserEndpoint', {
    AppInstanceUserArn: childArn('user', opts.user, deps.app),
    EndpointId: opts.id,
    Name: opts.name,
    AllowMessages: opts.allowMessages,
  });
  await deps.render.item(output, { id: (d) => d.EndpointId });
  deps.done(`Updated endpoint ${opts.id}`);
}
