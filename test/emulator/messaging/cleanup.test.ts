// Deleting identity resources takes their messaging data along: a deleted user or bot leaves
// its channels, a deleted AppInstance takes its channels and flows; the per-AppInstance user
// index and user counter (the quota check) stay in step.
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  CreateChannelFlowCommand,
  CreateChannelModeratorCommand,
  ListChannelMembershipsCommand,
  ListChannelModeratorsCommand,
} from '@aws-sdk/client-chime-sdk-messaging';
import {
  CreateAppInstanceUserCommand,
  DeleteAppInstanceBotCommand,
  DeleteAppInstanceCommand,
  DeleteAppInstanceUserCommand,
} from '@aws-sdk/client-chime-sdk-identity';
import { appInstanceMembers, identityState } from '../../../src/emulator/services/identity/state.js';
import { findChannel, findFlow, findMemberIndex, messagingState } from '../../../src/emulator/services/messaging/backend.js';
import { identityClient } from '../helpers.js';
import { createChannel, world, type World } from './setup.js';

let w: World;
beforeAll(async () => {
  w = await world();
});
afterAll(() => w?.emu.close());

it('a deleted user or bot leaves every channel it belonged to or moderated; the user counter follows', async () => {
  const identity = identityClient(w.emu);
  const arn = await createChannel(w, { MemberArns: [w.users.alice, w.users.bob, w.bot] });
  await w.chime.send(new CreateChannelModeratorCommand({ ChannelArn: arn, ChimeBearer: w.users.admin, ChannelModeratorArn: w.users.bob }));
  expect(identityState(w.emu.state).byAppInstance[w.app]!.userCount).toBe(5);

  await identity.send(new DeleteAppInstanceUserCommand({ AppInstanceUserArn: w.users.bob }));
  await identity.send(new DeleteAppInstanceBotCommand({ AppInstanceBotArn: w.bot }));
  const members = await w.chime.send(new ListChannelMembershipsCommand({ ChannelArn: arn, ChimeBearer: w.users.admin }));
  expect(members.ChannelMemberships!.map((m) => m.Member!.Arn)).toEqual([w.users.alice]);
  const mods = await w.chime.send(new ListChannelModeratorsCommand({ ChannelArn: arn, ChimeBearer: w.users.admin }));
  expect(mods.ChannelModerators!.map((m) => m.Moderator!.Arn)).toEqual([w.users.admin]);
  expect(findMemberIndex(w.emu.state, w.users.bob)).toBeUndefined();
  expect(identityState(w.emu.state).byAppInstance[w.app]!.userCount).toBe(4);

  // The same user id can come back, and counts once.
  await identity.send(new CreateAppInstanceUserCommand({ AppInstanceArn: w.app, AppInstanceUserId: 'bob', Name: 'Bob again' }));
  expect(identityState(w.emu.state).byAppInstance[w.app]!.userCount).toBe(4 + 1);
  expect(Object.keys(identityState(w.emu.state).byAppInstance[w.app]!.bots)).toEqual([]);
});

it('a deleted AppInstance takes its channels, channel flows, indexes and tags', async () => {
  const arn = await createChannel(w, { MemberArns: [w.users.alice], Tags: [{ Key: 'k', Value: 'v' }] });
  const { ChannelFlowArn } = await w.chime.send(
    new CreateChannelFlowCommand({
      AppInstanceArn: w.app,
      Name: 'f',
      Processors: [{ Name: 'p', ExecutionOrder: 1, FallbackAction: 'CONTINUE', Configuration: { Lambda: { ResourceArn: 'arn:aws:lambda:us-east-1:123456789012:function:f', InvocationType: 'ASYNC' } } }],
    }),
  );
  await identityClient(w.emu).send(new DeleteAppInstanceCommand({ AppInstanceArn: w.app }));
  expect(findChannel(w.emu.state, arn)).toBeUndefined();
  expect(findFlow(w.emu.state, ChannelFlowArn!)).toBeUndefined();
  expect(messagingState(w.emu.state).appInstances[w.app]).toBeUndefined();
  expect(findMemberIndex(w.emu.state, w.users.alice)).toBeUndefined();
  expect(w.emu.state.tags[arn]).toBeUndefined();
  expect(identityState(w.emu.state).byAppInstance[w.app]).toBeUndefined();
});

it('a state saved before the per-AppInstance index existed is indexed on first use', () => {
  const app = 'arn:aws:chime:us-east-1:123456789012:app-instance/legacy';
  const other = 'arn:aws:chime:us-east-1:123456789012:app-instance/other';
  const user = (a: string, id: string) => ({ AppInstanceUserArn: `${a}/user/${id}`, AppInstanceArn: a, Name: id, CreatedTimestamp: new Date(), LastUpdatedTimestamp: new Date() });
  const state = {
    identity: { users: { [`${app}/user/a`]: user(app, 'a'), [`${other}/user/b`]: user(other, 'b'), [`${app}/user/c`]: user(app, 'c') } },
    messaging: {},
    ivschat: {},
    tags: {},
  };
  const members = appInstanceMembers(state, app);
  expect(members).toEqual({ users: { [`${app}/user/a`]: true, [`${app}/user/c`]: true }, bots: {}, userCount: 2 });
});
