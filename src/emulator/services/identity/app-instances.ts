// AppInstances: the top-level container of users, bots, admins and channels.
import { randomUUID } from 'node:crypto';
import { appInstanceArn } from '../../arns.js';
import { page } from '../../paginate.js';
import type { EmulatorState, HandlerTable } from '../../types.js';
import { deleteAppInstanceMessaging } from '../messaging/channels.js';
import { forgetParticipant } from '../messaging/roster.js';
import { addTags } from './tags.js';
import { appInstanceMembers, identityState, QUOTAS, requireAppInstance } from './state.js';
import { limitExceeded } from '../chime-errors.js';

export const appInstanceHandlers: HandlerTable<'identity'> = {
  CreateAppInstance({ state, input, now, region, account }) {
    const s = identityState(state);
    if (Object.keys(s.appInstances).length >= QUOTAS.appInstancesPerAccount) {
      throw limitExceeded(`The account already has the maximum of ${QUOTAS.appInstancesPerAccount} AppInstances`);
    }
    const arn = appInstanceArn(region, account, randomUUID());
    addTags(state, arn, input.Tags);
    s.appInstances[arn] = {
      AppInstanceArn: arn,
      Name: input.Name,
      Metadata: input.Metadata,
      CreatedTimestamp: now,
      LastUpdatedTimestamp: now,
    };
    s.byAppInstance[arn] = { users: {}, bots: {}, userCount: 0 };
    return { AppInstanceArn: arn };
  },

  DescribeAppInstance({ state, input }) {
    return { AppInstance: { ...requireAppInstance(state, input.AppInstanceArn) } };
  },

  ListAppInstances(ctx) {
    const all = Object.values(identityState(ctx.state).appInstances).map((a) => ({
      AppInstanceArn: a.AppInstanceArn,
      Name: a.Name,
      Metadata: a.Metadata,
    }));
    const { items, nextToken } = page(all, ctx);
    return { AppInstances: items, NextToken: nextToken };
  },

  UpdateAppInstance({ state, input, now }) {
    const app = requireAppInstance(state, input.AppInstanceArn);
    app.Name = input.Name;
    app.Metadata = input.Metadata;
    app.LastUpdatedTimestamp = now;
    return { AppInstanceArn: app.AppInstanceArn };
  },

  DeleteAppInstance({ state, input }) {
    requireAppInstance(state, input.AppInstanceArn);
    deleteAppInstanceData(state, input.AppInstanceArn);
  },
};

/** Removes an AppInstance with everything kept under it: users (and their endpoints), bots,
 * admins, retention settings, its messaging channels and flows, and the tags of all of these. */
export function deleteAppInstanceData(state: EmulatorState, arn: string): void {
  const s = identityState(state);
  const members = appInstanceMembers(state, arn);
  for (const userArn of Object.keys(members.users)) {
    delete s.users[userArn];
    delete s.endpoints[userArn];
    delete state.tags[userArn];
    forgetParticipant(state, userArn);
  }
  for (const botArn of Object.keys(members.bots)) {
    delete s.bots[botArn];
    delete state.tags[botArn];
    forgetParticipant(state, botArn);
  }
  deleteAppInstanceMessaging(state, arn);
  delete s.admins[arn];
  delete s.retention[arn];
  delete s.byAppInstance[arn];
  delete s.appInstances[arn];
  delete state.tags[arn];
}
