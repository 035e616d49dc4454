// Memberships (DEFAULT and HIDDEN, single and batch), per-user views, preferences, read
// markers, moderators and bans, with the role rules that govern each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BatchCreateChannelMembershipCommand,
  CreateChannelBanCommand,
  CreateChannelMembershipCommand,
  CreateChannelModeratorCommand,
  DeleteChannelBanCommand,
  DeleteChannelMembershipCommand,
  DeleteChannelModeratorCommand,
  DescribeChannelBanCommand,
  DescribeChannelMembershipCommand,
  DescribeChannelMembershipForAppInstanceUserCommand,
  DescribeChannelModeratedByAppInstanceUserCommand,
  DescribeChannelModeratorCommand,
  GetChannelMembershipPreferencesCommand,
  ListChannelBansCommand,
  ListChannelMembershipsCommand,
  ListChannelMembershipsForAppInstanceUserCommand,
  ListChannelMessagesCommand,
  ListChannelModeratorsCommand,
  ListChannelsModeratedByAppInstanceUserCommand,
  PutChannelMembershipPreferencesCommand,
  UpdateChannelReadMarkerCommand,
  type ChannelMembershipType,
} from '@aws-sdk/client-chime-sdk-messaging';
import { createChannel, forbidden, refused, sendMessage, world, type World } from './setup.js';

let w: World;
beforeAll(async () => {
  w = await world();
});
afterAll(() => w?.emu.close());

const addMember = (channelArn: string, bearer: string, member: string, type: ChannelMembershipType = 'DEFAULT') =>
  w.chime.send(new CreateChannelMembershipCommand({ ChannelArn: channelArn, ChimeBearer: bearer, MemberArn: member, Type: type }));
const listMembers = async (channelArn: string, bearer: string, type?: ChannelMembershipType) =>
  (await w.chime.send(new ListChannelMembershipsCommand({ ChannelArn: channelArn, ChimeBearer: bearer, Type: type }))).ChannelMemberships!.map(
    (m) => m.Member!.Arn,
  );

