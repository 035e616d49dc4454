// Channels, search, expiration, tags, streaming configurations and the session endpoint,
// through the SDK v3 messaging client against an in-process emulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateChannelFlowCommand,
  DeleteChannelCommand,
  DeleteMessagingStreamingConfigurationsCommand,
  DescribeChannelCommand,
  GetMessagingSessionEndpointCommand,
  GetMessagingStreamingConfigurationsCommand,
  ListChannelMembershipsForAppInstanceUserCommand,
  ListChannelModeratorsCommand,
  ListChannelsCommand,
  ListTagsForResourceCommand,
  PutChannelExpirationSettingsCommand,
  PutMessagingStreamingConfigurationsCommand,
  SearchChannelsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateChannelCommand,
} from '@aws-sdk/client-chime-sdk-messaging';
import { createChannel, forbidden, refused, world, type World } from './setup.js';

let w: World;
beforeAll(async () => {
  w = await world();
});
afterAll(() => w?.emu.close());

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:processor';

describe('channels', () => {
  it('CreateChannel stores what it was given; the creator moderates it; a taken ChannelId is a conflict', async () => {
    const arn = await createChannel(w, {
      ChannelId: 'general',
      Name: 'General',
      Mode: 'RESTRICTED',
      Privacy: 'PRIVATE',
      Metadata: '{"topic":"all"}',
      MemberArns: [w.users.alice],
      ModeratorArns: [w.users.bob],
      ExpirationSettings: { ExpirationDays: 30, ExpirationCriterion: 'LAST_MESSAGE_TIMESTAMP' },
    });
    expect(arn).toBe(`${w.app}/channel/general`);
    const { Channel } = await w.chime.send(new DescribeChannelCommand({ ChannelArn: arn, ChimeBearer: w.users.alice }));
    expect(Channel).toMatchObject({
      Name: 'General',
      Mode: 'RESTRICTED',
      Privacy: 'PRIVATE',
      Metadata: '{"topic":"all"}',
      CreatedBy: { Arn: w.users.admin, Name: 'ADMIN' },
      ExpirationSettings: { ExpirationDays: 30, ExpirationCriterion: 'LAST_MESSAGE_TIMESTAMP' },
    });
    expect(Channel!.CreatedTimestamp).toBeInstanceOf(Date);
    const mods = await w.chime.send(new ListChannelModeratorsCommand({ ChannelArn: arn, ChimeBearer: w.users.admin }));
    expect(mods.ChannelModerators!.map((m) => m.Moderator!.Arn).sort()).toEqual([w.users.admin, w.users.bob].sort());
    await refused(createChannel(w, { ChannelId: 'general' }), 'ConflictException', 409);
  });

  it('UpdateChannel changes name, mode and metadata, and members hear UPDATE_CHANNEL', async () => {
    const arn = await createChannel(w, { MemberArns: [w.users.alice] });
    w.events.length = 0;
    await w.chime.send(new UpdateChannelCommand({ ChannelArn: arn, ChimeBearer: w.users.admin, Name: 'renamed', Mode: 'RESTRICTED', Metadata: 'm' }));
    const { Channel } = await w.chime.send(new DescribeChannelCommand({ ChannelArn: arn, ChimeBearer: w.users.admin }));
    expect(Channel).toMatchObject({ Name: 'renamed', Mode: 'RESTRICTED', Metadata: 'm' });
    expect(w.events.map((e) => [e.type, e.recipients])).toEqual([['UPDATE_CHANNEL', [w.users.alice]]]);
    expect(w.events[0]!.payload).toMatchObject({ ChannelArn: arn, Name: 'renamed' });
    await forbidden(w.chime.send(new UpdateChannelCommand({ ChannelArn: arn, ChimeBearer: w.users.alice, Name: 'mine' })));
  });

  it('DeleteChannel removes the channel and its memberships; members hear DELETE_CHANNEL', async () => {
    const arn = await createChannel(w, { MemberArns: [w.users.carol] });
    w.events.length = 0;
    await forbidden(w.chime.send(new DeleteChannelCommand({ ChannelArn: arn, ChimeBearer: w.users.carol })));
    await w.chime.send(new DeleteChannelCommand({ ChannelArn: arn, ChimeBearer: w.users.admin }));
    expect(w.events.map((e) => [e.type, e.recipients])).toEqual([['DELETE_CHANNEL', [w.users.carol]]]);
    await refused(w.chime.send(new DescribeChannelCommand({ ChannelArn: arn, ChimeBearer: w.users.admin })), 'NotFoundException', 404);
    const own = await w.chime.send(new ListChannelMembershipsForAppInstanceUserCommand({ ChimeBearer: w.users.carol }));
    expect(own.ChannelMemberships!.map((m) => m.ChannelSummary!.ChannelArn)).not.toContain(arn);
  });

  it('ListChannels: PUBLIC ones for everyone, PRIVATE ones for admins only, page by page', async () => {
    const pub = await createChannel(w, { Name: 'pub', Privacy: 'PUBLIC' });
    const priv = await createChannel(w, { Name: 'priv', Privacy: 'PRIVATE' });
    const asDave = await w.chime.send(new ListChannelsCommand({ AppInstanceArn: w.app, ChimeBearer: w.users.dave }));
    const daveSees = asDave.Channels!.map((c) => c.ChannelArn);
    expect(daveSees).toContain(pub);
    expect(daveSees).not.toContain(priv);
    await forbidden(w.chime.send(new ListChannelsCommand({ AppInstanceArn: w.app, ChimeBearer: w.users.dave, Privacy: 'PRIVATE' })));
    const adminPrivate = await w.chime.send(new ListChannelsCommand({ AppInstanceArn: w.app, ChimeBearer: w.users.admin, Privacy: 'PRIVATE' }));
    expect(adminPrivate.Channels!.every((c) => c.Privacy === 'PRIVATE')).toBe(true);
    expect(adminPrivate.Channels!.map((c) => c.ChannelArn)).toContain(priv);

    const seen: string[] = [];
    let token: string | undefined;
    for (let i = 0; i < 50; i++) {
      const p = await w.chime.send(new ListChannelsCommand({ AppInstanceArn: w.app, ChimeBearer: w.users.admin, MaxResults: 1, NextToken: token }));
      expect(p.Channels!.length).toBeLessThanOrEqual(1);
      seen.push(...p.Channels!.map((c) => c.ChannelArn!));
      token = p.NextToken;
      if (!token) break;
    }
    const all = await w.chime.send(new ListChannelsCommand({ AppInstanceArn: w.app, ChimeBearer: w.users.admin }));
    expect(seen).toEqual(all.Channels!.map((c) => c.ChannelArn));
    expect(seen.length).toBeGreaterThan(2);
  });

  it('SearchChannels: admins search every channel, others only their own; EQUALS and INCLUDES', async () => {
    const both = await createChannel(w, { Name: 'both', MemberArns: [w.users.alice, w.users.bob] });
    const aliceOnly = await createChannel(w, { Name: 'alice-only', MemberArns: [w.users.alice] });
    const includes = (bearer: string, values: string[]) =>
      w.chime.send(new SearchChannelsCommand({ ChimeBearer: bearer, Fields: [{ Key: 'MEMBERS', Operator: 'INCLUDES', Values: values }] }));
    const byAdmin = await includes(w.users.admin, [w.users.alice]);
    expect(byAdmin.Channels!.map((c) => c.ChannelArn)).toEqual(expect.arrayContaining([both, aliceOnly]));
    // Bob belongs to `both` only, so he cannot find `alice-only` even though Alice is in it.
    const byBob = await includes(w.users.bob, [w.users.alice]);
    expect(byBob.Channels!.map((c) => c.ChannelArn)).toContain(both);
    expect(byBob.Channels!.map((c) => c.ChannelArn)).not.toContain(aliceOnly);
    const equals = await w.chime.send(
      new SearchChannelsCommand({ ChimeBearer: w.users.admin, Fields: [{ Key: 'MEMBERS', Operator: 'EQUALS', Values: [w.users.alice] }] }),
    );
    expect(equals.Channels!.map((c) => c.ChannelArn)).toContain(aliceOnly);
    expect(equals.Channels!.map((c) => c.ChannelArn)).not.toContain(both);
    await refused(
      w.chime.send(new SearchChannelsCommand({ Fields: [{ Key: 'MEMBERS', Operator: 'INCLUDES', Values: [w.users.alice] }] })),
      'BadRequestException',
      400,
    );
  });

  it('PutChannelExpirationSettings sets and clears a channel expiration', async () => {
    const arn = await createChannel(w);
    const put = await w.chime.send(
      new PutChannelExpirationSettingsCommand({ ChannelArn: arn, ChimeBearer: w.users.admin, ExpirationSettings: { ExpirationDays: 1, ExpirationCriterion: 'CREATED_TIMESTAMP' } }),
    );
    expect(put).toMatchObject({ ChannelArn: arn, ExpirationSettings: { ExpirationDays: 1, ExpirationCriterion: 'CREATED_TIMESTAMP' } });
    await refused(
      w.chime.send(new PutChannelExpirationSettingsCommand({ ChannelArn: arn, ChimeBearer: w.users.admin, ExpirationSettings: { ExpirationDays: 5476, ExpirationCriterion: 'CREATED_TIMESTAMP' } })),
      'BadRequestException',
      400,
    );
    await w.chime.send(new PutChannelExpirationSettingsCommand({ ChannelArn: arn, ChimeBearer: w.users.admin }));
    const { Channel } = await w.chime.send(new DescribeChannelCommand({ ChannelArn: arn, ChimeBearer: w.users.admin }));
    expect(Channel!.ExpirationSettings).toBeUndefined();
  });
});

