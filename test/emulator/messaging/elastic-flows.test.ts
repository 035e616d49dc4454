// Elastic channels (sub-channels, balancing, merging) and channel flows (PENDING messages
// answered by ChannelFlowCallback).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AssociateChannelFlowCommand,
  BatchCreateChannelMembershipCommand,
  ChannelFlowCallbackCommand,
  CreateChannelMembershipCommand,
  CreateChannelModeratorCommand,
  CreateChannelFlowCommand,
  DeleteChannelFlowCommand,
  DeleteChannelMembershipCommand,
  DescribeChannelCommand,
  DescribeChannelFlowCommand,
  DescribeChannelMembershipCommand,
  DisassociateChannelFlowCommand,
  GetChannelMessageCommand,
  GetChannelMessageStatusCommand,
  ListChannelFlowsCommand,
  ListChannelMessagesCommand,
  ListChannelsAssociatedWithChannelFlowCommand,
  ListSubChannelsCommand,
  UpdateChannelFlowCommand,
  UpdateChannelMessageCommand,
  type Processor,
} from '@aws-sdk/client-chime-sdk-messaging';
import { CreateAppInstanceUserCommand } from '@aws-sdk/client-chime-sdk-identity';
import { identityClient } from '../helpers.js';
import { createChannel, forbidden, refused, sendMessage, world, type World } from './setup.js';

let w: World;
const sorted = (arns: string[]) => [...arns].sort();
beforeAll(async () => {
  w = await world();
});
afterAll(() => w?.emu.close());

