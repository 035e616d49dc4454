import type { Command } from 'commander';
import { paged, paging, runs, type PagingFlags } from '../command.js';
import type { Deps } from '../deps.js';
import { pages } from '../../aws/paginate.js';
import { resolveLoggingConfiguration } from '../../context/ivs-resolve.js';
import { roomList } from './views.js';

export interface ListRoomsOptions extends PagingFlags {
  name?: string;
  logging?: string;
  reviewHandler?: string;
}

export function register(group: Command): void {
  paged(
    group
      .command('list')
      .alias('ls')
      .description('List rooms, most recently updated first')
      .option('--name <name>', 'only rooms with this name')
      .option('--logging <logcfg>', 'only rooms using this logging configuration (ARN, id or name)')
      .option('--review-handler <lambda-arn>', 'only rooms reviewed by this Lambda function'),
  ).action(runs(run, (_, f) => f));
}

export async function run(opts: ListRoomsOptions, deps: Deps): Promise<void> {
  const input = {
    name: opts.name,
    messageReviewHandlerUri: opts.reviewHandler,
    loggingConfigurationIdentifier: opts.logging ? await resolveLoggingConfiguration(deps.aws, opts.logging) : undefined,
  };
  await deps.render.list(pages(deps.aws, 'ivschat', 'ListRooms', input, paging(opts)), roomList);
}
