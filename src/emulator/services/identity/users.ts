// AppInstanceUsers. The caller picks the user id; its ARN is `<AppInstanceArn>/user/<id>`.
import { childArn } from '../../arns.js';
import { page } from '../../paginate.js';
import type { EmulatorState, HandlerTable } from '../../types.js';
import { forgetParticipant } from '../messaging/roster.js';
import { addTags } from './tags.js';
import { identityState, QUOTAS, requireAppInstance, requireUser, userCount } from './state.js';
import { conflict, limitExceeded } from '../chime-errors.js';

export const userHandlers: HandlerTable<'identity'> = {
  CreateAppInstanceUser({ state, input, now }) {
    const s = identityState(state);
    const app = requireAppInstance(state, input.AppInstanceArn);
    const arn = childArn(app.AppInstanceArn, 'user', input.AppInstanceUserId);
    if (s.users[arn]) throw conflict(`AppInstanceUser ${input.AppInstanceUserId} already exists in ${app.AppInstanceArn}`);
    const count = userCount(state, app.AppInstanceArn);
    if (count >= QUOTAS.usersPerAppInstance) {
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
    s.userCounts[app.AppInstanceArn] = count + 1;
    return { AppInstanceUserArn: arn };
  },

  DescribeAppInstanceUser({ state, input }) {
    const { AppInstanceArn: _parent, ...user } = requireUser(state, input.AppInstanceUserArn);
    return { AppInstanceUser: user };
  },

  ListAppInstanceUsers(ctx) {
    const app = requireAppInstance(ctx.state, ctx.input.AppInstanceArn);
    const all = Object.values(identityState(ctx.state).users)
      .filter((u) => u.AppInstanceArn === app.AppInstanceArn)
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
  const remaining = userCount(state, user.AppInstanceArn) - 1;
  delete s.users[arn];
  s.userCounts[user.AppInstanceArn] = remaining;
  delete s.endpoints[arn];
  forgetParticipant(state, arn);
  delete s.admins[user.AppInstanceArn]?.[arn];
  delete state.tags[arn];
}
