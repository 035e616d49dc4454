import type { Command } from 'commander';
import { collect, mutating, runs } from '../command.js';
import type { Deps } from '../deps.js';
import { listTags, removeTags, renderTags, tagTarget } from './target.js';

export interface RemoveTagsOptions {
  arn: string;
  keys: string[];
}

export function register(group: Command): void {
  mutating(
    group
      .command('remove')
      .alias('rm')
      .description('Remove tags (by key) from a Chime SDK or IVS Chat resource; prints the remaining tags')
      .argument('<arn>', 'resource ARN')
      .argument('<key...>', 'tag keys to remove', collect),
  ).action(runs(run, ([arn, keys]) => ({ arn, keys })));
}

export async function run(opts: RemoveTagsOptions, deps: Deps): Promise<void> {
  const target = tagTarget(opts.arn);
  await removeTags(deps.aws, target, opts.keys);
  if (!deps.settings.dryRun) await renderTags(deps, target, await listTags(deps.aws, target));
  deps.done(`Removed tags ${opts.keys.join(', ')} from ${opts.arn}`);
}
