// Messaging state, indexes and counters included, lives in the state tree: a restart on the
// same state file answers every look-up as before.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import {
  ChimeSDKMessagingClient,
  CreateChannelBanCommand,
  CreateChannelMembershipCommand,
  ListChannelBansCommand,
  ListChannelMembershipsForAppInstanceUserCommand,
  ListChannelMessagesCommand,
  ListChannelsModeratedByAppInstanceUserCommand,
  ListSubChannelsCommand,
  SearchChannelsCommand,
} from '@aws-sdk/client-chime-sdk-messaging';
import type { Emulator } from '../../../src/emulator/server.js';
import { emulator } from '../helpers.js';
import { createChannel, forbidden, sendMessage, world, type World } from './setup.js';

const statePath = join(mkdtempSync(join(tmpdir(), 'chatctl-messaging-state-')), 'state.json');
let second: Emulator | undefined;
afterAll(() => second?.close());

it('channels, memberships, bans, messages, sub-channels and the per-user indexes survive a restart', async () => {
  const w: World = await world({ statePath });
  const plain = await createChannel(w, { Name: 'kept', MemberArns: [w.users.alice, w.users.bob] });
  const messageId = await sendMessage(w, plain, w.users.alice, 'still here');
  await w.chime.send(new CreateChannelBanCommand({ ChannelArn: plain, ChimeBearer: w.users.admin, MemberArn: w.users.bob }));
  const elastic = await createChannel(w, {
    Name: 'big',
    MemberArns: [w.users.alice, w.users.carol],
    ElasticChannelConfiguration: { MaximumSubChannels: 2, TargetMembershipsPerSubChannel: 2, MinimumMembershipPercentage: 10 },
  });
  await w.emu.close();

  second = await emulator({ statePath });
  const chime = new ChimeSDKMessagingClient({ region: second.region, endpoint: second.url, credentials: second.credentials, maxAttempts: 1 });
  const messages = await chime.send(new ListChannelMessagesCommand({ ChannelArn: plain, ChimeBearer: w.users.alice }));
  expect(messages.ChannelMessages!.map((m) => [m.MessageId, m.Content, m.CreatedTimestamp instanceof Date])).toEqual([[messageId, 'still here', true]]);
  const own = await chime.send(new ListChannelMembershipsForAppInstanceUserCommand({ ChimeBearer: w.users.alice }));
  expect(own.ChannelMemberships!.map((m) => m.ChannelSummary!.Name).sort()).toEqual(['big', 'kept']);
  const moderated = await chime.send(new ListChannelsModeratedByAppInstanceUserCommand({ ChimeBearer: w.users.admin }));
  expect(moderated.Channels!.map((c) => c.ChannelSummary!.Name).sort()).toEqual(['big', 'kept']);
  const found = await chime.send(new SearchChannelsCommand({ ChimeBearer: w.users.admin, Fields: [{ Key: 'MEMBERS', Operator: 'INCLUDES', Values: [w.users.carol] }] }));
  expect(found.Channels!.map((c) => c.ChannelArn)).toEqual([elastic]);
  const subs = await chime.send(new ListSubChannelsCommand({ ChannelArn: elastic, ChimeBearer: w.users.admin }));
  expect(subs.SubChannels).toEqual([{ SubChannelId: 'subchannel-1', MembershipCount: 2 }]);
  // The ban still holds: bob cannot be added back.
  const bans = await chime.send(new ListChannelBansCommand({ ChannelArn: plain, ChimeBearer: w.users.admin }));
  expect(bans.ChannelBans!.map((b) => b.Member!.Arn)).toEqual([w.users.bob]);
  await forbidden(chime.send(new CreateChannelMembershipCommand({ ChannelArn: plain, ChimeBearer: w.users.admin, MemberArn: w.users.bob, Type: 'DEFAULT' })));
});
