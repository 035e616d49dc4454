// Authorization by role for Chime SDK messaging (api-surface.md §7), as data. The core runs
// authorizeMessaging after validating the input and right before the handler; a denied call
// answers ForbiddenException (403, from the model).
//
// The role is the bearer's (x-amz-chime-bearer: an AppInstanceUser or AppInstanceBot) relative
// to the channel. Roles add up: a caller holding several roles is allowed when any of its
// roles' cells allows the call. A missing channel or message is left to the handler, which
// answers NotFoundException.
import { parseChimeArn, parentAppInstanceArn } from '../../arns.js';
import type { HandlerContext } from '../../types.js';
import { badRequest, forbidden } from '../chime-errors.js';
import { findBot, findUser, isAppInstanceAdmin } from '../identity/state.js';
import { findChannel, roleOf, type ChannelData, type ChannelRoles } from './backend.js';
import type { MessagingOperation } from './operations.js';

/**
 * A  allowed                P  on PUBLIC channels only
 * D  denied                 unrestricted  only in UNRESTRICTED channels
 * own   only with the caller's own ARN as AppInstanceUserArn
 * self  only with the caller's own ARN as MemberArn (their own membership)
 * visible  DEFAULT members only: HIDDEN members observe but cannot send
 * ownMessage / sender  only on a message the caller sent
 */
type Cell = 'A' | 'D' | 'P' | 'own' | 'self' | 'unrestricted' | 'visible' | 'ownMessage' | 'sender';

/** A condition on the input beyond the role: the reason to refuse, or undefined. */
type Condition = (ctx: HandlerContext, data: ChannelData, roles: ChannelRoles) => string | undefined;

interface ChannelRule {
  admin: Cell;
  moderator: Cell;
  member: Cell;
  nonMember: Cell;
  /** Checked after the role table allowed the call. */
  also?: Condition[];
}

const rule = (admin: Cell, moderator: Cell, member: Cell, nonMember: Cell, also?: Condition[]): ChannelRule => ({
  admin,
  moderator,
  member,
  nonMember,
  also,
});

/** Only moderators and admins add HIDDEN members (model doc of CreateChannelMembership). */
const hiddenByModerators: Condition = (ctx, _data, roles) =>
  ctx.input.Type === 'HIDDEN' && !roles.admin && !roles.moderator ? 'only moderators and admins can add HIDDEN members' : undefined;

/** An AppInstanceAdmin or a moderator of the channel cannot be banned from it. */
const banTargetNotPrivileged: Condition = (ctx, data) => {
  const target = ctx.input.MemberArn as string;
  if (data.moderators[target]) return `${target} is a moderator of the channel and cannot be banned`;
  if (isAppInstanceAdmin(ctx.state, data.channel.AppInstanceArn, target)) return `${target} is an AppInstanceAdmin and cannot be banned`;
  return undefined;
};

