// AppInstanceUsers. The caller picks the user id; its ARN is `<AppInstanceArn>/user/<id>`.
import { childArn } from '../../arns.js';
import { page } from '../../paginate.js';
import type { EmulatorState, HandlerTable } from '../../types.js';
import { forgetParticipant } from '../messaging/roster.js';
import { addTags } from './tags.js';
import { appInstanceMembers, identityState, QUOTAS, requireAppInstance, requireUser } from './state.js';
import { conflict, limitExceeded } from '../chime-errors.js';

export const userHandlers: HandlerTable<'identity'> = {
  CreateAppInstanceUser({ state, input, now }) {
    const s = identityState(state);
    const app = requireAppInstance(state, input.AppInstanceArn);
    const arn = childArn(app.AppInstanceArn, 'user', input.AppInstanceUserId);
    if (s.users[arn]) throw conflict(`AppInstanceUser ${input.AppInstanceUserId} already exists in ${app.AppInstanceArn}`);
    const members = appInstanceMembers(state, app.AppInstanceArn);
    if (members.userCount >= QUOTAS.usersPerAppInstance) {
      throw limitExceeded(`The AppInstance already has the maximum of ${QUOTAS.usersPerAppInstance} users`);
    }
    addTags(state, arn, input.Tags);
    s.users[arn] = {
      AppInstanceUserArn: arn,
      AppInstanceArn: app.AppInstanceArn,
      Name: input.Name,
      Metadata: input.Metadata,
      ExpirationSettings: input.ExpirationSettings,
      CreatedTimestamp: now,
      LastUpdatedTimestamp: now,
    };
    members.users[arn] = true;
    members.userCount++;
    return { AppInstanceUserArn: arn };
  },

  DescribeAppInstanceUser({ state, input }) {
    const { AppInstanceArn: _parent, ...user } = requireUser(state, input.AppInstanceUserArn);
    return { AppInstanceUser: user };
  },

  ListAppInstanceUsers(ctx) {
    const app = requireAppInstance(ctx.state, ctx.input.AppInstanceArn);
    const users = identityState(ctx.state).users;
    const all = Object.keys(appInstanceMembers(ctx.state, app.AppInstanceArn).users)
      .map((arn) => users[arn]!)
      .map((u) => ({ AppInstanceUserArn: u.AppInstanceUserArn, Name: u.Name, Metadata: u.Metadata }));
    const { items, nextToken } = page(all, ctx);
    return { AppInstanceArn: app.AppInstanceArn, AppInstanceUsers: items, NextToken: nextToken };
  },

  UpdateAppInstanceUser({ state, input, now }) {
    const user = requireUser(state, input.AppInstanceUserArn);
    user.Name = input.Name;
    user.Metadata = input.Metadata;
    user.LastUpdatedTimestamp = now;
    return { AppInstanceUserArn: user.AppInstanceUserArn };
  },

  PutAppInstanceUserExpirationSettings({ state, input, now }) {
    const user = requireUser(state, input.AppInstanceUserArn);
    // Leaving ExpirationSettings out removes the user's expiration.
    user.ExpirationSettings = input.ExpirationSettings;
    user.LastUpdatedTimestamp = now;
    return { AppInstanceUserArn: user.AppInstanceUserArn, ExpirationSettings: user.ExpirationSettings };
  },

  DeleteAppInstanceUser({ state, input }) {
    requireUser(state, input.AppInstanceUserArn);
    deleteUserData(state, input.AppInstanceUserArn);
  },
};

/** Removes a user with its endpoints, admin role and tags. */
export function deleteUserData(state: EmulatorState, arn: string): void {
  const s = identityState(state);
  const user = s.users[arn];
  if (!user) return;
  const members = appInstanceMembers(state, user.AppInstanceArn);
  delete members.users[arn];
  members.userCount--;
  delete s.users[arn];
  delete s.endpoints[arn];
  forgetParticipant(state, arn);
  delete s.admins[user.AppInstanceArn]?.[arn];
  delete state.tags[arn];
}
