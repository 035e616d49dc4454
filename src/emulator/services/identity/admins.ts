// AppInstanceAdmins: users or bots of an AppInstance promoted to moderate every channel in it.
import { parentAppInstanceArn } from '../../arns.js';
import { page } from '../../paginate.js';
import type { EmulatorState, HandlerTable } from '../../types.js';
import { expectKind, findBot, findUser, identityOf, identityState, QUOTAS, requireAppInstance } from './state.js';
import { badRequest, conflict, limitExceeded, notFound } from '../chime-errors.js';

export const adminHandlers: HandlerTable<'identity'> = {
  CreateAppInstanceAdmin({ state, input, now }) {
    const app = requireAppInstance(state, input.AppInstanceArn);
    const adminArn: string = input.AppInstanceAdminArn;
    requireMember(state, app.AppInstanceArn, adminArn);
    const admins = (identityState(state).admins[app.AppInstanceArn] ??= {});
    if (admins[adminArn]) throw conflict(`${adminArn} is already an AppInstanceAdmin of ${app.AppInstanceArn}`);
    if (Object.keys(admins).length >= QUOTAS.adminsPerAppInstance) {
      throw limitExceeded(`The AppInstance already has the maximum of ${QUOTAS.adminsPerAppInstance} admins`);
    }
    admins[adminArn] = { Arn: adminArn, CreatedTimestamp: now };
    return { AppInstanceAdmin: identityOf(state, adminArn), AppInstanceArn: app.AppInstanceArn };
  },

  DescribeAppInstanceAdmin({ state, input }) {
    const app = requireAppInstance(state, input.AppInstanceArn);
    const admin = identityState(state).admins[app.AppInstanceArn]?.[input.AppInstanceAdminArn];
    if (!admin) throw notFound(`${input.AppInstanceAdminArn} is not an AppInstanceAdmin of ${app.AppInstanceArn}`);
    return {
      AppInstanceAdmin: {
        Admin: identityOf(state, admin.Arn),
        AppInstanceArn: app.AppInstanceArn,
        CreatedTimestamp: admin.CreatedTimestamp,
      },
    };
  },

  ListAppInstanceAdmins(ctx) {
    const app = requireAppInstance(ctx.state, ctx.input.AppInstanceArn);
    const all = Object.keys(identityState(ctx.state).admins[app.AppInstanceArn] ?? {}).map((arn) => ({
      Admin: identityOf(ctx.state, arn),
    }));
    const { items, nextToken } = page(all, ctx);
    return { AppInstanceArn: app.AppInstanceArn, AppInstanceAdmins: items, NextToken: nextToken };
  },

  DeleteAppInstanceAdmin({ state, input }) {
    const app = requireAppInstance(state, input.AppInstanceArn);
    const admins = identityState(state).admins[app.AppInstanceArn];
    if (!admins?.[input.AppInstanceAdminArn]) {
      throw notFound(`${input.AppInstanceAdminArn} is not an AppInstanceAdmin of ${app.AppInstanceArn}`);
    }
    // Demotes only: the user or bot stays.
    delete admins[input.AppInstanceAdminArn];
  },
};

/** Only an existing user or bot of the same AppInstance can be promoted. */
function requireMember(state: EmulatorState, appInstanceArn: string, arn: string): void {
  expectKind(arn, ['user', 'bot'], 'AppInstanceAdminArn');
  if (parentAppInstanceArn(arn) !== appInstanceArn) {
    throw badRequest(`${arn} does not belong to ${appInstanceArn}`);
  }
  if (!findUser(state, arn) && !findBot(state, arn)) throw notFound(`${arn} does not exist`);
}