/** Operations on one channel: who may call them. Columns: admin, moderator, member, non-member. */
export const CHANNEL_RULES: Partial<Record<MessagingOperation, ChannelRule>> = {
  UpdateChannel: rule('A', 'A', 'D', 'D'),
  DeleteChannel: rule('A', 'A', 'D', 'D'),
  // Decision (api-surface.md §7): members and moderators describe their channel whatever its privacy.
  DescribeChannel: rule('A', 'A', 'A', 'P'),
  DescribeChannelMembershipForAppInstanceUser: rule('A', 'own', 'own', 'own'),
  DescribeChannelModeratedByAppInstanceUser: rule('A', 'own', 'own', 'own'),
  CreateChannelMembership: rule('A', 'A', 'unrestricted', 'D', [hiddenByModerators]),
  BatchCreateChannelMembership: rule('A', 'A', 'unrestricted', 'D', [hiddenByModerators]),
  DescribeChannelMembership: rule('A', 'A', 'A', 'P'),
  ListChannelMemberships: rule('A', 'A', 'A', 'P'),
  // Members may leave; removing others takes a moderator or an admin.
  DeleteChannelMembership: rule('A', 'A', 'self', 'D'),
  // Admins and moderators send (and mark read) only through their own membership: the member column.
  SendChannelMessage: rule('D', 'D', 'visible', 'D'),
  UpdateChannelReadMarker: rule('D', 'D', 'A', 'D'),
  GetChannelMessage: rule('A', 'A', 'A', 'P'),
  ListChannelMessages: rule('A', 'A', 'A', 'P'),
  DeleteChannelMessage: rule('A', 'D', 'D', 'D'),
  RedactChannelMessage: rule('A', 'A', 'D', 'D'),
  UpdateChannelMessage: rule('ownMessage', 'ownMessage', 'ownMessage', 'D'),
  GetChannelMessageStatus: rule('sender', 'sender', 'sender', 'D'),
  CreateChannelModerator: rule('A', 'A', 'D', 'D'),
  DeleteChannelModerator: rule('A', 'A', 'D', 'D'),
  DescribeChannelModerator: rule('A', 'A', 'D', 'D'),
  ListChannelModerators: rule('A', 'A', 'D', 'D'),
  CreateChannelBan: rule('A', 'A', 'D', 'D', [banTargetNotPrivileged]),
  DeleteChannelBan: rule('A', 'A', 'D', 'D'),
  DescribeChannelBan: rule('A', 'A', 'D', 'D'),
  ListChannelBans: rule('A', 'A', 'D', 'D'),
  // Model docs: flows by admins or moderators; sub-channels listed by them; preferences only by
  // the member who owns the membership (admins and moderators cannot act for others).
  AssociateChannelFlow: rule('A', 'A', 'D', 'D'),
  DisassociateChannelFlow: rule('A', 'A', 'D', 'D'),
  ListSubChannels: rule('A', 'A', 'D', 'D'),
  PutChannelExpirationSettings: rule('A', 'A', 'D', 'D'),
  GetChannelMembershipPreferences: rule('D', 'D', 'self', 'D'),
  PutChannelMembershipPreferences: rule('D', 'D', 'self', 'D'),
};

/**
 * Operations about the AppInstance or a user rather than one channel. Columns: AppInstanceAdmin,
 * everyone else. own: only with the caller's own ARN as AppInstanceUserArn (or none);
 * publicOnly: not with Privacy=PRIVATE. SearchChannels is open to all: its handler searches all
 * channels for admins and the caller's own for others.
 */
type AppInstanceCell = 'A' | 'own' | 'publicOnly';

const APP_INSTANCE_RULES: Partial<Record<MessagingOperation, { admin: AppInstanceCell; others: AppInstanceCell }>> = {
  ListChannels: { admin: 'A', others: 'publicOnly' },
  ListChannelMembershipsForAppInstanceUser: { admin: 'A', others: 'own' },
  ListChannelsModeratedByAppInstanceUser: { admin: 'A', others: 'own' },
};

/** Operations whose model marks ChimeBearer optional although the service needs it (§10.5). */
const BEARER_NEEDED: ReadonlySet<MessagingOperation> = new Set<MessagingOperation>(['SearchChannels', 'PutChannelExpirationSettings']);