describe('elastic channels', () => {
  it('spreads members over sub-channels towards the target, scopes messages, merges a sub-channel that shrinks', async () => {
    const identity = identityClient(w.emu);
    const members: string[] = [];
    for (let i = 0; i < 6; i++) {
      const out = await identity.send(new CreateAppInstanceUserCommand({ AppInstanceArn: w.app, AppInstanceUserId: `crowd${i}`, Name: `Crowd ${i}` }));
      members.push(out.AppInstanceUserArn!);
    }
    const arn = await createChannel(w, {
      Name: 'stadium',
      ElasticChannelConfiguration: { MaximumSubChannels: 3, TargetMembershipsPerSubChannel: 4, MinimumMembershipPercentage: 40 },
    });
    w.events.length = 0;
    await w.chime.send(new BatchCreateChannelMembershipCommand({ ChannelArn: arn, ChimeBearer: w.users.admin, MemberArns: members }));
    // Elastic channels announce each membership, to its sub-channel only.
    expect(w.events.map((e) => e.type)).toEqual(Array(6).fill('CREATE_CHANNEL_MEMBERSHIP'));
    expect(w.events[5]!.payload.SubChannelId).toBe('subchannel-2');
    expect(w.events[5]!.recipients.sort()).toEqual([members[4], members[5]].sort());

    const subs = async () => (await w.chime.send(new ListSubChannelsCommand({ ChannelArn: arn, ChimeBearer: w.users.admin }))).SubChannels;
    expect(await subs()).toEqual([
      { SubChannelId: 'subchannel-1', MembershipCount: 4 },
      { SubChannelId: 'subchannel-2', MembershipCount: 2 },
    ]);
    await forbidden(w.chime.send(new ListSubChannelsCommand({ ChannelArn: arn, ChimeBearer: members[0]! })));
    const m5 = await w.chime.send(new DescribeChannelMembershipCommand({ ChannelArn: arn, MemberArn: members[5]!, ChimeBearer: w.users.admin }));
    expect(m5.ChannelMembership!.SubChannelId).toBe('subchannel-2');

    // A message goes to the sender's sub-channel and is listed there only.
    w.events.length = 0;
    const id = await sendMessage(w, arn, members[5]!, 'section two');
    expect(w.events[0]!.recipients.sort()).toEqual([members[4], members[5]].sort());
    const inTwo = await w.chime.send(new ListChannelMessagesCommand({ ChannelArn: arn, ChimeBearer: members[4]!, SubChannelId: 'subchannel-2' }));
    expect(inTwo).toMatchObject({ SubChannelId: 'subchannel-2', ChannelMessages: [{ MessageId: id }] });
    const inOne = await w.chime.send(new ListChannelMessagesCommand({ ChannelArn: arn, ChimeBearer: members[0]! }));
    expect(inOne.ChannelMessages).toEqual([]);
    await refused(sendMessage(w, arn, members[0]!, 'wrong section', { SubChannelId: 'subchannel-2' }), 'BadRequestException', 400);
    // Members are placed by the service; only moderators pick a sub-channel.
    await refused(
      w.chime.send(new CreateChannelMembershipCommand({ ChannelArn: arn, ChimeBearer: w.users.admin, MemberArn: w.users.alice, Type: 'DEFAULT', SubChannelId: 'subchannel-2' })),
      'BadRequestException',
      400,
    );
    const placed = await w.chime.send(
      new CreateChannelMembershipCommand({ ChannelArn: arn, ChimeBearer: w.users.admin, MemberArn: w.users.admin, Type: 'DEFAULT', SubChannelId: 'subchannel-2' }),
    );
    expect(placed.SubChannelId).toBe('subchannel-2');
    // A moderator may be in several sub-channels, and speaks in the one it names.
    await w.chime.send(
      new CreateChannelMembershipCommand({ ChannelArn: arn, ChimeBearer: w.users.admin, MemberArn: w.users.admin, Type: 'DEFAULT', SubChannelId: 'subchannel-1' }),
    );
    expect(await subs()).toEqual([
      { SubChannelId: 'subchannel-1', MembershipCount: 5 },
      { SubChannelId: 'subchannel-2', MembershipCount: 3 },
    ]);
    w.events.length = 0;
    await sendMessage(w, arn, w.users.admin, 'to section one', { SubChannelId: 'subchannel-1' });
    expect(sorted(w.events[0]!.recipients)).toEqual(sorted([...members.slice(0, 4), w.users.admin]));
    const inOneAsAdmin = await w.chime.send(
      new DescribeChannelMembershipCommand({ ChannelArn: arn, MemberArn: w.users.admin, ChimeBearer: w.users.admin, SubChannelId: 'subchannel-1' }),
    );
    expect(inOneAsAdmin.ChannelMembership!.SubChannelId).toBe('subchannel-1');
    // Leaving one sub-channel keeps the others; leaving without one leaves them all.
    await w.chime.send(new DeleteChannelMembershipCommand({ ChannelArn: arn, MemberArn: w.users.admin, ChimeBearer: w.users.admin, SubChannelId: 'subchannel-2' }));
    expect(await subs()).toEqual([
      { SubChannelId: 'subchannel-1', MembershipCount: 5 },
      { SubChannelId: 'subchannel-2', MembershipCount: 2 },
    ]);
    await w.chime.send(new DeleteChannelMembershipCommand({ ChannelArn: arn, MemberArn: w.users.admin, ChimeBearer: w.users.admin }));
    expect((await subs())!.map((s) => s.MembershipCount)).toEqual([4, 2]);
    await refused(
      w.chime.send(new DescribeChannelMembershipCommand({ ChannelArn: arn, MemberArn: w.users.admin, ChimeBearer: w.users.admin })),
      'NotFoundException',
      404,
    );

    // Below 40% of 4 (two members), sub-channel 2 merges: its last member moves, and only it hears.
    w.events.length = 0;
    await w.chime.send(new DeleteChannelMembershipCommand({ ChannelArn: arn, MemberArn: members[4]!, ChimeBearer: w.users.admin }));
    expect(w.events.map((e) => [e.type, e.recipients])).toEqual([
      ['DELETE_CHANNEL_MEMBERSHIP', expect.arrayContaining([members[4], members[5]])],
      ['UPDATE_CHANNEL_MEMBERSHIP', [members[5]]],
    ]);
    expect(w.events[1]!.payload.SubChannelId).toBe('subchannel-1');
    expect(await subs()).toEqual([{ SubChannelId: 'subchannel-1', MembershipCount: 5 }]);

    // Promotion to moderator ends the member's membership: moderators choose their sub-channels.
    await w.chime.send(new CreateChannelModeratorCommand({ ChannelArn: arn, ChimeBearer: w.users.admin, ChannelModeratorArn: members[0]! }));
    expect(await subs()).toEqual([{ SubChannelId: 'subchannel-1', MembershipCount: 4 }]);
  });

  it('SubChannelId is refused on channels that are not elastic', async () => {
    const arn = await createChannel(w, { MemberArns: [w.users.alice] });
    await refused(sendMessage(w, arn, w.users.alice, 'hi', { SubChannelId: 'subchannel-1' }), 'BadRequestException', 400);
    await refused(w.chime.send(new ListSubChannelsCommand({ ChannelArn: arn, ChimeBearer: w.users.admin })), 'BadRequestException', 400);
  });
});

