import type { Command } from 'commander';
import { paged, paging, runs, type PagingFlags } from '../command.js';
import type { Deps } from '../deps.js';
import { pages } from '../../aws/paginate.js';
import { loggingList } from './views.js';

export function register(group: Command): void {
  paged(group.command('list').alias('ls').description('List logging configurations')).action(runs(run, (_, f) => f));
}

export async function run(opts: PagingFlags, deps: Deps): Promise<void> {
  await deps.render.list(
    pages(deps.aws, 'ivschat', 'ListLoggingConfigurations', {}, paging(opts)),
    loggingList,
  );
}