export function authorizeMessaging(ctx: HandlerContext): void {
  const op = ctx.operation as MessagingOperation;
  const bearer: string | undefined = ctx.input.ChimeBearer;
  if (bearer === undefined) {
    if (BEARER_NEEDED.has(op)) throw badRequest(`${op} needs the x-amz-chime-bearer header`);
    return; // operations without a bearer (flows, streaming, tags, endpoint) are IAM-only
  }
  const channelRule = CHANNEL_RULES[op];
  const data = ctx.input.ChannelArn !== undefined ? findChannel(ctx.state, ctx.input.ChannelArn) : undefined;
  const appInstanceArn = data?.channel.AppInstanceArn ?? ctx.input.AppInstanceArn ?? parentAppInstanceArn(bearer);
  requireBearer(ctx, bearer, appInstanceArn);
  if (channelRule && data) return checkChannelRule(ctx, op, channelRule, data, bearer);
  const appRule = APP_INSTANCE_RULES[op];
  if (!appRule) return;
  const subject: string | undefined = ctx.input.AppInstanceUserArn;
  if (subject !== undefined && parentAppInstanceArn(subject) !== appInstanceArn) {
    throw denied(bearer, op, `${subject} belongs to another AppInstance`);
  }
  const admin = isAppInstanceAdmin(ctx.state, appInstanceArn ?? '', bearer);
  const cell = admin ? appRule.admin : appRule.others;
  if (cell === 'own' && subject !== undefined && subject !== bearer) throw denied(bearer, op, 'only an AppInstanceAdmin may ask about another user');
  if (cell === 'publicOnly' && ctx.input.Privacy === 'PRIVATE') throw denied(bearer, op, 'only an AppInstanceAdmin may list PRIVATE channels');
}

/** The bearer must be a user or bot of the AppInstance it acts in. */
function requireBearer(ctx: HandlerContext, bearer: string, appInstanceArn: string | undefined): void {
  const kind = parseChimeArn(bearer)?.kind;
  const exists = kind === 'user' ? findUser(ctx.state, bearer) : kind === 'bot' ? findBot(ctx.state, bearer) : undefined;
  if (!exists || (appInstanceArn !== undefined && parentAppInstanceArn(bearer) !== appInstanceArn)) {
    throw forbidden(`ChimeBearer ${bearer} is not an AppInstanceUser or AppInstanceBot of ${appInstanceArn ?? 'this AppInstance'}`);
  }
}

function checkChannelRule(ctx: HandlerContext, op: MessagingOperation, r: ChannelRule, data: ChannelData, bearer: string): void {
  const roles = roleOf(ctx.state, bearer, data.channel.ChannelArn);
  const held: Cell[] = [];
  if (roles.admin) held.push(r.admin);
  if (roles.moderator) held.push(r.moderator);
  held.push(roles.membership ? r.member : r.nonMember);
  if (!held.some((cell) => allows(cell, ctx, data, roles, bearer))) {
    throw denied(bearer, op, `not allowed as ${describeRoles(roles)} of ${data.channel.Privacy} ${data.channel.Mode} channel ${data.channel.ChannelArn}`);
  }
  for (const check of r.also ?? []) {
    const reason = check(ctx, data, roles);
    if (reason) throw denied(bearer, op, reason);
  }
}

function allows(cell: Cell, ctx: HandlerContext, data: ChannelData, roles: ChannelRoles, bearer: string): boolean {
  switch (cell) {
    case 'A':
      return true;
    case 'D':
      return false;
    case 'P':
      return data.channel.Privacy === 'PUBLIC';
    case 'own':
      return ctx.input.AppInstanceUserArn === bearer;
    case 'self':
      return ctx.input.MemberArn === bearer;
    case 'unrestricted':
      return data.channel.Mode === 'UNRESTRICTED';
    case 'visible':
      return roles.membership?.Type === 'DEFAULT';
    case 'ownMessage':
    case 'sender': {
      const message = data.messages[ctx.input.MessageId];
      return !message || message.SenderArn === bearer; // a missing message is the handler's 404
    }
  }
}

function describeRoles(roles: ChannelRoles): string {
  const names = [roles.admin && 'AppInstanceAdmin', roles.moderator && 'moderator', roles.membership ? `${roles.membership.Type} member` : 'non-member'];
  return names.filter(Boolean).join(' and ');
}

function denied(bearer: string, op: string, why: string) {
  return forbidden(`${bearer} is not allowed to call ${op}: ${why}`);
}
