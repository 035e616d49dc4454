// Operations without a channel: streaming configurations of an AppInstance, the messaging
// session endpoint, and tags on channels and channel flows.
import { parseChimeArn } from '../../arns.js';
import type { EmulatorState } from '../../types.js';
import { badRequest, notFound } from '../chime-errors.js';
import { requireAppInstance } from '../identity/state.js';
import { chimeTagHandlers } from '../identity/tags.js';
import { appIndex, findAppIndex, findChannel, findFlow } from './backend.js';
import type { MessagingHandlers } from './operations.js';

/** Streams must be Kinesis data streams whose name starts with this (developer guide). */
export const STREAM_NAME_PREFIX = 'chime-messaging-';

export const appInstanceHandlers: MessagingHandlers<
  | 'PutMessagingStreamingConfigurations'
  | 'GetMessagingStreamingConfigurations'
  | 'DeleteMessagingStreamingConfigurations'
  | 'GetMessagingSessionEndpoint'
  | 'TagResource'
  | 'UntagResource'
  | 'ListTagsForResource'
> = {
  PutMessagingStreamingConfigurations({ state, input, region }) {
    const app = requireAppInstance(state, input.AppInstanceArn);
    const configs = input.StreamingConfigurations;
    const seen = new Set<string>();
    for (const c of configs) {
      if (seen.has(c.DataType)) throw badRequest(`DataType ${c.DataType} is configured twice`);
      seen.add(c.DataType);
      checkStream(c.ResourceArn, region);
    }
    appIndex(state, app.AppInstanceArn).streaming = configs;
    return { StreamingConfigurations: configs };
  },

  GetMessagingStreamingConfigurations({ state, input }) {
    const app = requireAppInstance(state, input.AppInstanceArn);
    const configs = findAppIndex(state, app.AppInstanceArn)?.streaming;
    if (!configs) throw notFound(`AppInstance ${app.AppInstanceArn} has no streaming configurations`);
    return { StreamingConfigurations: configs };
  },

  DeleteMessagingStreamingConfigurations({ state, input }) {
    const app = requireAppInstance(state, input.AppInstanceArn);
    const apps = findAppIndex(state, app.AppInstanceArn);
    if (apps) delete apps.streaming;
  },

  GetMessagingSessionEndpoint({ host }) {
    // The WebSocket is served on the emulator's own port; clients add wss:// (or ws://) and /connect.
    return { Endpoint: { Url: host ?? '127.0.0.1' } };
  },

  ...chimeTagHandlers(requireTaggable),
};

/** A Kinesis data stream in the AppInstance's Region, named chime-messaging-*. */
function checkStream(arn: string, region: string): void {
  const m = /^arn:aws:kinesis:([^:]+):(\d{12}):stream\/(.+)$/.exec(arn);
  if (!m) throw badRequest(`ResourceArn ${arn} is not a Kinesis data stream ARN`);
  if (m[1] !== region) throw badRequest(`Kinesis stream ${arn} must be in the AppInstance's Region ${region}`);
  if (!m[3]!.startsWith(STREAM_NAME_PREFIX)) {
    throw badRequest(`Kinesis stream name ${m[3]} must begin with ${STREAM_NAME_PREFIX}`);
  }
}

/** Messaging tags live on channels and channel flows (the router sends other ARNs to identity). */
function requireTaggable(state: EmulatorState, arn: string): void {
  const kind = parseChimeArn(arn)?.kind;
  if (kind !== 'channel' && kind !== 'channel-flow') throw badRequest(`ResourceARN ${arn} is not an Amazon Chime SDK messaging resource`);
  const exists = kind === 'channel' ? findChannel(state, arn) : findFlow(state, arn);
  if (!exists) throw notFound(`Resource ${arn} does not exist`);
}
