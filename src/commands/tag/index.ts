// Tags of any Chime SDK or IVS Chat resource, by ARN. Each verb serves three services' tag
// operations and picks one by the ARN (target.ts), so the runs stay hand-written.
import type { Command } from 'commander';
import { collect, keyValue, runs } from '../command.js';
import type { Deps } from '../deps.js';
import { declare, handles, type VerbText } from '../verb.js';
import { addTags, listTags, removeTags, renderTags, tagTarget } from './target.js';

const USER = 'arn:aws:chime:us-east-1:123456789012:app-instance/1a2b3c4d-5678-90ab-cdef-EXAMPLE11111/user/alice';
const ROOM = 'arn:aws:ivschat:us-east-1:123456789012:room/g1H2I3j4k5L6';

/** A tag verb: the operation of the same name in each of the three services. */
function tagVerb(group: Command, text: VerbText, operation: 'ListTagsForResource' | 'TagResource' | 'UntagResource'): Command {
  return handles(handles(declare(group, text, 'identity', operation), 'messaging', operation), 'ivschat', operation);
}

export function register(group: Command): void {

  tagVerb(group, { usage: 'list <arn>', alias: 'ls', summary: 'List the tags of a Chime SDK or IVS Chat resource', examples: [`chatctl tag list ${USER}`, `chatctl tag list ${ROOM} -o json`] }, 'ListTagsForResource')
    .option('--no-headers', 'omit table headers')
    .action(runs(list, ([arn]) => ({ arn })));

  tagVerb(
    group,
    { usage: 'add', summary: 'Add or overwrite tags on a Chime SDK or IVS Chat resource; prints the resulting tags', examples: [`chatctl tag add ${USER} team=chat env=prod`] },
    'TagResource',
  )
    .argument('<arn>', 'resource ARN')
    .argument('<key=value...>', 'tags to set', keyValue)
    .action(runs(add, ([arn, tags]) => ({ arn, tags })));

  tagVerb(
    group,
    { usage: 'remove', alias: 'rm', summary: 'Remove tags (by key) from a Chime SDK or IVS Chat resource; prints the remaining tags', examples: [`chatctl tag remove ${ROOM} env`] },
    'UntagResource',
  )
    .argument('<arn>', 'resource ARN')
    .argument('<key...>', 'tag keys to remove (keys it does not have are ignored)', collect)
    .action(runs(remove, ([arn, keys]) => ({ arn, keys })));
}

export async function list(opts: { arn: string }, deps: Deps): Promise<void> {
  const target = tagTarget(opts.arn);
  await renderTags(deps, target, await listTags(deps.aws, target));
}

export async function add(opts: { arn: string; tags: Record<string, string> }, deps: Deps): Promise<void> {
  const target = tagTarget(opts.arn);
  await addTags(deps.aws, target, opts.tags);
  if (!deps.settings.dryRun) await renderTags(deps, target, await listTags(deps.aws, target));
  deps.done(`Tagged ${opts.arn} with ${Object.keys(opts.tags).join(', ')}`);
}

export async function remove(opts: { arn: string; keys: string[] }, deps: Deps): Promise<void> {
  const target = tagTarget(opts.arn);
  await removeTags(deps.aws, target, opts.keys);
  if (!deps.settings.dryRun) await renderTags(deps, target, await listTags(deps.aws, target));
  deps.done(`Removed tags ${opts.keys.join(', ')} from ${opts.arn}`);
}
