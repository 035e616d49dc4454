// List views of the channel group. The four channel listings return different item shapes (a
// ChannelSummary, or one wrapped with the caller's membership, or a flow association), so each
// view says where the channel's own fields are and the columns are shared.
import { shortId } from '../../context/arn.js';
import type { Column, ListView } from '../../io/render.js';

/** What every channel item carries, whichever operation listed it. */
interface ChannelFields {
  ChannelArn?: string;
  Name?: string;
  Mode?: string;
  Privacy?: string;
}

function channelView<T>(noun: string, channel: (item: T) => ChannelFields | undefined, extra: Column<T>[] = []): Omit<ListView<T>, 'key'> {
  return {
    noun,
    columns: [
      ['ID', (i) => shortId(channel(i)?.ChannelArn)],
      ['NAME', (i) => channel(i)?.Name],
      ['MODE', (i) => channel(i)?.Mode],
      ['PRIVACY', (i) => channel(i)?.Privacy],
      ...extra,
      ['ARN', (i) => channel(i)?.ChannelArn],
    ],
    id: (i) => channel(i)?.ChannelArn,
  };
}

/** ListChannels, SearchChannels: ChannelSummary items. */
export const channelList = channelView<any>('channels', (c) => c, [['LAST MESSAGE', (c) => c.LastMessageTimestamp]]);

/** ListChannelMembershipsForAppInstanceUser: the channel and the user's membership in it. */
export const memberChannelList = channelView<any>('channels', (m) => m.ChannelSummary, [
  ['MEMBERSHIP', (m) => m.AppInstanceUserMembershipSummary?.Type],
  ['READ', (m) => m.AppInstanceUserMembershipSummary?.ReadMarkerTimestamp],
  ['SUB-CHANNEL', (m) => m.AppInstanceUserMembershipSummary?.SubChannelId],
]);

/** ListChannelsModeratedByAppInstanceUser: `{ChannelSummary}` items. */
export const moderatedChannelList = channelView<any>('channels', (m) => m.ChannelSummary, [['LAST MESSAGE', (m) => m.ChannelSummary?.LastMessageTimestamp]]);

/** ListChannelsAssociatedWithChannelFlow: the channel's name, mode, privacy and metadata. */
export const flowChannelList = channelView<any>('channels', (c) => c, [['METADATA', (c) => c.Metadata]]);

/** ListSubChannels of an elastic channel. */
export const subChannelList: Omit<ListView, 'key'> = {
  noun: 'sub-channels',
  columns: [
    ['ID', (s) => s.SubChannelId],
    ['MEMBERSHIPS', (s) => s.MembershipCount],
  ],
  // Sub-channels have no ARN; the id is what `--sub-channel ID` takes elsewhere.
  id: (s) => s.SubChannelId,
};