describe('tags on channels and channel flows', () => {
  it('TagResource, ListTagsForResource and UntagResource reach messaging by the ARN', async () => {
    const arn = await createChannel(w, { Tags: [{ Key: 'team', Value: 'chat' }] });
    await w.chime.send(new TagResourceCommand({ ResourceARN: arn, Tags: [{ Key: 'env', Value: 'test' }] }));
    const listed = await w.chime.send(new ListTagsForResourceCommand({ ResourceARN: arn }));
    expect(listed.Tags).toEqual([
      { Key: 'team', Value: 'chat' },
      { Key: 'env', Value: 'test' },
    ]);
    await w.chime.send(new UntagResourceCommand({ ResourceARN: arn, TagKeys: ['team'] }));
    expect((await w.chime.send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags).toEqual([{ Key: 'env', Value: 'test' }]);

    const { ChannelFlowArn } = await w.chime.send(
      new CreateChannelFlowCommand({
        AppInstanceArn: w.app,
        Name: 'tagged',
        Processors: [{ Name: 'p', ExecutionOrder: 1, FallbackAction: 'CONTINUE', Configuration: { Lambda: { ResourceArn: LAMBDA, InvocationType: 'ASYNC' } } }],
        Tags: [{ Key: 'k', Value: 'v' }],
      }),
    );
    expect((await w.chime.send(new ListTagsForResourceCommand({ ResourceARN: ChannelFlowArn }))).Tags).toEqual([{ Key: 'k', Value: 'v' }]);
    await refused(w.chime.send(new ListTagsForResourceCommand({ ResourceARN: `${w.app}/channel/nope` })), 'NotFoundException', 404);
  });
});

describe('streaming configurations', () => {
  const stream = (name: string) => `arn:aws:kinesis:us-east-1:123456789012:stream/${name}`;

  it('Put, Get and Delete; stream names must start with chime-messaging-', async () => {
    await refused(w.chime.send(new GetMessagingStreamingConfigurationsCommand({ AppInstanceArn: w.app })), 'NotFoundException', 404);
    const configs = [
      { DataType: 'ChannelMessage' as const, ResourceArn: stream('chime-messaging-messages') },
      { DataType: 'Channel' as const, ResourceArn: stream('chime-messaging-channels') },
    ];
    const put = await w.chime.send(new PutMessagingStreamingConfigurationsCommand({ AppInstanceArn: w.app, StreamingConfigurations: configs }));
    expect(put.StreamingConfigurations).toEqual(configs);
    const got = await w.chime.send(new GetMessagingStreamingConfigurationsCommand({ AppInstanceArn: w.app }));
    expect(got.StreamingConfigurations).toEqual(configs);

    const bad = await refused(
      w.chime.send(new PutMessagingStreamingConfigurationsCommand({ AppInstanceArn: w.app, StreamingConfigurations: [{ DataType: 'Channel', ResourceArn: stream('messages') }] })),
      'BadRequestException',
      400,
    );
    expect(bad.message).toContain('chime-messaging-');
    await refused(
      w.chime.send(new PutMessagingStreamingConfigurationsCommand({ AppInstanceArn: w.app, StreamingConfigurations: [configs[0]!, configs[0]!] })),
      'BadRequestException',
      400,
    );
    await refused(
      w.chime.send(
        new PutMessagingStreamingConfigurationsCommand({
          AppInstanceArn: w.app,
          StreamingConfigurations: [{ DataType: 'Channel', ResourceArn: 'arn:aws:kinesis:eu-west-1:123456789012:stream/chime-messaging-x' }],
        }),
      ),
      'BadRequestException',
      400,
    );
    await w.chime.send(new DeleteMessagingStreamingConfigurationsCommand({ AppInstanceArn: w.app }));
    await refused(w.chime.send(new GetMessagingStreamingConfigurationsCommand({ AppInstanceArn: w.app })), 'NotFoundException', 404);
  });
});

describe('GetMessagingSessionEndpoint', () => {
  it('answers the emulator host:port, without a scheme', async () => {
    const out = await w.chime.send(new GetMessagingSessionEndpointCommand({}));
    expect(out.Endpoint!.Url).toBe(`127.0.0.1:${w.emu.port}`);
  });
});
