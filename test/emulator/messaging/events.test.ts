// The events the messaging WebSocket fans out: their headers, payloads and recipients, as
// recorded by the handlers and seen on emulator.events; and the CHANNEL_DETAILS prefetch.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CreateChannelMembershipCommand,
  DeleteChannelMembershipCommand,
  DeleteChannelMessageCommand,
  RedactChannelMessageCommand,
  UpdateChannelMessageCommand,
  UpdateChannelReadMarkerCommand,
} from '@aws-sdk/client-chime-sdk-messaging';
import { channelDetailsFor } from '../../../src/emulator/services/messaging/index.js';
import { createChannel, forbidden, sendMessage, world, type World } from './setup.js';

let w: World;
let channel: string;
beforeAll(async () => {
  w = await world();
  channel = await createChannel(w, { Name: 'lobby', MemberArns: [w.users.alice, w.users.bob] });
  await w.chime.send(new CreateChannelMembershipCommand({ ChannelArn: channel, ChimeBearer: w.users.admin, MemberArn: w.users.carol, Type: 'HIDDEN' }));
});
beforeEach(() => {
  w.events.length = 0;
});
afterAll(() => w?.emu.close());

const sorted = (arns: string[]) => [...arns].sort();

describe('message events', () => {
  it('CREATE_CHANNEL_MESSAGE: the frame headers, the ChannelMessage payload, every member including hidden ones', async () => {
    const id = await sendMessage(w, channel, w.users.alice, 'hello', { Metadata: 'meta' });
    expect(w.events).toHaveLength(1);
    const e = w.events[0]!;
    expect(e).toMatchObject({
      service: 'messaging',
      target: channel,
      type: 'CREATE_CHANNEL_MESSAGE',
      headers: { 'x-amz-chime-event-type': 'CREATE_CHANNEL_MESSAGE', 'x-amz-chime-message-type': 'STANDARD' },
    });
    expect(e.payload).toMatchObject({
      ChannelArn: channel,
      MessageId: id,
      Content: 'hello',
      Metadata: 'meta',
      Type: 'STANDARD',
      Persistence: 'PERSISTENT',
      Redacted: false,
      Sender: { Arn: w.users.alice, Name: 'ALICE' },
      Status: { Value: 'SENT' },
    });
    // Plain JSON: timestamps are ISO-8601 strings, nothing refers into the state.
    expect(e.payload.CreatedTimestamp).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    expect(JSON.parse(JSON.stringify(e.payload))).toEqual(e.payload);
    // Admins and non-members are not recipients (the admin moderates but is not a member).
    expect(sorted(e.recipients)).toEqual(sorted([w.users.alice, w.users.bob, w.users.carol]));
    expect(e.recipients).not.toContain(w.users.dave);
    expect(e.recipients).not.toContain(w.users.admin);
  });

  it('a targeted message goes to its target and sender only', async () => {
    await sendMessage(w, channel, w.users.alice, 'for bob', { Target: [{ MemberArn: w.users.bob }] });
    expect(sorted(w.events[0]!.recipients)).toEqual(sorted([w.users.alice, w.users.bob]));
  });

  it('CONTROL and NON_PERSISTENT messages are announced with their own type', async () => {
    await sendMessage(w, channel, w.users.alice, 'typing', { Type: 'CONTROL', Persistence: 'NON_PERSISTENT' });
    expect(w.events[0]!.headers['x-amz-chime-message-type']).toBe('CONTROL');
    expect(w.events[0]!.payload.Persistence).toBe('NON_PERSISTENT');
  });

  it('UPDATE, REDACT and DELETE carry the same MessageId', async () => {
    const id = await sendMessage(w, channel, w.users.alice, 'v1');
    await w.chime.send(new UpdateChannelMessageCommand({ ChannelArn: channel, ChimeBearer: w.users.alice, MessageId: id, Content: 'v2' }));
    await w.chime.send(new RedactChannelMessageCommand({ ChannelArn: channel, ChimeBearer: w.users.admin, MessageId: id }));
    await w.chime.send(new DeleteChannelMessageCommand({ ChannelArn: channel, ChimeBearer: w.users.admin, MessageId: id }));
    expect(w.events.map((e) => [e.type, e.payload.MessageId])).toEqual([
      ['CREATE_CHANNEL_MESSAGE', id],
      ['UPDATE_CHANNEL_MESSAGE', id],
      ['REDACT_CHANNEL_MESSAGE', id],
      ['DELETE_CHANNEL_MESSAGE', id],
    ]);
    expect(w.events[1]!.payload.Content).toBe('v2');
    expect(w.events[2]!.payload).toMatchObject({ Redacted: true });
  });

  it('a refused call records nothing; read markers are not announced', async () => {
    await forbidden(sendMessage(w, channel, w.users.dave, 'not a member'));
    await w.chime.send(new UpdateChannelReadMarkerCommand({ ChannelArn: channel, ChimeBearer: w.users.bob }));
    expect(w.events).toEqual([]);
  });
});

describe('membership events', () => {
  it('CREATE_CHANNEL_MEMBERSHIP reaches the new member; DELETE_CHANNEL_MEMBERSHIP still reaches the removed one', async () => {
    await w.chime.send(new CreateChannelMembershipCommand({ ChannelArn: channel, ChimeBearer: w.users.admin, MemberArn: w.users.dave, Type: 'DEFAULT' }));
    await w.chime.send(new DeleteChannelMembershipCommand({ ChannelArn: channel, ChimeBearer: w.users.dave, MemberArn: w.users.dave }));
    const everyone = [w.users.alice, w.users.bob, w.users.carol, w.users.dave];
    expect(w.events.map((e) => [e.type, e.headers['x-amz-chime-message-type'], sorted(e.recipients)])).toEqual([
      ['CREATE_CHANNEL_MEMBERSHIP', 'SYSTEM', sorted(everyone)],
      ['DELETE_CHANNEL_MEMBERSHIP', 'SYSTEM', sorted(everyone)],
    ]);
    expect(w.events[0]!.payload).toMatchObject({ ChannelArn: channel, Type: 'DEFAULT', Member: { Arn: w.users.dave }, InvitedBy: { Arn: w.users.admin } });
  });
});

describe('CHANNEL_DETAILS prefetch', () => {
  it('summarises each channel of the user: channel, newest visible messages, visible members, read marker', async () => {
    const other = await createChannel(w, { Name: 'quiet', MemberArns: [w.users.bob] });
    await sendMessage(w, channel, w.users.alice, 'latest');
    await sendMessage(w, channel, w.users.alice, 'secret for alice', { Target: [{ MemberArn: w.users.alice }] });
    const details = channelDetailsFor(w.emu.state, w.users.bob);
    expect(details.map((d) => d.Channel.ChannelArn).sort()).toEqual([channel, other].sort());
    const lobby = details.find((d) => d.Channel.ChannelArn === channel)!;
    expect(lobby.Channel).toMatchObject({ Name: 'lobby', Privacy: 'PUBLIC' });
    expect(lobby.ChannelMessages[0].Content).toBe('latest');
    expect(lobby.ChannelMessages.map((m: any) => m.Content)).not.toContain('secret for alice');
    // Hidden members (carol) are not listed.
    expect(lobby.ChannelMemberships.map((m: any) => m.Member.Arn)).toEqual([w.users.alice, w.users.bob]);
    expect(typeof lobby.ReadMarkerTimestamp).toBe('string'); // bob marked the channel read above
    expect(lobby.ChannelMessagesHasMore).toBe(false);
    expect(channelDetailsFor(w.emu.state, w.users.dave)).toEqual([]);
  });
});