describe('memberships', () => {
  it('UNRESTRICTED: members add others; RESTRICTED: only moderators and admins; non-members never', async () => {
    const open = await createChannel(w, { Mode: 'UNRESTRICTED', MemberArns: [w.users.alice] });
    const out = await addMember(open, w.users.alice, w.users.bob);
    expect(out).toMatchObject({ ChannelArn: open, Member: { Arn: w.users.bob, Name: 'BOB' } });
    await forbidden(addMember(open, w.users.dave, w.users.carol));

    const closed = await createChannel(w, { Mode: 'RESTRICTED', MemberArns: [w.users.alice] });
    await forbidden(addMember(closed, w.users.alice, w.users.bob));
    await addMember(closed, w.users.admin, w.users.bob);
    expect(await listMembers(closed, w.users.alice)).toEqual([w.users.alice, w.users.bob]);

    const described = await w.chime.send(new DescribeChannelMembershipCommand({ ChannelArn: closed, MemberArn: w.users.bob, ChimeBearer: w.users.alice }));
    expect(described.ChannelMembership).toMatchObject({ Type: 'DEFAULT', Member: { Arn: w.users.bob }, InvitedBy: { Arn: w.users.admin } });
    await refused(
      w.chime.send(new DescribeChannelMembershipCommand({ ChannelArn: closed, MemberArn: w.users.dave, ChimeBearer: w.users.admin })),
      'NotFoundException',
      404,
    );
  });

  it('HIDDEN members: added by moderators only, listed only by type, observe but cannot send', async () => {
    const arn = await createChannel(w, { MemberArns: [w.users.alice] });
    await forbidden(addMember(arn, w.users.alice, w.users.carol, 'HIDDEN'));
    await addMember(arn, w.users.admin, w.users.carol, 'HIDDEN');
    expect(await listMembers(arn, w.users.alice)).toEqual([w.users.alice]);
    expect(await listMembers(arn, w.users.alice, 'HIDDEN')).toEqual([w.users.carol]);
    await sendMessage(w, arn, w.users.alice, 'visible to carol');
    const seen = await w.chime.send(new ListChannelMessagesCommand({ ChannelArn: arn, ChimeBearer: w.users.carol }));
    expect(seen.ChannelMessages!.map((m) => m.Content)).toEqual(['visible to carol']);
    await forbidden(sendMessage(w, arn, w.users.carol, 'hidden speaks'));
  });

  it('BatchCreateChannelMembership adds what it can and reports each failure', async () => {
    const arn = await createChannel(w);
    const ghost = `${w.app}/user/ghost`;
    const out = await w.chime.send(
      new BatchCreateChannelMembershipCommand({ ChannelArn: arn, ChimeBearer: w.users.admin, MemberArns: [w.users.alice, ghost, w.bot] }),
    );
    expect(out.BatchChannelMemberships!.Members!.map((m) => m.Arn)).toEqual([w.users.alice, w.bot]);
    expect(out.Errors).toEqual([{ MemberArn: ghost, ErrorCode: 'NotFound', ErrorMessage: expect.any(String) }]);
    expect(await listMembers(arn, w.users.admin)).toEqual([w.users.alice, w.bot]);
    const first = await w.chime.send(new ListChannelMembershipsCommand({ ChannelArn: arn, ChimeBearer: w.users.admin, MaxResults: 1 }));
    expect(first.ChannelMemberships!.map((m) => m.Member!.Arn)).toEqual([w.users.alice]);
    const second = await w.chime.send(new ListChannelMembershipsCommand({ ChannelArn: arn, ChimeBearer: w.users.admin, MaxResults: 1, NextToken: first.NextToken }));
    expect(second.ChannelMemberships!.map((m) => m.Member!.Arn)).toEqual([w.bot]);
    expect(second.NextToken).toBeUndefined();
  });

  it('a member may leave but not remove others; moderators remove anyone', async () => {
    const arn = await createChannel(w, { MemberArns: [w.users.alice, w.users.bob, w.users.carol] });
    const remove = (bearer: string, member: string) =>
      w.chime.send(new DeleteChannelMembershipCommand({ ChannelArn: arn, ChimeBearer: bearer, MemberArn: member }));
    await forbidden(remove(w.users.alice, w.users.bob));
    await remove(w.users.alice, w.users.alice);
    await remove(w.users.admin, w.users.bob);
    expect(await listMembers(arn, w.users.admin)).toEqual([w.users.carol]);
  });

  it('per-user views: own for everyone, anyone for admins', async () => {
    const arn = await createChannel(w, { Name: 'per-user', MemberArns: [w.users.dave] });
    const own = await w.chime.send(new ListChannelMembershipsForAppInstanceUserCommand({ ChimeBearer: w.users.dave }));
    const mine = own.ChannelMemberships!.find((m) => m.ChannelSummary!.ChannelArn === arn);
    expect(mine).toMatchObject({ ChannelSummary: { Name: 'per-user' }, AppInstanceUserMembershipSummary: { Type: 'DEFAULT' } });
    await forbidden(w.chime.send(new ListChannelMembershipsForAppInstanceUserCommand({ ChimeBearer: w.users.alice, AppInstanceUserArn: w.users.dave })));
    const byAdmin = await w.chime.send(new ListChannelMembershipsForAppInstanceUserCommand({ ChimeBearer: w.users.admin, AppInstanceUserArn: w.users.dave }));
    expect(byAdmin.ChannelMemberships!.length).toBe(own.ChannelMemberships!.length);

    const d = await w.chime.send(new DescribeChannelMembershipForAppInstanceUserCommand({ ChannelArn: arn, AppInstanceUserArn: w.users.dave, ChimeBearer: w.users.dave }));
    expect(d.ChannelMembership!.ChannelSummary!.ChannelArn).toBe(arn);
    await forbidden(w.chime.send(new DescribeChannelMembershipForAppInstanceUserCommand({ ChannelArn: arn, AppInstanceUserArn: w.users.dave, ChimeBearer: w.users.bob })));
  });

  it('read markers and push-notification preferences belong to the member', async () => {
    const arn = await createChannel(w, { Name: 'prefs', MemberArns: [w.users.alice] });
    await w.chime.send(new UpdateChannelReadMarkerCommand({ ChannelArn: arn, ChimeBearer: w.users.alice }));
    const own = await w.chime.send(new ListChannelMembershipsForAppInstanceUserCommand({ ChimeBearer: w.users.alice }));
    const summary = own.ChannelMemberships!.find((m) => m.ChannelSummary!.ChannelArn === arn)!.AppInstanceUserMembershipSummary!;
    expect(summary.ReadMarkerTimestamp).toBeInstanceOf(Date);
    await forbidden(w.chime.send(new UpdateChannelReadMarkerCommand({ ChannelArn: arn, ChimeBearer: w.users.bob })));

    const Preferences = { PushNotifications: { AllowNotifications: 'FILTERED' as const, FilterRule: '{"mention":[{"exists":true}]}' } };
    const put = await w.chime.send(new PutChannelMembershipPreferencesCommand({ ChannelArn: arn, MemberArn: w.users.alice, ChimeBearer: w.users.alice, Preferences }));
    expect(put).toMatchObject({ ChannelArn: arn, Member: { Arn: w.users.alice }, Preferences });
    const got = await w.chime.send(new GetChannelMembershipPreferencesCommand({ ChannelArn: arn, MemberArn: w.users.alice, ChimeBearer: w.users.alice }));
    expect(got.Preferences).toEqual(Preferences);
    // Admins cannot act for others; FILTERED needs a rule.
    await forbidden(w.chime.send(new GetChannelMembershipPreferencesCommand({ ChannelArn: arn, MemberArn: w.users.alice, ChimeBearer: w.users.admin })));
    await refused(
      w.chime.send(
        new PutChannelMembershipPreferencesCommand({
          ChannelArn: arn,
          MemberArn: w.users.alice,
          ChimeBearer: w.users.alice,
          Preferences: { PushNotifications: { AllowNotifications: 'FILTERED' } },
        }),
      ),
      'BadRequestException',
      400,
    );
  });
});

