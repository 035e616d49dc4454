// Tags of identity resources (AppInstance, AppInstanceUser, AppInstanceBot). All services keep
// tags in one store, state.tags, keyed by ARN; the Chime tag routes are shared by identity and
// messaging and the router sends each request to the service owning the ARN's resource type.
// The helpers below are generic so the messaging handlers can reuse them for channels.
import { parseChimeArn } from '../../arns.js';
import type { EmulatorState, HandlerContext, HandlerTable } from '../../types.js';
import { findAppInstance, findBot, findUser, QUOTAS } from './state.js';
import { badRequest, limitExceeded, notFound } from '../chime-errors.js';

export interface Tag {
  Key: string;
  Value: string;
}

/** Adds or overwrites tags on a resource; refuses reserved keys and more than 50 tags. */
export function addTags(state: EmulatorState, arn: string, tags: Tag[] | undefined): void {
  if (!tags || tags.length === 0) return;
  for (const t of tags) {
    if (t.Key.toLowerCase().startsWith('aws:')) throw badRequest(`Tag key ${t.Key} uses the reserved prefix aws:`);
  }
  const current = { ...(state.tags[arn] ?? {}) };
  for (const t of tags) current[t.Key] = t.Value;
  if (Object.keys(current).length > QUOTAS.tagsPerResource) {
    throw limitExceeded(`A resource can have at most ${QUOTAS.tagsPerResource} tags`);
  }
  state.tags[arn] = current;
}

export function removeTags(state: EmulatorState, arn: string, keys: string[]): void {
  const current = state.tags[arn];
  if (!current) return;
  for (const k of keys) delete current[k];
  if (Object.keys(current).length === 0) delete state.tags[arn];
}

export function tagList(state: EmulatorState, arn: string): Tag[] {
  return Object.entries(state.tags[arn] ?? {}).map(([Key, Value]) => ({ Key, Value }));
}

/** Checks the ARN names an existing identity resource. */
function requireTaggable(state: EmulatorState, arn: string): void {
  const parts = parseChimeArn(arn);
  if (!parts || !['app-instance', 'user', 'bot'].includes(parts.kind)) {
    throw badRequest(`ResourceARN ${arn} is not an Amazon Chime SDK identity resource`);
  }
  const exists =
    parts.kind === 'app-instance' ? findAppInstance(state, arn) : parts.kind === 'user' ? findUser(state, arn) : findBot(state, arn);
  if (!exists) throw notFound(`Resource ${arn} does not exist`);
}

/** The three Chime tag operations over the shared tag store; each service checks its own ARNs. */
export function chimeTagHandlers(requireResource: (state: EmulatorState, arn: string) => void) {
  return {
    TagResource({ state, input }: HandlerContext) {
      requireResource(state, input.ResourceARN);
      addTags(state, input.ResourceARN, input.Tags);
    },

    UntagResource({ state, input }: HandlerContext) {
      requireResource(state, input.ResourceARN);
      removeTags(state, input.ResourceARN, input.TagKeys);
    },

    ListTagsForResource({ state, input }: HandlerContext) {
      requireResource(state, input.ResourceARN);
      return { Tags: tagList(state, input.ResourceARN) };
    },
  };
}

export const tagHandlers: HandlerTable<'identity'> = chimeTagHandlers(requireTaggable);
