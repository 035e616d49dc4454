// AppInstances: the top-level container of users, bots, admins and channels.
import { randomUUID } from 'node:crypto';
import { appInstanceArn } from '../../arns.js';
import { page } from '../../paginate.js';
import type { EmulatorState, HandlerTable } from '../../types.js';
import { deleteAppInstanceMessaging } from '../messaging/channels.js';
import { forgetParticipant } from '../messaging/roster.js';
import { addTags } from './tags.js';
import { identityState, QUOTAS, requireAppInstance } from './state.js';
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

/** Removes an AppInstance with everything identity keeps under it: users (and their
 * endpoints), bots, admins, retention settings, and the tags of all of these. */
export function deleteAppInstanceData(state: EmulatorState, arn: string): void {
  const s = identityState(state);
  for (const userArn of Object.keys(s.users)) {
    if (s.users[userArn]!.AppInstanceArn === arn) {
      delete s.users[userArn];
      delete s.endpoints[userArn];
      forgetParticipant(state, userArn);
    }
  }
  for (const botArn of Object.keys(s.bots)) {
    if (s.bots[botArn]!.AppInstanceArn === arn) {
      delete s.bots[botArn];
      forgetParticipant(state, botArn);
    }
  }
  deleteAppInstanceMessaging(state, arn);
  delete s.admins[arn];
  delete s.retention[arn];
  delete s.userCounts[arn];
  delete s.appInstances[arn];
  for (const tagged of Object.keys(state.tags)) {
    if (tagged === arn || tagged.startsWith(`${arn}/user/`) || tagged.startsWith(`${arn}/bot/`)) delete state.tags[tagged];
  }
}