describe('moderators', () => {
  it('create, describe, list, list and describe by user, delete; members cannot manage them', async () => {
    const arn = await createChannel(w, { Name: 'moderated', MemberArns: [w.users.alice] });
    await forbidden(w.chime.send(new CreateChannelModeratorCommand({ ChannelArn: arn, ChimeBearer: w.users.alice, ChannelModeratorArn: w.users.bob })));
    const created = await w.chime.send(new CreateChannelModeratorCommand({ ChannelArn: arn, ChimeBearer: w.users.admin, ChannelModeratorArn: w.users.bob }));
    expect(created).toMatchObject({ ChannelArn: arn, ChannelModerator: { Arn: w.users.bob, Name: 'BOB' } });
    await refused(
      w.chime.send(new CreateChannelModeratorCommand({ ChannelArn: arn, ChimeBearer: w.users.admin, ChannelModeratorArn: w.users.bob })),
      'ConflictException',
      409,
    );
    // Bob now moderates: he may add a moderator himself.
    await w.chime.send(new CreateChannelModeratorCommand({ ChannelArn: arn, ChimeBearer: w.users.bob, ChannelModeratorArn: w.users.carol }));
    const d = await w.chime.send(new DescribeChannelModeratorCommand({ ChannelArn: arn, ChimeBearer: w.users.bob, ChannelModeratorArn: w.users.carol }));
    expect(d.ChannelModerator).toMatchObject({ Moderator: { Arn: w.users.carol }, CreatedBy: { Arn: w.users.bob }, ChannelArn: arn });
    const listed = await w.chime.send(new ListChannelModeratorsCommand({ ChannelArn: arn, ChimeBearer: w.users.bob }));
    expect(listed.ChannelModerators!.map((m) => m.Moderator!.Arn)).toEqual([w.users.admin, w.users.bob, w.users.carol]);
    await forbidden(w.chime.send(new ListChannelModeratorsCommand({ ChannelArn: arn, ChimeBearer: w.users.alice })));

    const byCarol = await w.chime.send(new ListChannelsModeratedByAppInstanceUserCommand({ ChimeBearer: w.users.carol }));
    expect(byCarol.Channels!.map((c) => c.ChannelSummary!.Name)).toEqual(['moderated']);
    const one = await w.chime.send(new DescribeChannelModeratedByAppInstanceUserCommand({ ChannelArn: arn, AppInstanceUserArn: w.users.carol, ChimeBearer: w.users.carol }));
    expect(one.Channel!.ChannelSummary!.ChannelArn).toBe(arn);

    await w.chime.send(new DeleteChannelModeratorCommand({ ChannelArn: arn, ChimeBearer: w.users.admin, ChannelModeratorArn: w.users.carol }));
    await refused(
      w.chime.send(new DescribeChannelModeratorCommand({ ChannelArn: arn, ChimeBearer: w.users.admin, ChannelModeratorArn: w.users.carol })),
      'NotFoundException',
      404,
    );
  });
});