describe('channel flows', () => {
  const processor = (name: string): Processor => ({
    Name: name,
    ExecutionOrder: 1,
    FallbackAction: 'ABORT',
    Configuration: { Lambda: { ResourceArn: 'arn:aws:lambda:us-east-1:123456789012:function:moderate', InvocationType: 'ASYNC' } },
  });

  it('flow CRUD, association, and messages held PENDING until the callback answers', async () => {
    const { ChannelFlowArn } = await w.chime.send(new CreateChannelFlowCommand({ AppInstanceArn: w.app, Name: 'filter', Processors: [processor('p1')] }));
    await refused(
      w.chime.send(new CreateChannelFlowCommand({ AppInstanceArn: w.app, Name: 'two', Processors: [processor('a'), processor('b')] })),
      'ResourceLimitExceededException',
      400,
    );
    await w.chime.send(new UpdateChannelFlowCommand({ ChannelFlowArn, Name: 'profanity-filter', Processors: [processor('p2')] }));
    const described = await w.chime.send(new DescribeChannelFlowCommand({ ChannelFlowArn }));
    expect(described.ChannelFlow).toMatchObject({ ChannelFlowArn, Name: 'profanity-filter', Processors: [{ Name: 'p2' }] });
    const flows = await w.chime.send(new ListChannelFlowsCommand({ AppInstanceArn: w.app }));
    expect(flows.ChannelFlows!.map((f) => f.ChannelFlowArn)).toContain(ChannelFlowArn);

    const arn = await createChannel(w, { Name: 'filtered', MemberArns: [w.users.alice, w.users.bob] });
    await forbidden(w.chime.send(new AssociateChannelFlowCommand({ ChannelArn: arn, ChannelFlowArn, ChimeBearer: w.users.alice })));
    await w.chime.send(new AssociateChannelFlowCommand({ ChannelArn: arn, ChannelFlowArn, ChimeBearer: w.users.admin }));
    await refused(w.chime.send(new AssociateChannelFlowCommand({ ChannelArn: arn, ChannelFlowArn, ChimeBearer: w.users.admin })), 'ConflictException', 409);
    expect((await w.chime.send(new DescribeChannelCommand({ ChannelArn: arn, ChimeBearer: w.users.admin }))).Channel!.ChannelFlowArn).toBe(ChannelFlowArn);
    const associated = await w.chime.send(new ListChannelsAssociatedWithChannelFlowCommand({ ChannelFlowArn }));
    expect(associated.Channels!.map((c) => c.ChannelArn)).toEqual([arn]);

    // Held: PENDING for the sender, invisible to others, announced to the sender only.
    w.events.length = 0;
    const id = await sendMessage(w, arn, w.users.alice, 'darn it');
    const status = () => w.chime.send(new GetChannelMessageStatusCommand({ ChannelArn: arn, ChimeBearer: w.users.alice, MessageId: id }));
    expect((await status()).Status).toEqual({ Value: 'PENDING' });
    expect(w.events.map((e) => [e.type, e.recipients])).toEqual([['PENDING_CREATE_CHANNEL_MESSAGE', [w.users.alice]]]);
    const bobList = () => w.chime.send(new ListChannelMessagesCommand({ ChannelArn: arn, ChimeBearer: w.users.bob }));
    expect((await bobList()).ChannelMessages).toEqual([]);
    // CONTROL messages skip the flow.
    await sendMessage(w, arn, w.users.alice, 'typing', { Type: 'CONTROL' });

    // The processor answers with new content: SENT, announced to all members.
    w.events.length = 0;
    const cb = await w.chime.send(new ChannelFlowCallbackCommand({ ChannelArn: arn, ChannelMessage: { MessageId: id, Content: 'd*rn it' } }));
    expect(cb.ChannelArn).toBe(arn);
    expect((await status()).Status).toEqual({ Value: 'SENT' });
    // Listed in creation order (newest first): the held message was sent before the CONTROL one.
    expect((await bobList()).ChannelMessages!.map((m) => m.Content)).toEqual(['typing', 'd*rn it']);
    expect(w.events.map((e) => [e.type, e.recipients.sort()])).toEqual([['CREATE_CHANNEL_MESSAGE', [w.users.alice, w.users.bob].sort()]]);
    await refused(w.chime.send(new ChannelFlowCallbackCommand({ ChannelArn: arn, ChannelMessage: { MessageId: id } })), 'ConflictException', 409);

    // An edit is held too; the callback passes it.
    await w.chime.send(new UpdateChannelMessageCommand({ ChannelArn: arn, ChimeBearer: w.users.alice, MessageId: id, Content: 'darn it all' }));
    expect((await status()).Status).toEqual({ Value: 'PENDING' });
    await w.chime.send(new ChannelFlowCallbackCommand({ ChannelArn: arn, ChannelMessage: { MessageId: id, Metadata: 'checked' } }));
    const edited = await w.chime.send(new GetChannelMessageCommand({ ChannelArn: arn, ChimeBearer: w.users.bob, MessageId: id }));
    expect(edited.ChannelMessage).toMatchObject({ MessageId: id, Content: 'darn it all', Metadata: 'checked', Status: { Value: 'SENT' } });

    // A denied message is removed; only its sender hears.
    const denied = await sendMessage(w, arn, w.users.bob, 'spam');
    w.events.length = 0;
    await w.chime.send(new ChannelFlowCallbackCommand({ ChannelArn: arn, DeleteResource: true, ChannelMessage: { MessageId: denied } }));
    expect(w.events.map((e) => [e.type, e.recipients])).toEqual([['DENIED_CREATE_CHANNEL_MESSAGE', [w.users.bob]]]);
    expect(w.events[0]!.payload.Status).toEqual({ Value: 'DENIED' });
    await refused(w.chime.send(new GetChannelMessageCommand({ ChannelArn: arn, ChimeBearer: w.users.bob, MessageId: denied })), 'NotFoundException', 404);

    // A flow in use cannot be deleted.
    await refused(w.chime.send(new DeleteChannelFlowCommand({ ChannelFlowArn })), 'ConflictException', 409);
    await w.chime.send(new DisassociateChannelFlowCommand({ ChannelArn: arn, ChannelFlowArn, ChimeBearer: w.users.admin }));
    await w.chime.send(new DeleteChannelFlowCommand({ ChannelFlowArn }));
    await refused(w.chime.send(new DescribeChannelFlowCommand({ ChannelFlowArn })), 'NotFoundException', 404);
  });
});
