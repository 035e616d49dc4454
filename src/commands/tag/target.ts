// Which service owns an ARN, and how that service spells the tag operations' members.
// Chime identity and messaging share the same tag routes and shapes (ResourceARN, Tags as a
// [{Key, Value}] list, TagKeys); IVS Chat uses resourceArn, a tags map and tagKeys.
import type { ServiceKey } from '../../aws/clients.js';
import type { Aws } from '../../aws/clients.js';
import { usageError } from '../../io/errors.js';
import type { Deps } from '../deps.js';

const CHIME = /^arn:aws[a-z-]*:chime:[a-z0-9-]*:\d*:app-instance\/[^/]+(?:\/(user|bot|channel|channel-flow)\/[^/]+)?$/;
const IVSCHAT = /^arn:aws[a-z-]*:ivschat:[a-z0-9-]*:\d*:[a-z-]+\/[^/]+$/;

export interface TagTarget {
  arn: string;
  service: ServiceKey;
}

export function tagTarget(arn: string): TagTarget {
  const chime = CHIME.exec(arn);
  if (chime) {
    const kind = chime[1];
    return { arn, service: kind === 'channel' || kind === 'channel-flow' ? 'messaging' : 'identity' };
  }
  if (IVSCHAT.test(arn)) return { arn, service: 'ivschat' };
  throw usageError(
    `'${arn}' is not a Chime SDK or IVS Chat resource ARN`,
    'tag an app instance, user, bot, channel or channel flow (arn:aws:chime:...) or a room or logging configuration (arn:aws:ivschat:...)',
  );
}

export interface TagPair {
  Key: string;
  Value: string;
}

/** The tags as the owning service returns them: {Tags: [{Key, Value}]} or {tags: {k: v}}. */
export async function listTags(aws: Aws, t: TagTarget): Promise<Record<string, any>> {
  return t.service === 'ivschat'
    ? aws.call('ivschat', 'ListTagsForResource', { resourceArn: t.arn })
    : aws.call(t.service, 'ListTagsForResource', { ResourceARN: t.arn });
}

export function tagPairs(t: TagTarget, output: Record<string, any>): TagPair[] {
  if (t.service === 'ivschat') return Object.entries((output.tags ?? {}) as Record<string, string>).map(([Key, Value]) => ({ Key, Value }));
  return ((output.Tags ?? []) as TagPair[]).map(({ Key, Value }) => ({ Key, Value }));
}

export async function addTags(aws: Aws, t: TagTarget, tags: Record<string, string>): Promise<void> {
  if (t.service === 'ivschat') await aws.call('ivschat', 'TagResource', { resourceArn: t.arn, tags });
  else await aws.call(t.service, 'TagResource', { ResourceARN: t.arn, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) });
}

export async function removeTags(aws: Aws, t: TagTarget, keys: string[]): Promise<void> {
  if (t.service === 'ivschat') await aws.call('ivschat', 'UntagResource', { resourceArn: t.arn, tagKeys: keys });
  else await aws.call(t.service, 'UntagResource', { ResourceARN: t.arn, TagKeys: keys });
}

/** Prints the tags: json/yaml/--query in the owning service's shape, table/text as KEY VALUE rows. */
export async function renderTags(deps: Deps, t: TagTarget, output: Record<string, any>): Promise<void> {
  const pairs = tagPairs(t, output);
  const { settings } = deps;
  if (!settings.query && (settings.output === 'table' || settings.output === 'text')) {
    await deps.render.list(
      (async function* () {
        yield { items: pairs };
      })(),
      { key: t.service === 'ivschat' ? 'tags' : 'Tags', noun: 'tags', columns: [['KEY', (p) => p.Key], ['VALUE', (p) => p.Value]], id: (p) => p.Key },
    );
    return;
  }
  const shape = t.service === 'ivschat' ? { tags: output.tags ?? {} } : { Tags: output.Tags ?? [] };
  await deps.render.item(shape, { id: () => pairs.map((p) => p.Key) });
}