describe('bans', () => {
  it('a ban removes the member and blocks re-adding until it is deleted', async () => {
    const arn = await createChannel(w, { MemberArns: [w.users.alice, w.users.bob] });
    w.events.length = 0;
    const ban = await w.chime.send(new CreateChannelBanCommand({ ChannelArn: arn, ChimeBearer: w.users.admin, MemberArn: w.users.bob }));
    expect(ban).toMatchObject({ ChannelArn: arn, Member: { Arn: w.users.bob, Name: 'BOB' } });
    expect(await listMembers(arn, w.users.admin)).toEqual([w.users.alice]);
    // The removed member is told, with the remaining members.
    expect(w.events.map((e) => [e.type, e.recipients.sort()])).toEqual([['DELETE_CHANNEL_MEMBERSHIP', [w.users.alice, w.users.bob].sort()]]);
    await forbidden(addMember(arn, w.users.admin, w.users.bob));

    const d = await w.chime.send(new DescribeChannelBanCommand({ ChannelArn: arn, ChimeBearer: w.users.admin, MemberArn: w.users.bob }));
    expect(d.ChannelBan).toMatchObject({ Member: { Arn: w.users.bob }, CreatedBy: { Arn: w.users.admin }, ChannelArn: arn });
    const listed = await w.chime.send(new ListChannelBansCommand({ ChannelArn: arn, ChimeBearer: w.users.admin }));
    expect(listed.ChannelBans!.map((b) => b.Member!.Arn)).toEqual([w.users.bob]);
    await forbidden(w.chime.send(new ListChannelBansCommand({ ChannelArn: arn, ChimeBearer: w.users.alice })));

    await w.chime.send(new DeleteChannelBanCommand({ ChannelArn: arn, ChimeBearer: w.users.admin, MemberArn: w.users.bob }));
    await addMember(arn, w.users.admin, w.users.bob);
    expect(await listMembers(arn, w.users.admin)).toEqual([w.users.alice, w.users.bob]);
  });

  it('moderators and AppInstanceAdmins cannot be banned; members cannot ban', async () => {
    const arn = await createChannel(w, { MemberArns: [w.users.alice], ModeratorArns: [w.users.carol] });
    await forbidden(w.chime.send(new CreateChannelBanCommand({ ChannelArn: arn, ChimeBearer: w.users.admin, MemberArn: w.users.carol })));
    await forbidden(w.chime.send(new CreateChannelBanCommand({ ChannelArn: arn, ChimeBearer: w.users.carol, MemberArn: w.users.admin })));
    await forbidden(w.chime.send(new CreateChannelBanCommand({ ChannelArn: arn, ChimeBearer: w.users.alice, MemberArn: w.users.dave })));
  });
});
