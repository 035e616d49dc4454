import type { Command } from 'commander';
import { paged, paging, runs, type PagingFlags } from '../command.js';
import type { Deps } from '../deps.js';
import { pages } from '../../aws/paginate.js';
import { botList } from './views.js';

export function register(group: Command): void {
  paged(group.command('list').alias('ls').description('List the bots of the app instance')).action(runs(run, (_, f) => f));
}

export async function run(opts: PagingFlags, deps: Deps): Promise<void> {
  const input = { AppInstanceArn: deps.app() };
  await deps.render.list(pages(deps.aws, 'identity', 'ListAppInstanceBots', input, paging(opts)), botList);
}
