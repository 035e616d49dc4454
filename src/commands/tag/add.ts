import type { Command } from 'commander';
import { keyValue, mutating, runs } from '../command.js';
import type { Deps } from '../deps.js';
import { addTags, listTags, renderTags, tagTarget } from './target.js';

export interface AddTagsOptions {
  arn: string;
  tags: Record<string, string>;
}

export function register(group: Command): void {
  mutating(
    group
      .command('add')
      .description('Add or overwrite tags on a Chime SDK or IVS Chat resource; prints the resulting tags')
      .argument('<arn>', 'resource ARN')
      .argument('<key=value...>', 'tags to set', keyValue),
  ).action(runs(run, ([arn, tags]) => ({ arn, tags })));
}

export async function run(opts: AddTagsOptions, deps: Deps): Promise<void> {
  const target = tagTarget(opts.arn);
  await addTags(deps.aws, target, opts.tags);
  if (!deps.settings.dryRun) await renderTags(deps, target, await listTags(deps.aws, target));
  deps.done(`Tagged ${opts.arn} with ${Object.keys(opts.tags).join(', ')}`);
}
