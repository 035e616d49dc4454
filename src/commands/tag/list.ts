import type { Command } from 'commander';
import { runs } from '../command.js';
import type { Deps } from '../deps.js';
import { listTags, renderTags, tagTarget } from './target.js';

export function register(group: Command): void {
  group
    .command('list <arn>')
    .alias('ls')
    .description('List the tags of a Chime SDK or IVS Chat resource')
    .option('--no-headers', 'omit table headers')
    .action(runs(run, ([arn]) => ({ arn })));
}

export async function run(opts: { arn: string }, deps: Deps): Promise<void> {
  const target = tagTarget(opts.arn);
  await renderTags(deps, target, await listTags(deps.aws, target));
}
