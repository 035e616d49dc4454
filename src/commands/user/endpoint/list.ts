import type { Command } from 'commander';
import { paged, paging, runs, type PagingFlags } from '../../command.js';
import type { Deps } from '../../deps.js';
import { pages } from '../../../aws/paginate.js';
import { childArn } from '../../../context/arn.js';
import { endpointList } from '../views.js';

export function register(group: Command): void {
  paged(group.command('list <user>').alias('ls').description("List a user's push endpoints")).action(
    runs(run, ([user], f) => ({ user, ...f })),
  );
}

export async function run(opts: PagingFlags & { user: string }, deps: Deps): Promise<void> {
  const input = { AppInstanceUserArn: childArn('user', opts.user, deps.app) };
  await deps.render.list(
    pages(deps.aws, 'identity', 'ListAppInstanceUserEndpoints', input, { items: 'AppInstanceUserEndpoints' }, paging(opts)),
    endpointList,
  );
}
