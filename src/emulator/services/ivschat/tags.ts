// TagResource, UntagResource, ListTagsForResource for rooms and logging configurations. Tags
// live in state.tags keyed by ARN (shared with the Chime services). All three answer 200 {}.
import type { Handler, HandlerContext } from '../../types.js';
import { MAX_TAGS, invalid, ivs, notFound, tagsOf } from './state.js';

function requireResource(ctx: HandlerContext, arn: string) {
  const s = ivs(ctx.state);
  if (!s.rooms[arn] && !s.loggingConfigurations[arn]) throw notFound('resource', arn);
}

const tagResource: Handler = (ctx) => {
  const { resourceArn, tags } = ctx.input;
  requireResource(ctx, resourceArn);
  const merged = { ...tagsOf(ctx.state, resourceArn), ...tags };
  if (Object.keys(merged).length > MAX_TAGS) throw invalid('tags', `A resource may have at most ${MAX_TAGS} tags`);
  ctx.state.tags[resourceArn] = merged;
  return {};
};

const untagResource: Handler = (ctx) => {
  const { resourceArn, tagKeys } = ctx.input;
  requireResource(ctx, resourceArn);
  const tags = tagsOf(ctx.state, resourceArn);
  for (const key of tagKeys ?? []) delete tags[key];
  if (Object.keys(tags).length) ctx.state.tags[resourceArn] = tags;
  else delete ctx.state.tags[resourceArn];
  return {};
};

const listTags: Handler = (ctx) => {
  requireResource(ctx, ctx.input.resourceArn);
  return { tags: tagsOf(ctx.state, ctx.input.resourceArn) };
};

export const tagHandlers = {
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTags,
};
