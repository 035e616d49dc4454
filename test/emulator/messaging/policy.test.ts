// The role table (api-surface.md §7) against a PRIVATE RESTRICTED channel and a PUBLIC one:
// every denied cell answers ForbiddenException (403), every allowed one succeeds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateChannelMembershipCommand,
  DescribeChannelCommand,
  DescribeChannelMembershipForAppInstanceUserCommand,
  ListChannelBansCommand,
  ListChannelMembershipsCommand,
  ListChannelMessagesCommand,
  ListChannelModeratorsCommand,
  SendChannelMessageCommand,
  type DescribeChannelCommandInput,
} from '@aws-sdk/client-chime-sdk-messaging';
import { CreateAppInstanceCommand, CreateAppInstanceUserCommand } from '@aws-sdk/client-chime-sdk-identity';
import { identityClient } from '../helpers.js';
import { createChannel, forbidden, refused, world, type World } from './setup.js';

let w: World;
let priv: string;
let pub: string;
type Who = 'admin' | 'moderator' | 'member' | 'hidden' | 'bot' | 'nonMember';
let bearer: Record<Who, string>;

beforeAll(async () => {
  w = await world();
  // Carol creates the channels, so she moderates them; the admin is neither member nor moderator.
  const members = [w.users.alice, w.bot];
  priv = await createChannel(w, { ChimeBearer: w.users.carol, Privacy: 'PRIVATE', Mode: 'RESTRICTED', MemberArns: members });
  pub = await createChannel(w, { ChimeBearer: w.users.carol, Privacy: 'PUBLIC', Mode: 'RESTRICTED', MemberArns: members });
  for (const ch of [priv, pub]) {
    await w.chime.send(new CreateChannelMembershipCommand({ ChannelArn: ch, ChimeBearer: w.users.carol, MemberArn: w.users.bob, Type: 'HIDDEN' }));
  }
  bearer = { admin: w.users.admin, moderator: w.users.carol, member: w.users.alice, hidden: w.users.bob, bot: w.bot, nonMember: w.users.dave };
});
afterAll(() => w?.emu.close());

type Call = (channel: string, bearer: string) => Promise<unknown>;
const send: Call = (ch, b) => w.chime.send(new SendChannelMessageCommand({ ChannelArn: ch, ChimeBearer: b, Content: 'x', Type: 'STANDARD', Persistence: 'PERSISTENT' }));
const describeChannel: Call = (ch, b) => w.chime.send(new DescribeChannelCommand({ ChannelArn: ch, ChimeBearer: b }));
const listMemberships: Call = (ch, b) => w.chime.send(new ListChannelMembershipsCommand({ ChannelArn: ch, ChimeBearer: b }));
const listMessages: Call = (ch, b) => w.chime.send(new ListChannelMessagesCommand({ ChannelArn: ch, ChimeBearer: b }));
const listModerators: Call = (ch, b) => w.chime.send(new ListChannelModeratorsCommand({ ChannelArn: ch, ChimeBearer: b }));
const listBans: Call = (ch, b) => w.chime.send(new ListChannelBansCommand({ ChannelArn: ch, ChimeBearer: b }));
const aliceMembership: Call = (ch, b) =>
  w.chime.send(new DescribeChannelMembershipForAppInstanceUserCommand({ ChannelArn: ch, ChimeBearer: b, AppInstanceUserArn: w.users.alice }));
const addDave: Call = (ch, b) => w.chime.send(new CreateChannelMembershipCommand({ ChannelArn: ch, ChimeBearer: b, MemberArn: w.users.dave, Type: 'DEFAULT' }));

// Allowed callers per operation; everyone else is refused. `*` marks the PUBLIC channel's differences.
const TABLE: Array<[string, Call, { private: Who[]; public: Who[] }]> = [
  ['DescribeChannel', describeChannel, { private: ['admin', 'moderator', 'member', 'hidden', 'bot'], public: ['admin', 'moderator', 'member', 'hidden', 'bot', 'nonMember'] }],
  ['ListChannelMemberships', listMemberships, { private: ['admin', 'moderator', 'member', 'hidden', 'bot'], public: ['admin', 'moderator', 'member', 'hidden', 'bot', 'nonMember'] }],
  ['ListChannelMessages', listMessages, { private: ['admin', 'moderator', 'member', 'hidden', 'bot'], public: ['admin', 'moderator', 'member', 'hidden', 'bot', 'nonMember'] }],
  ['ListChannelModerators', listModerators, { private: ['admin', 'moderator'], public: ['admin', 'moderator'] }],
  ['ListChannelBans', listBans, { private: ['admin', 'moderator'], public: ['admin', 'moderator'] }],
  // Admins and moderators send only as members; hidden members never.
  ['SendChannelMessage', send, { private: ['member', 'bot'], public: ['member', 'bot'] }],
  ['DescribeChannelMembershipForAppInstanceUser(alice)', aliceMembership, { private: ['admin', 'member'], public: ['admin', 'member'] }],
];

describe('authorization by role', () => {
  for (const [name, call, allowed] of TABLE) {
    for (const privacy of ['private', 'public'] as const) {
      it(`${name} on a ${privacy.toUpperCase()} channel`, async () => {
        const channel = privacy === 'private' ? priv : pub;
        for (const who of Object.keys(bearer) as Who[]) {
          if (allowed[privacy].includes(who)) {
            await expect(call(channel, bearer[who]), `${who} should be allowed`).resolves.toBeDefined();
          } else {
            const err = await forbidden(call(channel, bearer[who]));
            expect(err.message).toContain(name.replace(/\(.*$/, ''));
          }
        }
      });
    }
  }

  it('RESTRICTED: members cannot add members, moderators and admins can', async () => {
    await forbidden(addDave(priv, w.users.alice));
    await addDave(priv, w.users.carol);
    await addDave(pub, w.users.admin);
  });

  it('x-amz-chime-bearer is required where the model requires it', async () => {
    const err = await refused(w.chime.send(new DescribeChannelCommand({ ChannelArn: pub } as DescribeChannelCommandInput)), 'BadRequestException', 400);
    expect(err.message).toContain('ChimeBearer');
  });

  it('a bearer from another AppInstance, or one that does not exist, is refused', async () => {
    const identity = identityClient(w.emu);
    const { AppInstanceArn } = await identity.send(new CreateAppInstanceCommand({ Name: 'elsewhere' }));
    const { AppInstanceUserArn } = await identity.send(new CreateAppInstanceUserCommand({ AppInstanceArn, AppInstanceUserId: 'stranger', Name: 'Stranger' }));
    await forbidden(describeChannel(pub, AppInstanceUserArn!));
    await forbidden(describeChannel(pub, `${w.app}/user/nobody`));
  });
});
